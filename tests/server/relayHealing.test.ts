import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote } from '../../shared/operations';
import type { Principal } from '../../shared/protocol';
import { readNotes } from '../../shared/schema';
import { NodeLiveness } from '../../server/scale/NodeLiveness';
import { RelaySequences } from '../../server/scale/RelaySequences';
import { createMemoryStorage } from '../../server/storage/memoryStorage';
import { encodeUpdate } from '../../server/sync/messages';
import { Room } from '../../server/sync/Room';
import { lacksSomethingOf } from '../../server/sync/stateVectors';
import { createSyncMetrics } from '../../server/sync/SyncMetrics';
import { MemoryRelayBus } from '../helpers/memoryRelay';
import { RecordingConnection } from '../helpers/recordingConnection';
import { silentLogger } from '../helpers/silentLogger';
import { eventually } from '../helpers/yjsClients';

const principal = (userId: string): Principal => ({ userId, workshopId: 'wshop1', name: userId, role: 'commune', community: null });
/** Written by Alice (the server checks that authorship is the writer's own). */
const note = (id: string, by = 'alice') => ({ id, x: 0, y: 0, kind: 'idea' as const, text: id, authorId: by, authorName: by, createdAt: 1 });
const ROOM = 'wshop1.proj01';

/** Two nodes sharing one storage and an in-memory relay that loses what the test says. */
async function twoNodes() {
  const storage = createMemoryStorage();
  const bus = new MemoryRelayBus();
  const node = async (id: string) => {
    const metrics = createSyncMetrics();
    const options = { compactAfterBytes: 1 << 30, maxDocumentBytes: 1 << 30, batchIntervalMs: 0, awarenessIntervalMs: 10, antiEntropyMs: 100 };
    const room = await Room.load(ROOM, storage.docs, silentLogger, { ...options, relay: bus.relay(id), metrics }, () => {});
    const reader = new RecordingConnection(principal(`reader-${id}`));
    room.join(reader);
    return { room, reader, metrics };
  };
  const a = await node('node-a');
  const b = await node('node-b');
  /** A client of node A with its own document. */
  const writer = (name: string) => {
    const conn = new RecordingConnection(principal(name));
    a.room.join(conn);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => a.room.receive(conn, encodeUpdate(u)));
    return doc;
  };
  return { bus, a, b, writer };
}

const ids = (conn: RecordingConnection) => readNotes(conn.mirror()).map((n) => n.id);

describe('relay healing', () => {
  it("a lost last update (nothing after it, nothing pending) is healed by the nodes' state-vector check", async () => {
    const { bus, a, b, writer } = await twoNodes();
    const doc = writer('alice');
    bus.lose = (_room, kind) => kind === 'update';
    addNote(doc, note('lostnote'));
    await a.room.settle();
    bus.lose = () => false;
    expect(ids(b.reader)).toEqual([]); // the relay lost it: node B does not know

    a.room.publishStateVector(); // what the anti-entropy timer does every period
    await eventually(() => ids(b.reader).includes('lostnote'), 'node B heals from storage', 5000);
    expect(b.metrics.relayGapsHealed).toBe(1);
    // B's own check finds nothing to heal the other way.
    b.room.publishStateVector();
    await a.room.settle();
    expect(a.metrics.relayGapsSuspected).toBe(0);
  });

  it('a gap in sequence numbers heals at once, even when what follows does not depend on what was lost', async () => {
    const { bus, a, b, writer } = await twoNodes();
    const alice = writer('alice');
    const bob = writer('bob'); // another Yjs client: its update does not wait for Alice's
    addNote(alice, note('firstnote'));
    addNote(alice, note('gonenote'));
    deleteNote(alice, 'gonenote'); // storage then holds a deletion, which every heal's diff carries
    await a.room.settle();
    await eventually(() => ids(b.reader).includes('firstnote'), 'the first note is relayed', 5000);
    bus.lose = (_room, kind) => kind === 'update';
    addNote(alice, note('alicenote'));
    await a.room.settle();
    bus.lose = () => false;
    addNote(bob, note('bobnote', 'bob'));
    await a.room.settle();
    await eventually(() => ids(b.reader).includes('alicenote') && ids(b.reader).includes('bobnote'), 'node B has both notes', 5000);
    expect(b.metrics.relayGapsHealed).toBe(1);
    // Nothing is missing any more: a heal finds nothing, deletions included.
    await b.room.heal('test: nothing missing');
    expect(b.metrics.relayGapsHealed).toBe(1);
    expect(ids(b.reader).sort()).toEqual(['alicenote', 'bobnote', 'firstnote']);
  });
});

describe('relay rules', () => {
  it('sequence numbers: consecutive is fine, a skip is a gap, 1 starts a new run, rooms and senders are apart', () => {
    const sender = new RelaySequences();
    expect([sender.next('r1'), sender.next('r1'), sender.next('r2')]).toEqual([1, 2, 1]);
    const receiver = new RelaySequences();
    expect(receiver.receive('r1', 'a', 5)).toBe(false); // the first heard from a node: nothing to compare
    expect(receiver.receive('r1', 'a', 6)).toBe(false);
    expect(receiver.receive('r1', 'a', 8)).toBe(true);
    expect(receiver.receive('r1', 'a', 1)).toBe(false); // the sender reloaded the room
    expect(receiver.receive('r1', 'b', 9)).toBe(false);
    expect(receiver.receive('r2', 'a', 3)).toBe(false);
    receiver.forgetNode('a');
    expect(receiver.receive('r1', 'a', 7)).toBe(false);
  });

  it('node liveness: silence beyond the timeout is death, a goodbye is immediate, our own outage forgives', () => {
    const nodes = new NodeLiveness(3000);
    nodes.heard('a', 0);
    nodes.heard('b', 1000);
    expect(nodes.expire(3000)).toEqual([]);
    expect(nodes.expire(3500)).toEqual(['a']);
    expect(nodes.expire(3600)).toEqual([]); // reported once
    nodes.forgive(9000);
    expect(nodes.expire(11_000)).toEqual([]);
    expect(nodes.left('b')).toBe(true);
    expect(nodes.left('b')).toBe(false);
    expect(nodes.expire(60_000)).toEqual([]);
  });

  it('state vectors: behind when another client or a higher clock is known elsewhere', () => {
    const local = new Map([
      [1, 10],
      [2, 5],
    ]);
    expect(lacksSomethingOf(local, new Map([[1, 10]]))).toBe(false);
    expect(lacksSomethingOf(local, new Map([[1, 11]]))).toBe(true);
    expect(lacksSomethingOf(local, new Map([[3, 1]]))).toBe(true);
    expect(lacksSomethingOf(new Map([[1, 12]]), local)).toBe(true);
  });
});
