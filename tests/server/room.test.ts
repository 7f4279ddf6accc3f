import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { addNote } from '../../shared/operations';
import { CloseCode, MessageType, type Principal } from '../../shared/protocol';
import { readNotes } from '../../shared/schema';
import { quietLogger } from '../../server/logger';
import { createMemoryStorage } from '../../server/storage/memoryStorage';
import { Room } from '../../server/sync/Room';
import type { DocStorage } from '../../server/storage/Storage';
import { encodeAwareness, encodeStored, encodeSyncStep1, encodeUpdate } from '../../server/sync/messages';
import { createSyncMetrics } from '../../server/sync/SyncMetrics';
import { RecordingConnection } from '../helpers/recordingConnection';
import { silentLogger } from '../helpers/silentLogger';

const principal = (userId: string): Principal => ({ userId, workshopId: 'wshop1', name: userId, role: 'commune', community: null });
const options = {
  compactAfterBytes: 1 << 30,
  relay: null,
  maxDocumentBytes: 1 << 30,
  batchIntervalMs: 0,
  awarenessIntervalMs: 10,
  antiEntropyMs: 1000,
  metrics: createSyncMetrics(),
};
const keep = () => {};

/** A writer whose local doc sends each change to the room, and a reader, both joined. */
function writerAndReader(room: Room) {
  const writer = new RecordingConnection(principal('writer'));
  const reader = new RecordingConnection(principal('reader'));
  room.join(writer);
  room.join(reader);
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array) => room.receive(writer, encodeUpdate(u)));
  return { writer, reader, doc };
}

describe('Room', () => {
  it('stores each batch before broadcasting it, once per batch, and not back to its author', async () => {
    const storage = createMemoryStorage();
    const room = await Room.load('wshop1.proj01', storage.docs, quietLogger, options, keep);
    const { writer, reader, doc } = writerAndReader(room);
    for (let i = 0; i < 10; i++)
      addNote(doc, { id: `note${i}0000`, x: 0, y: 0, kind: 'idea', text: `${i}`, authorId: 'writer', authorName: 'writer', createdAt: i });
    expect(reader.updateFrames()).toBe(0); // nothing is broadcast before it is stored
    await room.settle();
    expect(reader.updateFrames()).toBe(1); // ten updates of one turn: one merged frame
    expect(writer.updateFrames()).toBe(0);
    expect(await storage.docs.count('wshop1.proj01')).toBe(1);
    expect(readNotes(reader.mirror())).toHaveLength(10);
  });

  it('merges what a slow connection misses and sends it once when it has drained', async () => {
    const storage = createMemoryStorage();
    const room = await Room.load('wshop1.proj02', storage.docs, quietLogger, options, keep);
    const writer = new RecordingConnection(principal('writer'));
    const slow = new RecordingConnection(principal('slow'));
    const fast = new RecordingConnection(principal('fast'));
    for (const c of [writer, slow, fast]) room.join(c);
    slow.slow = true;
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => room.receive(writer, encodeUpdate(u)));
    for (let i = 0; i < 200; i++) {
      addNote(doc, { id: `note${String(i).padStart(6, '0')}`, x: 0, y: 0, kind: 'idea', text: `${i}`, authorId: 'writer', authorName: 'writer', createdAt: i });
      await room.settle(); // one batch each
    }
    expect(fast.updateFrames()).toBe(200);
    expect(slow.updateFrames()).toBe(0);
    slow.drain();
    expect(slow.updateFrames()).toBe(1);
    expect(readNotes(slow.mirror()).map((n) => n.id)).toEqual(readNotes(doc).map((n) => n.id));
  });

  it('store, then share: an update whose append failed reaches nobody, not even in a sync reply', async () => {
    const storage = createMemoryStorage();
    const failing: DocStorage = { ...storage.docs, append: () => Promise.reject(new Error('disk full')) };
    const metrics = createSyncMetrics();
    const failed: Room[] = [];
    const room = await Room.load('wshop1.proj03', failing, silentLogger, { ...options, metrics }, (r) => failed.push(r));
    const { reader, doc } = writerAndReader(room);
    const joinFrames = reader.frames.length;
    addNote(doc, { id: 'lostnote01', x: 0, y: 0, kind: 'idea', text: 'jamais stockée', authorId: 'writer', authorName: 'writer', createdAt: 1 });
    room.receive(reader, encodeSyncStep1(new Y.Doc())); // asks for everything while the append runs
    await room.settle();
    expect(failed).toEqual([room]);
    expect(metrics.appendFailures).toBe(1);
    expect(reader.frames.length).toBe(joinFrames); // no broadcast, and the sync reply was withheld
    expect(readNotes(reader.mirror())).toEqual([]);
  });

  it('a sync reply is sent only once everything in it is stored', async () => {
    const storage = createMemoryStorage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: DocStorage = { ...storage.docs, append: async (r, u) => (await gate, storage.docs.append(r, u)) };
    const room = await Room.load('wshop1.proj04', slow, quietLogger, options, keep);
    const { reader, doc } = writerAndReader(room);
    addNote(doc, { id: 'slownote01', x: 0, y: 0, kind: 'idea', text: 'bientôt', authorId: 'writer', authorName: 'writer', createdAt: 1 });
    await new Promise((resolve) => setImmediate(resolve)); // the batch is now being stored
    room.receive(reader, encodeSyncStep1(new Y.Doc()));
    const late = new RecordingConnection(principal('late'));
    room.join(late);
    room.receive(late, encodeSyncStep1(new Y.Doc()));
    expect(reader.updateFrames() + reader.frames.filter((f) => f[0] === MessageType.sync && f[1] === 1).length).toBe(0);
    expect(readNotes(late.mirror())).toEqual([]);
    release();
    await room.settle();
    expect(await storage.docs.count('wshop1.proj04')).toBe(1);
    expect(readNotes(reader.mirror()).map((n) => n.id)).toEqual(['slownote01']);
    expect(readNotes(late.mirror()).map((n) => n.id)).toEqual(['slownote01']);
  });

  it('answers "stored?" only once everything the connection sent before is stored, and not at all if storing fails', async () => {
    const storage = createMemoryStorage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let failNext = false;
    const slow: DocStorage = {
      ...storage.docs,
      append: async (r, u) => {
        if (failNext) throw new Error('disk full');
        await gate;
        return storage.docs.append(r, u);
      },
    };
    const room = await Room.load('wshop1.proj14', slow, quietLogger, options, keep);
    const { writer, doc } = writerAndReader(room);
    const acks = () =>
      writer.frames
        .filter((f) => f[0] === MessageType.stored)
        .map((f) => {
          const d = decoding.createDecoder(f);
          decoding.readVarUint(d);
          return decoding.readVarUint(d);
        });
    addNote(doc, { id: 'acknote001', x: 0, y: 0, kind: 'idea', text: 'gardée', authorId: 'writer', authorName: 'writer', createdAt: 1 });
    room.receive(writer, encodeStored(7));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acks()).toEqual([]); // the note is still being stored
    release();
    await room.settle();
    expect(await storage.docs.count('wshop1.proj14')).toBe(1);
    expect(acks()).toEqual([7]);
    // Nothing pending: answered at once.
    room.receive(writer, encodeStored(8));
    expect(acks()).toEqual([7, 8]);
    // Storing fails: the change is not stored, so it is never said to be.
    failNext = true;
    addNote(doc, { id: 'acknote002', x: 0, y: 0, kind: 'idea', text: 'perdue ?', authorId: 'writer', authorName: 'writer', createdAt: 2 });
    room.receive(writer, encodeStored(9));
    await room.settle().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acks()).toEqual([7, 8]);
    // Nor is anything sent after the failure (the room drops updates until it reloads).
    addNote(doc, { id: 'acknote003', x: 0, y: 0, kind: 'idea', text: 'après', authorId: 'writer', authorName: 'writer', createdAt: 3 });
    room.receive(writer, encodeStored(10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acks()).toEqual([7, 8]);
  });

  it('a malformed "stored?" request closes that connection only', async () => {
    const storage = createMemoryStorage();
    const room = await Room.load('wshop1.proj15', storage.docs, quietLogger, options, keep);
    const { writer, reader } = writerAndReader(room);
    room.receive(writer, new Uint8Array([MessageType.stored]));
    expect(writer.closedWith).toEqual({ code: CloseCode.badMessage, reason: 'truncated frame' });
    expect(reader.closedWith).toBeNull();
  });

  it('sends a document batch and the presence changes gathered meanwhile in one write per connection', async () => {
    const storage = createMemoryStorage();
    // Presence would wait 10 s on its own: it leaves with the next document batch instead.
    const room = await Room.load('wshop1.proj05', storage.docs, quietLogger, { ...options, awarenessIntervalMs: 10_000 }, keep);
    const { writer, reader, doc } = writerAndReader(room);
    const mover = new RecordingConnection(principal('mover'));
    room.join(mover);
    const cursor = new Awareness(new Y.Doc());
    cursor.setLocalState({ user: { name: 'mover' }, cursor: { x: 1, y: 2 } });
    const before = { writer: writer.writes, reader: reader.writes, mover: mover.writes };
    room.receive(mover, encodeAwareness(encodeAwarenessUpdate(cursor, [cursor.clientID])));
    addNote(doc, { id: 'ticknote01', x: 0, y: 0, kind: 'idea', text: 'ensemble', authorId: 'writer', authorName: 'writer', createdAt: 1 });
    await room.settle();
    // The reader gets both in one write; each author gets only the other's message, in one write.
    expect(reader.writes - before.reader).toBe(1);
    expect(reader.frames.slice(-2).map((f) => f[0])).toEqual([MessageType.sync, MessageType.awareness]);
    expect(writer.writes - before.writer).toBe(1);
    expect(writer.frames.at(-1)![0]).toBe(MessageType.awareness);
    expect(writer.updateFrames()).toBe(0);
    expect(mover.writes - before.mover).toBe(1);
    expect(mover.frames.at(-1)![0]).toBe(MessageType.sync);
    expect(readNotes(mover.mirror()).map((n) => n.id)).toEqual(['ticknote01']);
    // Nothing is left for the presence timer to send again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reader.writes - before.reader).toBe(1);
    // Presence still leaves at most once per interval: a move right after waits, the next batch goes alone.
    cursor.setLocalState({ user: { name: 'mover' }, cursor: { x: 3, y: 4 } });
    room.receive(mover, encodeAwareness(encodeAwarenessUpdate(cursor, [cursor.clientID])));
    addNote(doc, { id: 'ticknote02', x: 0, y: 0, kind: 'idea', text: 'seule', authorId: 'writer', authorName: 'writer', createdAt: 2 });
    await room.settle();
    expect(reader.writes - before.reader).toBe(2);
    expect(reader.frames.at(-1)![0]).toBe(MessageType.sync);
    cursor.doc.destroy();
    cursor.destroy();
  });

  it('presence due while a document batch is being stored waits for it and leaves with it', async () => {
    const storage = createMemoryStorage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: DocStorage = { ...storage.docs, append: async (r, u) => (await gate, storage.docs.append(r, u)) };
    const room = await Room.load('wshop1.proj06', slow, quietLogger, { ...options, awarenessIntervalMs: 20 }, keep);
    const { reader, doc } = writerAndReader(room);
    const mover = new RecordingConnection(principal('mover'));
    room.join(mover);
    const cursor = new Awareness(new Y.Doc());
    cursor.setLocalState({ user: { name: 'mover' }, cursor: { x: 1, y: 2 } });
    const before = reader.writes;
    addNote(doc, { id: 'slowtick01', x: 0, y: 0, kind: 'idea', text: 'stockée lentement', authorId: 'writer', authorName: 'writer', createdAt: 1 });
    room.receive(mover, encodeAwareness(encodeAwarenessUpdate(cursor, [cursor.clientID])));
    await new Promise((resolve) => setTimeout(resolve, 25)); // the presence timer has fired meanwhile
    expect(reader.writes - before).toBe(0);
    release();
    await room.settle();
    expect(reader.writes - before).toBe(1);
    expect(reader.frames.slice(-2).map((f) => f[0])).toEqual([MessageType.sync, MessageType.awareness]);
    cursor.doc.destroy();
    cursor.destroy();
  });
});
