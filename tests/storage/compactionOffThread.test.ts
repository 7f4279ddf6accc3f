import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { readNotes } from '../../shared/schema';
import { createMergeRunner, mergeInThread, type MergeUpdates } from '../../server/mergeUpdates';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function sqlite(mergeUpdates: MergeUpdates) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-'));
  dirs.push(dir);
  return openSqliteStorage(path.join(dir, 'croisee.db'), { mergeUpdates });
}

/** One update per note, as a client writes them. */
function noteUpdates(count: number, prefix: string, text = 'idée'): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++)
    addNote(doc, { id: `${prefix}${String(i).padStart(5, '0')}`, x: i, y: 0, kind: 'idea', text, authorId: 'u1', authorName: 'U', createdAt: i });
  return updates;
}
const idsOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return readNotes(doc)
    .map((n) => n.id)
    .sort();
};

/** A merge that waits until released, so appends and compactions can happen while it runs. */
function gatedMerge() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const merging = new Promise<void>((resolve) => (started = resolve));
  const merge: MergeUpdates = async (updates) => {
    started();
    await gate;
    return mergeInThread(updates);
  };
  return { merge, merging, release };
}

describe('compaction with the merge off the event loop (SQLite)', () => {
  it('keeps an update appended while the merge runs', async () => {
    const { merge, merging, release } = gatedMerge();
    const storage = sqlite(merge);
    const room = 'wshop1.proj01';
    for (const u of noteUpdates(20, 'a')) await storage.docs.append(room, u);
    const compaction = storage.docs.compact(room);
    await merging;
    const [late] = noteUpdates(1, 'late');
    await storage.docs.append(room, late);
    release();
    await compaction;
    expect(await storage.docs.count(room)).toBe(2); // the merge, and the append made meanwhile
    expect(idsOf(await storage.docs.load(room))).toEqual([...Array.from({ length: 20 }, (_, i) => `a${String(i).padStart(5, '0')}`), 'late00000']);
    await storage.close();
  });

  it('a compaction overtaken by another one of the same room loses nothing and leaves one entry', async () => {
    const slow = gatedMerge();
    let fast = false;
    // The first compaction waits at the gate; the second merges at once and replaces the rows first.
    const storage = sqlite((updates) => (fast ? mergeInThread(updates) : slow.merge(updates)));
    const room = 'wshop1.proj02';
    for (const u of noteUpdates(10, 'b')) await storage.docs.append(room, u);
    const first = storage.docs.compact(room);
    await slow.merging;
    fast = true;
    await storage.docs.compact(room);
    slow.release();
    await first;
    expect(await storage.docs.count(room)).toBe(1);
    expect(idsOf(await storage.docs.load(room))).toHaveLength(10);
    await storage.close();
  });

  it('merges a big log in a worker thread, with the same result as on the event loop, while the loop stays free', async () => {
    const runner = createMergeRunner();
    try {
      const updates = noteUpdates(3000, 'c', 'une idée assez longue pour que le journal dépasse le seuil du fil de travail');
      expect(updates.reduce((n, u) => n + u.byteLength, 0)).toBeGreaterThan(128 * 1024);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const merged = await runner.merge(updates);
      clearInterval(timer);
      expect(Buffer.from(merged).equals(Buffer.from(Y.mergeUpdates(updates)))).toBe(true);
      // Timers ran while the worker merged: the event loop was not blocked by it.
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await runner.close();
    }
  });
});
