import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mulberry32 } from '../../bench/lib/robustness/prng';
import { runCommandFuzz, sendCommand, connectCommandSocket } from '../../bench/lib/robustness/socketFuzz';
import { fuzzTarget, OVERLONG_ZERO, RawConn, runYjsFuzz } from '../../bench/lib/robustness/yjsFuzz';
import { addNote } from '../../shared/operations';
import { CloseCode, MessageType, YJS_PATH } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { notesMap, readNotes } from '../../shared/schema';
import { connectProvider, sleep, waitForSync } from '../helpers/yjsClients';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Seeded fuzzing of both wire endpoints against one real server (SQLite). The generators, the raw
 * socket driver and the checks live in bench/lib (bench/fuzz.ts runs the same with 100,000 cases).
 *
 * Yjs endpoint: random bytes; valid frames with bit flips, truncation, extension, wrong lengths and
 * huge varints; valid prefixes with garbage payloads; real updates cut at random points; awareness
 * with garbage JSON, huge clocks and other clients' ids; text frames — over writer, viewer and
 * loading-room sockets, while two stock clients edit. Close codes must come from CloseCode; the only
 * exception is 1007, sent by `ws` itself for a text frame that is not UTF-8 (like 1009 for size).
 * 1006 is never acceptable.
 *
 * socket.io: random JSON, wrong types, huge strings, deep nesting and `__proto__`/`constructor` keys
 * as `command` payloads: every ack must be a well-formed Ack.
 */

const SEED = 0xc401_5ee;
const YJS_CASES = 3_000;
const COMMAND_CASES = 1_000;

let t: TestServer;
const serverErrors: unknown[] = [];
let restoreConsole: () => void = () => {};

/** The quiet logger prints errors with console.error: collect them as well (a fault is a finding). */
function captureServerErrors() {
  const original = console.error;
  console.error = (...args: unknown[]) => serverErrors.push(args);
  restoreConsole = () => (console.error = original);
}

async function healthy(): Promise<boolean> {
  const res = await fetch(`${t.url}/health`);
  return res.status === 200 && ((await res.json()) as { ok: boolean }).ok === true;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

beforeAll(async () => {
  t = await startTestServer();
  captureServerErrors();
});
afterAll(async () => {
  restoreConsole();
  await t.stop();
});

describe('protocol fuzzing (seeded)', () => {
  it(`survives ${YJS_CASES} malformed y-websocket frames; honest clients stay connected and converge`, { timeout: 120_000 }, async () => {
    const stats = await runYjsFuzz(await fuzzTarget(t), { cases: YJS_CASES, seed: SEED, rng: mulberry32(SEED), lanes: 6 });

    console.log(
      `yjs fuzz: ${stats.cases} cases survived in ${stats.seconds.toFixed(1)} s; closes ${JSON.stringify(stats.closesByCode)}; ` +
        `open ${stats.stayedOpen}; kinds ${JSON.stringify(stats.byKind)}; ${stats.honestNotes} honest notes`,
    );
    expect(stats.problems).toEqual([]);
    expect(stats.cases).toBe(YJS_CASES);
    expect(stats.closesByCode['4400']).toBeGreaterThan(YJS_CASES / 3); // the fuzzing did reach the parser
    expect(stats.stayedOpen).toBeGreaterThan(50); // and some cases were accepted
    expect(await healthy()).toBe(true);
    expect(serverErrors).toEqual([]);
  });

  it(`acknowledges ${COMMAND_CASES} malformed socket.io commands with well-formed acks`, async () => {
    // A workshop of its own: valid-by-chance facilitator commands (stage, policy) must not change
    // who may write in the other test's rooms.
    const ws = await t.createWorkshop('Fuzz commands');
    const participant = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Pat', role: 'commune' });
    const before = prototypeKeys();

    const stats = await runCommandFuzz(t.url, { facilitator: ws.facilitatorToken, participant: participant.token }, mulberry32(SEED + 1), COMMAND_CASES);
    console.log(
      `command fuzz: ${stats.cases} cases survived; ok ${stats.ok}, refused ${stats.refused} ${JSON.stringify(stats.byError)}, reconnects ${stats.reconnects}`,
    );

    expect(stats.problems).toEqual([]);
    expect(stats.cases).toBeGreaterThan(COMMAND_CASES * 0.9);
    expect(stats.reconnects).toBe(0);
    expect(stats.refused).toBeGreaterThan(stats.cases / 2);
    // Nothing reached Object.prototype (the server runs in this process).
    expect(prototypeKeys()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await healthy()).toBe(true);

    // A facilitator's valid command still works, and its effect is visible.
    const fac = await connectCommandSocket(t.url, ws.facilitatorToken);
    try {
      const ack = await sendCommand(fac, { type: 'timer.reset', durationMs: 90_000 });
      expect(ack).toMatchObject({ ok: true });
      const state = await t.server.facilitation.publicState(ws.id);
      expect(JSON.stringify(state)).toContain('90000');
    } finally {
      fac.close();
    }
    expect(serverErrors).toEqual([]);
  });
});

/** A sync update frame around `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe('found by fuzzing', () => {
  /**
   * lib0's readVarUint reads an overlong varint (160 continuation bytes 0x80, then 0x00) as NaN
   * instead of failing. An update whose client id is written that way passes `inspectUpdate`
   * (Y.decodeUpdate accepts it); Y.applyUpdate then integrates the first struct under client NaN and
   * throws (TypeError in integrateStructs) on the next. The server closes the connection with 4400
   * "update could not be applied", but the part already integrated stays in the room's document and,
   * since Yjs emits the transaction's update even when it threw, it is stored and broadcast: every
   * client gets an empty note (no text, no fields) that nobody wrote. Expected: refused with 4400 and
   * no trace anywhere.
   */
  it('refuses an update whose client id is an overlong varint (NaN) without applying any of it', async () => {
    const ws = await t.createWorkshop('NaN');
    const alice = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Alice', role: 'commune' });
    const mallory = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Mallory', role: 'commune' });
    const room = projectRoom(ws.id, 'proj0001');
    const a = connectProvider(t.wsUrl, room, alice.token);
    try {
      await waitForSync(a.provider);
      addNote(a.doc, { id: 'honest01', x: 0, y: 0, kind: 'idea', text: 'vrai', authorId: alice.userId, authorName: 'Alice', createdAt: 1 });

      const forgedDoc = new Y.Doc();
      forgedDoc.clientID = 5;
      addNote(forgedDoc, { id: 'forged01', x: 0, y: 0, kind: 'idea', text: 'faux', authorId: 'm', authorName: 'M', createdAt: 2 });
      const update = Y.encodeStateAsUpdate(forgedDoc);
      // [clients=1][structs=n][client=5][clock=0]…: the client id 5 (one byte, index 2) becomes NaN.
      expect([update[0], update[2], update[3]]).toEqual([1, 5, 0]);
      const forged = new Uint8Array([update[0], update[1], ...OVERLONG_ZERO, ...update.slice(3)]);

      const raw = await RawConn.open(`${t.wsUrl}${YJS_PATH}/${room}?token=${mallory.token}`);
      raw.send({ binary: updateFrame(forged) });
      await raw.waitFor(() => raw.closeInfo !== null, 5_000);
      expect(raw.closeInfo?.code).toBe(CloseCode.badMessage);

      await sleep(200);
      const server = t.server.rooms.loaded(room)!.doc;
      expect([...server.store.clients.keys()].every((c) => Number.isSafeInteger(c))).toBe(true);
      expect([...notesMap(server).keys()]).toEqual(['honest01']);
      expect(readNotes(a.doc).map((n) => n.id)).toEqual(['honest01']);
    } finally {
      a.provider.destroy();
    }
  });
});
