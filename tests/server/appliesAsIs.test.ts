import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, moveNote, setNoteText } from '../../shared/operations';
import { notesMap, noteText } from '../../shared/schema';
import { appliesAsIs } from '../../server/sync/appliesAsIs';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One client's random edit, as the app makes them (create, move, type, delete a note). */
function edit(doc: Y.Doc, rnd: () => number, seq: number): void {
  const ids = [...notesMap(doc).keys()];
  const pick = () => ids[Math.floor(rnd() * ids.length)];
  const r = rnd();
  if (ids.length === 0 || r < 0.3) {
    addNote(doc, { id: `n${doc.clientID}-${seq}`, x: seq, y: seq, kind: 'idea', text: 'idée', authorId: 'u', authorName: 'U', createdAt: seq });
  } else if (r < 0.55) {
    moveNote(doc, pick(), Math.floor(rnd() * 1000), Math.floor(rnd() * 1000));
  } else if (r < 0.75) {
    // A typed character, at the end or in the middle.
    const text = noteText(notesMap(doc).get(pick())!)!;
    text.insert(Math.floor(rnd() * (text.length + 1)), 'abcdef'[Math.floor(rnd() * 6)]);
  } else if (r < 0.9) {
    const id = pick();
    setNoteText(doc, id, `${noteText(notesMap(doc).get(id)!)!.toString().slice(1)}!`);
  } else {
    deleteNote(doc, pick());
  }
}

/** What Yjs itself encodes for the change when the update is applied (what the room used to store). */
function appliedAndEncoded(doc: Y.Doc, update: Uint8Array): Uint8Array[] {
  const encoded: Uint8Array[] = [];
  const listen = (u: Uint8Array) => encoded.push(u);
  doc.on('update', listen);
  Y.applyUpdate(doc, update);
  doc.off('update', listen);
  return encoded;
}

const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};
/** The ids an update's structs cover, as contiguous ranges per client. */
function idRanges(update: Uint8Array): string[] {
  const ranges: Array<{ client: number; clock: number; end: number }> = [];
  for (const s of Y.decodeUpdate(update).structs) {
    const last = ranges[ranges.length - 1];
    if (last && last.client === s.id.client && last.end === s.id.clock) last.end += s.length;
    else ranges.push({ client: s.id.client, clock: s.id.clock, end: s.id.clock + s.length });
  }
  return ranges.map((r) => `${r.client}:${r.clock}-${r.end}`);
}
const pending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

describe('appliesAsIs', () => {
  it('is true exactly when the update, stored as received, equals what Yjs encodes for the change', () => {
    let asIs = 0;
    let notAsIs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const server = new Y.Doc();
      const clients = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      // What each client produced, in order; what the server got of it so far is delivered in a
      // shuffled order with duplicates, as relayed peers and offline clients do.
      const queue: Uint8Array[] = [];
      for (const c of clients) c.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && queue.push(u));
      for (let step = 0; step < 60; step++) {
        const c = clients[Math.floor(rnd() * clients.length)];
        edit(c, rnd, step);
        // Clients see each other's changes now and then (their later edits then build on them).
        if (rnd() < 0.3) for (const other of clients) if (other !== c) Y.applyUpdate(other, Y.encodeStateAsUpdate(c), 'peer');
        if (rnd() < 0.5 && queue.length > 0) {
          const mode = rnd();
          const index = mode < 0.7 ? 0 : Math.floor(rnd() * queue.length);
          const update = mode < 0.85 ? queue.splice(index, 1)[0] : queue[index]; // sometimes kept: sent twice
          const decoded = Y.decodeUpdate(update);
          const verdict = appliesAsIs(server, decoded);
          const before = copy(server);
          const hadPending = pending(server);
          const encoded = appliedAndEncoded(server, update);
          if (!verdict) {
            notAsIs++;
            continue;
          }
          asIs++;
          expect(hadPending).toBe(false);
          expect(pending(server)).toBe(false);
          // One change, and a document that gets the update as received ends up the same as one
          // that gets what Yjs encoded, with nothing left pending on either.
          expect(encoded).toHaveLength(1);
          const viaReceived = copy(before);
          const viaEncoded = copy(before);
          Y.applyUpdate(viaReceived, update);
          Y.applyUpdate(viaEncoded, encoded[0]);
          expect(pending(viaReceived)).toBe(false);
          expect(Y.encodeStateAsUpdate(viaReceived)).toEqual(Y.encodeStateAsUpdate(viaEncoded));
          // And the same as the server's own document (whose structs are split differently: compared by content).
          expect(Y.encodeStateVector(viaReceived)).toEqual(Y.encodeStateVector(server));
          expect(notesMap(viaReceived).toJSON()).toEqual(notesMap(server).toJSON());
          // The same ids (Yjs may merge adjacent structs): nothing already known is sent again.
          expect(idRanges(update)).toEqual(idRanges(encoded[0]));
        }
      }
    }
    // Both answers occur (the generator makes in-order, duplicate and out-of-order deliveries).
    expect(asIs).toBeGreaterThan(200);
    expect(notAsIs).toBeGreaterThan(50);
  });

  it('holds for a client edit that follows on what the server has: a note, a move, a typed character', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    addNote(client, { id: 'n1', x: 1, y: 1, kind: 'idea', text: 'abc', authorId: 'u', authorName: 'U', createdAt: 1 });
    moveNote(client, 'n1', 5, 5);
    noteText(notesMap(client).get('n1')!)!.insert(1, 'x');
    for (const update of updates) {
      expect(appliesAsIs(server, Y.decodeUpdate(update))).toBe(true);
      Y.applyUpdate(server, update);
    }
    // Sent again: known already.
    expect(appliesAsIs(server, Y.decodeUpdate(updates[0]))).toBe(false);
  });

  it('is false for an update that builds on something the server lacks, or deletes it', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    addNote(client, { id: 'n1', x: 1, y: 1, kind: 'idea', text: 'abc', authorId: 'u', authorName: 'U', createdAt: 1 });
    const other = new Y.Doc();
    Y.applyUpdate(other, updates[0]);
    const fromOther: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => fromOther.push(u));
    noteText(notesMap(other).get('n1')!)!.insert(0, 'z');
    deleteNote(other, 'n1');
    // The server has nothing of the client's note: the other's typing and deletion build on it.
    expect(appliesAsIs(server, Y.decodeUpdate(fromOther[0]))).toBe(false);
    expect(appliesAsIs(server, Y.decodeUpdate(fromOther[1]))).toBe(false);
  });
});
