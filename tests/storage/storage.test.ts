import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { readNotes } from '../../shared/schema';
import { createMemoryStorage } from '../../server/storage/memoryStorage';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';
import { dropPostgresSchema, openPostgresStorage } from '../../server/storage/postgresStorage';
import { POSTGRES_URL, requireService, uniqueName } from '../helpers/services';
import { describeStorageContract } from './storageContract';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-'));

describeStorageContract('memory', async () => {
  const storage = createMemoryStorage();
  return { storage, cleanup: () => storage.close() };
});

describeStorageContract('sqlite', async () => {
  const dir = tmpDir();
  const storage = openSqliteStorage(path.join(dir, 'croisee.db'));
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (await requireService('postgres')) {
  describeStorageContract('postgres', async () => {
    const schema = uniqueName('croisee_test');
    const storage = await openPostgresStorage(POSTGRES_URL, { schema });
    return {
      storage,
      cleanup: async () => {
        await storage.close();
        await dropPostgresSchema(POSTGRES_URL, schema);
      },
    };
  });
}

describe('sqlite storage: durability', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('data survives close and reopen of the same file', async () => {
    const dir = tmpDir();
    dirs.push(dir);
    const file = path.join(dir, 'croisee.db');

    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    addNote(doc, { id: 'note01', x: 1, y: 2, kind: 'idea', text: 'kept', authorId: 'u1', authorName: 'Ada', createdAt: 1 });
    addNote(doc, { id: 'note02', x: 3, y: 4, kind: 'risk', text: 'also kept', authorId: 'u1', authorName: 'Ada', createdAt: 2 });

    const first = openSqliteStorage(file);
    for (const u of updates) await first.docs.append('wshop1.proj01', u);
    await first.docs.append('wshop2', new Uint8Array([7, 7]));
    await first.docs.compact('wshop1.proj01');
    const workshop = { id: 'wshop1', title: 'Durable', joinCode: 'ABC234', createdAt: 42, tokenLifetimeMs: null, ticketsOnly: false };
    await first.registry.createWorkshop(workshop);
    const participant = {
      userId: 'user01',
      workshopId: 'wshop1',
      name: 'Ada',
      role: 'expert' as const,
      community: 'maker' as const,
      createdAt: 43,
      origin: 'join' as const,
      deviceHash: null,
    };
    await first.registry.addParticipant(participant, 'hash01');
    await first.registry.setSetting('demo', 'links');
    await first.registry.transactFacilitation('wshop1', () => ({ json: '{"stage":"vote"}', result: undefined }));
    const revoked = { ...participant, userId: 'user02', name: 'Bob' };
    await first.registry.addParticipant(revoked, 'hash02');
    expect(await first.registry.revokeParticipant('wshop1', 'user02')).toBe(true);
    await first.docs.append('wshop1.proj01.user01', new Uint8Array([0, 0]));
    await first.close();
    await first.close(); // closing twice is harmless

    const second = openSqliteStorage(file);
    try {
      expect(await second.docs.count('wshop1.proj01')).toBe(1);
      const rebuilt = new Y.Doc();
      for (const u of await second.docs.load('wshop1.proj01')) Y.applyUpdate(rebuilt, u);
      expect(readNotes(rebuilt)).toEqual(readNotes(doc));
      expect((await second.docs.load('wshop2')).map((u) => Array.from(u))).toEqual([[7, 7]]);
      expect(await second.registry.getWorkshop('wshop1')).toEqual(workshop);
      expect(await second.registry.findWorkshopByJoinCode('ABC234')).toEqual(workshop);
      expect(await second.registry.findParticipantByTokenHash('hash01')).toEqual(participant);
      expect(await second.registry.getSetting('demo')).toBe('links');
      expect(await second.registry.loadFacilitation('wshop1')).toBe('{"stage":"vote"}');
      expect(await second.registry.findParticipantByTokenHash('hash02')).toBeNull();
      expect(await second.docs.listRooms('wshop1.proj01.')).toEqual(['wshop1.proj01.user01']);

      // still writable after reopening, and the old constraints still hold
      await second.docs.append('wshop2', new Uint8Array([8]));
      expect(await second.docs.count('wshop2')).toBe(2);
      await expect(second.registry.createWorkshop({ ...workshop, id: 'wshop9' })).rejects.toThrow();
    } finally {
      await second.close();
    }
  });

  it('a file from before token origins and settings opens with them added and origins filled in', async () => {
    const dir = tmpDir();
    dirs.push(dir);
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE participants (user_id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        role TEXT NOT NULL, community TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER);
      INSERT INTO workshops VALUES ('wshop1', 'Ancien', 'ABC234', 100);
      INSERT INTO participants VALUES ('creator', 'wshop1', 'h1', 'Anim', 'facilitator', NULL, 100, NULL);
      INSERT INTO participants VALUES ('cofac01', 'wshop1', 'h2', 'Co', 'facilitator', NULL, 150, NULL);
      INSERT INTO participants VALUES ('wall001', 'wshop1', 'h3', 'Mur', 'viewer', NULL, 160, NULL);
      INSERT INTO participants VALUES ('alice01', 'wshop1', 'h4', 'Alice', 'commune', NULL, 170, NULL);
    `);
    old.close();
    const storage = openSqliteStorage(file);
    try {
      expect(await storage.registry.getWorkshop('wshop1')).toEqual({
        id: 'wshop1',
        title: 'Ancien',
        joinCode: 'ABC234',
        createdAt: 100,
        tokenLifetimeMs: null,
        ticketsOnly: false,
      });
      expect((await storage.registry.listParticipants('wshop1')).map((p) => [p.userId, p.origin])).toEqual([
        ['creator', 'creator'],
        ['cofac01', 'link'],
        ['wall001', 'link'],
        ['alice01', 'join'],
      ]);
    } finally {
      await storage.close();
    }
  });

  it('creates the file in the given directory', async () => {
    const dir = tmpDir();
    dirs.push(dir);
    const file = path.join(dir, 'fresh.db');
    const storage = openSqliteStorage(file);
    await storage.docs.append('wshop1', new Uint8Array([1]));
    await storage.close();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });
});
