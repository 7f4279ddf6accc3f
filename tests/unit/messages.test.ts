import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { MessageType, type Principal } from '../../shared/protocol';
import { readNotes } from '../../shared/schema';
import { MAX_AWARENESS_STATE_BYTES, decodeAwarenessEntries, encodeAwarenessEntries, stampIdentity } from '../../server/sync/awarenessEntries';
import {
  SyncType,
  decodeMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  inspectUpdate,
  isValidStateVector,
} from '../../server/sync/messages';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function docWithNote(text = 'hello'): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, { id: 'note01', x: 1, y: 2, kind: 'need', text, authorId: 'u1', authorName: 'Ada', createdAt: 10 });
  return doc;
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** Copies `bytes` into the middle of a larger buffer, as ws may hand over a view into a pooled buffer. */
function asView(bytes: Uint8Array, padding: number[] = [0, 5, 200, 1, 2, 3, 4, 5, 6, 7]): Uint8Array {
  const big = new Uint8Array(3 + bytes.length + padding.length);
  big.set([9, 9, 9]);
  big.set(bytes, 3);
  big.set(padding, 3 + bytes.length);
  return big.subarray(3, 3 + bytes.length);
}

const malformed = expect.objectContaining({ type: 'malformed', reason: expect.any(String) });

describe('decodeMessage round-trips', () => {
  it('encodeSyncStep1 → syncStep1 carrying the document state vector', () => {
    const doc = docWithNote();
    const msg = decodeMessage(encodeSyncStep1(doc));
    expect(msg.type).toBe('syncStep1');
    if (msg.type !== 'syncStep1') return;
    expect(Array.from(msg.stateVector)).toEqual(Array.from(Y.encodeStateVector(doc)));
    // the note took several items of this client, so its clock is past 0
    expect(Y.decodeStateVector(msg.stateVector)).toEqual(new Map([[doc.clientID, Y.getState(doc.store, doc.clientID)]]));
    expect(Y.getState(doc.store, doc.clientID)).toBeGreaterThan(0);
    expect(isValidStateVector(msg.stateVector)).toBe(true);
  });

  it('encodeSyncStep1 of an empty doc gives an empty state vector', () => {
    const msg = decodeMessage(encodeSyncStep1(new Y.Doc()));
    expect(msg).toEqual({ type: 'syncStep1', stateVector: new Uint8Array([0]) });
  });

  it('encodeSyncStep2 → syncStep2 with the same update bytes, which rebuild the doc', () => {
    const doc = docWithNote('step two');
    const update = Y.encodeStateAsUpdate(doc);
    const msg = decodeMessage(encodeSyncStep2(update));
    expect(msg.type).toBe('syncStep2');
    if (msg.type !== 'syncStep2') return;
    expect(Array.from(msg.update)).toEqual(Array.from(update));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, msg.update);
    expect(readNotes(copy)).toEqual(readNotes(doc));
  });

  it('encodeUpdate → update with the same bytes', () => {
    const doc = new Y.Doc();
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    addNote(doc, { id: 'note02', x: 0, y: 0, kind: 'idea', authorId: 'u', authorName: 'U', createdAt: 1 });
    expect(update).not.toBeNull();
    const msg = decodeMessage(encodeUpdate(update!));
    expect(msg).toEqual({ type: 'update', update: new Uint8Array(update!) });
  });

  it('encodeAwareness → awareness with the same bytes', () => {
    const payload = new Uint8Array([1, 2, 3, 250, 0]);
    expect(decodeMessage(encodeAwareness(payload))).toEqual({ type: 'awareness', update: payload });
  });

  it('decodes empty payloads', () => {
    expect(decodeMessage(encodeUpdate(new Uint8Array()))).toEqual({ type: 'update', update: new Uint8Array() });
    expect(decodeMessage(encodeAwareness(new Uint8Array()))).toEqual({ type: 'awareness', update: new Uint8Array() });
  });

  it('decodes queryAwareness (a lone type byte)', () => {
    expect(decodeMessage(new Uint8Array([MessageType.queryAwareness]))).toEqual({ type: 'queryAwareness' });
  });

  it('decodes a "stored?" request and refuses a truncated or overlong one', () => {
    expect(decodeMessage(encodeStored(7))).toEqual({ type: 'stored', seq: 7 });
    expect(decodeMessage(encodeStored(300_000))).toEqual({ type: 'stored', seq: 300_000 });
    expect(decodeMessage(new Uint8Array([MessageType.stored])).type).toBe('malformed');
    expect(decodeMessage(new Uint8Array([MessageType.stored, 7, 0])).type).toBe('malformed');
  });

  it('decodes frames produced by y-protocols/sync itself', () => {
    const doc = docWithNote('from y-protocols');
    const step1 = frame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeMessage(step1)).toEqual({ type: 'syncStep1', stateVector: Y.encodeStateVector(doc) });
    const step2 = frame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep2(e, doc);
    });
    const msg = decodeMessage(step2);
    expect(msg.type).toBe('syncStep2');
    if (msg.type === 'syncStep2') {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, msg.update);
      expect(readNotes(copy)[0].text).toBe('from y-protocols');
    }
  });

  it('SyncType matches y-protocols constants', () => {
    expect(SyncType).toEqual({
      step1: syncProtocol.messageYjsSyncStep1,
      step2: syncProtocol.messageYjsSyncStep2,
      update: syncProtocol.messageYjsUpdate,
    });
  });

  it('encodePermissionDenied is the y-protocols/auth layout', () => {
    expect(Array.from(encodePermissionDenied('read-only'))).toEqual([MessageType.auth, 0, 9, ...Array.from(new TextEncoder().encode('read-only'))]);
  });

  it('works on a view into a larger buffer', () => {
    const update = Y.encodeStateAsUpdate(docWithNote());
    const msg = decodeMessage(asView(encodeUpdate(update)));
    expect(msg.type).toBe('update');
    if (msg.type === 'update') expect(Array.from(msg.update)).toEqual(Array.from(update));
  });
});

describe('decodeMessage refuses malformed frames', () => {
  it.each<[string, number[]]>([
    ['empty frame', []],
    ['unknown type', [7]],
    ['auth type (server-to-client only)', [MessageType.auth, 0, 0]],
    ['unterminated varuint type', [0x80]],
    ['sync without subtype', [MessageType.sync]],
    ['unknown sync subtype', [MessageType.sync, 3, 0]],
    ['unknown sync subtype 9', [MessageType.sync, 9, 1, 5]],
    ['sync without payload length', [MessageType.sync, SyncType.update]],
    ['truncated sync payload', [MessageType.sync, SyncType.update, 5, 1, 2]],
    ['truncated awareness payload', [MessageType.awareness, 4, 1]],
    ['awareness without payload', [MessageType.awareness]],
    ['trailing bytes after update', [MessageType.sync, SyncType.update, 1, 0, 42]],
    ['trailing bytes after awareness', [MessageType.awareness, 0, 0]],
    ['trailing bytes after queryAwareness', [MessageType.queryAwareness, 0]],
    ['huge length', [MessageType.sync, SyncType.step2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1]],
  ])('%s → malformed', (_label, bytes) => {
    expect(decodeMessage(new Uint8Array(bytes))).toEqual(malformed);
  });

  it('reports the unknown types in the reason', () => {
    expect(decodeMessage(new Uint8Array([7]))).toEqual({ type: 'malformed', reason: 'unexpected message type 7' });
    expect(decodeMessage(new Uint8Array([0, 5, 0]))).toEqual({ type: 'malformed', reason: 'unknown sync message type 5' });
    expect(decodeMessage(new Uint8Array([1, 0, 9]))).toEqual({ type: 'malformed', reason: 'trailing bytes' });
  });

  it('a truncated length inside a larger buffer does not read past the frame', () => {
    // the declared length (5) extends past the view but not past the underlying buffer
    const view = asView(new Uint8Array([MessageType.sync, SyncType.update, 5, 1, 2]));
    expect(decodeMessage(view)).toEqual(malformed);
    const view2 = asView(new Uint8Array([MessageType.awareness, 3, 1]));
    expect(decodeMessage(view2)).toEqual(malformed);
  });

  it('a truncated real frame is malformed at every cut point', () => {
    const full = encodeUpdate(Y.encodeStateAsUpdate(docWithNote('truncate me')));
    for (let cut = 0; cut < full.length; cut++) {
      expect(decodeMessage(full.slice(0, cut)), `cut at ${cut}`).toEqual(malformed);
      expect(decodeMessage(asView(full.slice(0, cut))), `view cut at ${cut}`).toEqual(malformed);
    }
  });

  it('fuzz: 5000 seeded random frames never throw and always give a known result', () => {
    const rand = prng(20240501);
    const types = new Set(['syncStep1', 'syncStep2', 'update', 'awareness', 'queryAwareness', 'stored', 'malformed']);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const len = Math.floor(rand() * 24);
      const bytes = new Uint8Array(len);
      for (let j = 0; j < len; j++) bytes[j] = Math.floor(rand() * 256);
      // bias the first bytes toward valid types so the deeper branches are exercised
      if (len > 0 && rand() < 0.6) bytes[0] = Math.floor(rand() * 5);
      if (len > 1 && bytes[0] === 0 && rand() < 0.6) bytes[1] = Math.floor(rand() * 4);
      if (len > 2 && rand() < 0.5) bytes[bytes[0] === 0 ? 2 : 1] = Math.floor(rand() * (len + 2));
      const data = rand() < 0.5 ? bytes : asView(bytes);
      let msg: ReturnType<typeof decodeMessage> | undefined;
      expect(() => (msg = decodeMessage(data))).not.toThrow();
      expect(types.has(msg!.type)).toBe(true);
      if (msg!.type === 'malformed') expect(typeof msg!.reason).toBe('string');
      if (msg!.type === 'stored') expect(Number.isSafeInteger(msg!.seq) && msg!.seq >= 0).toBe(true);
      if (msg!.type === 'update' || msg!.type === 'syncStep2' || msg!.type === 'awareness') {
        // a payload never extends past the frame it came from
        expect(msg!.update.length).toBeLessThan(data.length);
      }
      counts[msg!.type] = (counts[msg!.type] ?? 0) + 1;
    }
    // the fuzz reached both valid and malformed outcomes
    expect(counts.malformed).toBeGreaterThan(100);
    expect((counts.update ?? 0) + (counts.syncStep1 ?? 0) + (counts.syncStep2 ?? 0) + (counts.awareness ?? 0)).toBeGreaterThan(20);
  });
});

describe('inspectUpdate', () => {
  it('a real update is valid and not empty', () => {
    expect(inspectUpdate(Y.encodeStateAsUpdate(docWithNote()))).toMatchObject({ valid: true, empty: false });
  });

  it('an update with only deletions is valid and not empty', () => {
    const doc = docWithNote();
    const sv = Y.encodeStateVector(doc);
    doc.getMap('notes').delete('note01');
    const deletion = Y.encodeStateAsUpdate(doc, sv);
    expect(Y.decodeUpdate(deletion).structs).toHaveLength(0);
    expect(inspectUpdate(deletion)).toMatchObject({ valid: true, empty: false });
  });

  it('[0, 0] is valid and empty, as is the update of an empty doc', () => {
    expect(inspectUpdate(new Uint8Array([0, 0]))).toMatchObject({ valid: true, empty: true });
    expect(inspectUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toMatchObject({ valid: true, empty: true });
  });

  it('a truncated real update is invalid', () => {
    const full = Y.encodeStateAsUpdate(docWithNote('some text that makes the update longer'));
    expect(inspectUpdate(full.slice(0, full.length - 5))).toEqual({ valid: false });
    expect(inspectUpdate(full.slice(0, Math.floor(full.length / 2)))).toEqual({ valid: false });
    expect(inspectUpdate(new Uint8Array())).toEqual({ valid: false });
  });

  it('garbage is invalid', () => {
    expect(inspectUpdate(new Uint8Array([0xff, 0xff, 0xff]))).toEqual({ valid: false });
  });

  it('isValidStateVector accepts real vectors and refuses truncated ones', () => {
    const sv = Y.encodeStateVector(docWithNote());
    expect(isValidStateVector(sv)).toBe(true);
    expect(isValidStateVector(new Uint8Array([0]))).toBe(true);
    expect(isValidStateVector(sv.slice(0, sv.length - 1))).toBe(false);
    expect(isValidStateVector(new Uint8Array())).toBe(false);
  });
});

// ---- awareness -----------------------------------------------------------------------------------

const principal: Principal = { userId: 'user42', workshopId: 'wshop1', name: 'Grace', role: 'expert', community: 'maker' };

describe('awareness entries', () => {
  it('decodes what y-protocols encodes: same clientID, clock and state', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    const state = { user: { id: 'x', name: 'Ada', color: '#f00' }, cursor: { x: 10, y: 20 } };
    awareness.setLocalState(state);
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const entries = decodeAwarenessEntries(update);
    expect(entries).toEqual([{ clientId: doc.clientID, clock: awareness.meta.get(doc.clientID)!.clock, state }]);
    awareness.destroy();
  });

  it('round-trips through encodeAwarenessEntries into a y-protocols Awareness', () => {
    const docA = new Y.Doc();
    const a = new awarenessProtocol.Awareness(docA);
    a.setLocalState({ user: { name: 'Ada' }, cursor: null });
    a.setLocalStateField('cursor', { x: 1, y: 2 });
    const update = awarenessProtocol.encodeAwarenessUpdate(a, [docA.clientID]);
    const entries = decodeAwarenessEntries(update)!;
    expect(entries).toHaveLength(1);
    expect(entries[0].clock).toBe(2);

    const reencoded = encodeAwarenessEntries(entries);
    expect(Array.from(reencoded)).toEqual(Array.from(update));

    const docB = new Y.Doc();
    const b = new awarenessProtocol.Awareness(docB);
    awarenessProtocol.applyAwarenessUpdate(b, reencoded, 'test');
    expect(b.getStates().get(docA.clientID)).toEqual({ user: { name: 'Ada' }, cursor: { x: 1, y: 2 } });
    a.destroy();
    b.destroy();
  });

  it('decodes several clients, and a removed client as state null', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new awarenessProtocol.Awareness(docA);
    const b = new awarenessProtocol.Awareness(docB);
    a.setLocalState({ n: 1 });
    b.setLocalState({ n: 2 });
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [docB.clientID]), 'x');
    b.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [docB.clientID]), 'x');
    const update = awarenessProtocol.encodeAwarenessUpdate(a, [docA.clientID, docB.clientID]);
    const entries = decodeAwarenessEntries(update)!;
    expect(entries.map((e) => [e.clientId, e.state])).toEqual([
      [docA.clientID, { n: 1 }],
      [docB.clientID, null],
    ]);
    a.destroy();
    b.destroy();
  });

  it('encodes and decodes an empty list', () => {
    expect(decodeAwarenessEntries(encodeAwarenessEntries([]))).toEqual([]);
  });

  it('malformed updates → null', () => {
    const good = encodeAwarenessEntries([{ clientId: 7, clock: 1, state: { a: 1 } }]);
    expect(decodeAwarenessEntries(new Uint8Array())).toBeNull();
    expect(decodeAwarenessEntries(good.slice(0, good.length - 1))).toBeNull(); // truncated
    expect(decodeAwarenessEntries(new Uint8Array([...good, 0]))).toBeNull(); // trailing byte
    expect(decodeAwarenessEntries(new Uint8Array([2, ...good.slice(1)]))).toBeNull(); // count too high
    const badJson = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 7);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, '{not json');
    });
    expect(decodeAwarenessEntries(badJson)).toBeNull();
    expect(decodeAwarenessEntries(asView(good.slice(0, good.length - 2)))).toBeNull();
  });

  it('a state at the limit is accepted, one bigger is refused', () => {
    const overhead = JSON.stringify({ p: '' }).length;
    const atLimit = { p: 'x'.repeat(MAX_AWARENESS_STATE_BYTES - overhead) };
    const over = { p: 'x'.repeat(MAX_AWARENESS_STATE_BYTES - overhead + 1) };
    expect(decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: atLimit }]))).toEqual([{ clientId: 1, clock: 1, state: atLimit }]);
    expect(decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: over }]))).toBeNull();
    // one oversized entry among valid ones refuses the whole update
    expect(
      decodeAwarenessEntries(
        encodeAwarenessEntries([
          { clientId: 1, clock: 1, state: { ok: true } },
          { clientId: 2, clock: 1, state: over },
        ]),
      ),
    ).toBeNull();
  });

  it('the limit is in bytes: a state of multi-byte characters over MAX_AWARENESS_STATE_BYTES bytes is refused', () => {
    // 2000 × "€" is 2000 UTF-16 code units but 6000 UTF-8 bytes
    const state = { p: '€'.repeat(2000) };
    expect(new TextEncoder().encode(JSON.stringify(state)).length).toBeGreaterThan(MAX_AWARENESS_STATE_BYTES);
    expect(decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state }]))).toBeNull();
  });
});

describe('stampIdentity', () => {
  it('overwrites id/name/role/community but keeps color, cursor and other fields', () => {
    const state = {
      user: { id: 'impostor', name: 'Mallory', role: 'facilitator', community: 'company', color: '#123456' },
      cursor: { x: 5, y: 6 },
      extra: 'kept',
    };
    expect(stampIdentity(state, principal)).toEqual({
      user: { id: 'user42', name: 'Grace', role: 'expert', community: 'maker', color: '#123456' },
      cursor: { x: 5, y: 6 },
      extra: 'kept',
    });
    // the input is not mutated
    expect(state.user.name).toBe('Mallory');
  });

  it('writes community null for non-experts', () => {
    const viewer: Principal = { ...principal, role: 'viewer', community: null };
    expect(stampIdentity({ user: { color: 'red', community: 'maker' } }, viewer)).toEqual({
      user: { color: 'red', id: 'user42', name: 'Grace', role: 'viewer', community: null },
    });
  });

  it('adds a user when the state has none, or when user is not an object', () => {
    const user = { id: 'user42', name: 'Grace', role: 'expert', community: 'maker' };
    expect(stampIdentity({ cursor: null }, principal)).toEqual({ cursor: null, user });
    expect(stampIdentity({ user: 'string', cursor: { x: 1, y: 1 } }, principal)).toEqual({ cursor: { x: 1, y: 1 }, user });
    expect(stampIdentity({ user: ['a'] }, principal)).toEqual({ user });
    expect(stampIdentity({ user: null }, principal)).toEqual({ user });
  });

  it('handles non-object states', () => {
    const user = { id: 'user42', name: 'Grace', role: 'expert', community: 'maker' };
    expect(stampIdentity('hello', principal)).toEqual({ user });
    expect(stampIdentity(42, principal)).toEqual({ user });
    expect(stampIdentity([1, 2, 3], principal)).toEqual({ user });
    expect(stampIdentity(true, principal)).toEqual({ user });
    expect(stampIdentity(undefined, principal)).toEqual({ user });
  });

  it('keeps null (client left) as null', () => {
    expect(stampIdentity(null, principal)).toBeNull();
  });

  it('stamped states survive an encode/decode cycle', () => {
    const stamped = stampIdentity({ user: { color: 'blue' }, cursor: { x: 3, y: 4 } }, principal);
    const back = decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 9, clock: 3, state: stamped }]));
    expect(back).toEqual([{ clientId: 9, clock: 3, state: stamped }]);
  });
});
