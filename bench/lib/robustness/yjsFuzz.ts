import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addNote, addProject, moveNote, setNoteText } from '../../../shared/operations';
import type { CroiseeServer } from '../../../server/createCroiseeServer';
import { CloseCode, type CreateWorkshopResponse, type JoinRequest, type JoinResponse, MessageType, YJS_PATH } from '../../../shared/protocol';
import { projectRoom, workshopRoom } from '../../../shared/rooms';
import { notesMap, projectsMap, readNotes } from '../../../shared/schema';
import type { Rng } from './prng';

/**
 * Fuzzing of the y-websocket endpoint, shared by tests/server/protocolFuzz.test.ts (a few thousand
 * cases in CI) and bench/fuzz.ts (100,000 cases). Everything is driven by a seeded PRNG.
 *
 * - `generateCase` makes one case: the frames to send over a raw socket and what the server must do.
 * - `FuzzLane` sends cases one after the other over one raw socket (reopened when closed) and waits,
 *   after each case, for either the close or the answer to a probe (a sync step 1).
 * - `HonestPair` is two stock y-websocket clients that keep editing during the fuzzing; they must never
 *   be disconnected and must converge with the server's room at the end.
 * - `checkRoom` verifies that no rejected update left anything in the room's document.
 */

// ---- frames -----------------------------------------------------------------------------------

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Close codes the server may use (CloseCode in shared/protocol.ts). */
export const ALLOWED_CLOSE_CODES: ReadonlySet<number> = new Set(Object.values(CloseCode));
/**
 * 1007 (invalid frame payload data) is sent by `ws` itself, before the server sees the message, for a
 * text frame whose bytes are not UTF-8; it is allowed only for those cases (like 1009 for size).
 */
export const WS_INVALID_UTF8 = 1007;

function encodeFrame(prefix: number[], payload?: Uint8Array, lengthOverride?: number): Uint8Array {
  const e = encoding.createEncoder();
  for (const v of prefix) encoding.writeVarUint(e, v);
  if (payload) {
    encoding.writeVarUint(e, lengthOverride ?? payload.byteLength);
    encoding.writeUint8Array(e, payload);
  }
  return encoding.toUint8Array(e);
}

/** A probe: sync step 1 with an empty state vector. The server answers every valid one with step 2. */
export const PROBE = encodeFrame([MessageType.sync, SYNC_STEP1], new Uint8Array([0]));

/** Whether the server will answer this frame with a sync step 2 (a valid step 1). */
export function isValidStep1(frame: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MessageType.sync || decoding.readVarUint(d) !== SYNC_STEP1) return false;
    const sv = decoding.readVarUint8Array(d);
    if (decoding.hasContent(d)) return false;
    Y.decodeStateVector(sv);
    return true;
  } catch {
    return false;
  }
}

const isStep2Frame = (data: Uint8Array) => data.length >= 2 && data[0] === MessageType.sync && data[1] === SYNC_STEP2;

// ---- case generation --------------------------------------------------------------------------

export type CaseKind = 'random' | 'mutated' | 'garbagePayload' | 'truncatedUpdate' | 'awareness' | 'text' | 'valid';
export const CASE_KINDS: readonly CaseKind[] = ['random', 'mutated', 'garbagePayload', 'truncatedUpdate', 'awareness', 'text', 'valid'];

export type OutFrame = { binary: Uint8Array } | { text: string } | { textBytes: Uint8Array };

export interface FuzzCase {
  n: number;
  kind: CaseKind;
  detail: string;
  frames: OutFrame[];
  /** The only close code acceptable (e.g. 4400 for a truncated update); undefined: any allowed code, or none. */
  mustClose?: number;
  /** Whether the case may be closed with 1007 by `ws` (a text frame that is not UTF-8). */
  allowInvalidUtf8?: boolean;
  /** The Yjs client id of the update this case carries, if any, to check later it left no trace when refused. */
  updateClient?: number;
  /** Note ids the carried update would add: must not be in the room if the case was refused. */
  forbiddenNoteIds?: string[];
}

/** What the generator needs to know about the live room. */
export interface FuzzContext {
  /** Yjs client ids of the honest clients (awareness claims target them). */
  honestClientIds(): number[];
}

const NOTE_KINDS = ['idea', 'technology', 'need', 'risk', 'question'] as const;
const TEXT_SAMPLES = ['', 'a', 'Capteurs de qualité', '🌍🚲💡', 'é'.repeat(40), 'x'.repeat(500), 'ligne\nsuivante', '👩‍👩‍👧 famille'];

/** A small real update from a fresh document with its own client id: a note, sometimes edited after. */
function realUpdate(rng: Rng, n: number, idPrefix: string): { update: Uint8Array; client: number; noteIds: string[] } {
  const doc = new Y.Doc();
  doc.clientID = rng.uint32() || 1;
  const count = rng.int(1, 3);
  const noteIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${idPrefix}${n.toString(36)}x${i}`;
    noteIds.push(id);
    addNote(doc, {
      id,
      x: rng.int(-500, 500),
      y: rng.int(-500, 500),
      kind: rng.pick(NOTE_KINDS),
      text: rng.pick(TEXT_SAMPLES),
      authorId: 'fuzzer',
      authorName: 'Fuzzer',
      createdAt: n,
    });
  }
  let update = Y.encodeStateAsUpdate(doc);
  if (rng.bool(0.2)) {
    // A delta that depends on the first update half of the time: alone, the server keeps it pending.
    const sv = Y.encodeStateVector(doc);
    setNoteText(doc, noteIds[0], `${rng.pick(TEXT_SAMPLES)} modifié`);
    if (rng.bool()) update = Y.encodeStateAsUpdate(doc, sv);
    else update = Y.encodeStateAsUpdate(doc);
  }
  doc.destroy();
  return { update, client: doc.clientID, noteIds };
}

function awarenessEntries(entries: Array<{ clientId: number; clock: number; json: string }>, countOverride?: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, countOverride ?? entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.json);
  }
  return encoding.toUint8Array(e);
}

const GARBAGE_JSON = [
  '',
  '{',
  'nul',
  '{"user":',
  '{"user":{"name":"x"},}',
  'undefined',
  'NaN',
  '\u0000',
  '"\ud800"',
  '{"a":1e99999}',
  '[[[[[[[[[[',
  '123',
  '"chaîne"',
  '[]',
  'true',
  '{"__proto__":{"polluted":"yes"},"user":{"name":"x"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"user":{"__proto__":{"polluted":"yes"},"name":"x"},"cursor":{"x":1e308,"y":-1e308}}',
  '{"user":"not an object","cursor":"nope"}',
  '{"user":{"name":"x","role":"facilitator","id":"someoneelse"},"cursor":{"x":1,"y":2}}',
];
const HUGE_CLOCKS = [0, 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER];

function randomJsonText(rng: Rng): string {
  if (rng.bool(0.5)) return rng.pick(GARBAGE_JSON);
  // Random printable and non-printable characters.
  let s = '';
  const len = rng.int(0, 40);
  for (let i = 0; i < len; i++) s += String.fromCharCode(rng.bool(0.8) ? rng.int(0x20, 0x7e) : rng.int(0, 0xffff));
  return s;
}

/** A huge varint: more than 2^53, or an overlong one (continuation bytes) of many zero groups. */
function hugeVarint(rng: Rng): Uint8Array {
  switch (rng.int(0, 3)) {
    case 0:
      return new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]); // > 2^53
    case 1:
      return new Uint8Array([...new Array(rng.int(10, 200)).fill(0x80), 0x00]); // overlong zero
    case 2:
      return new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]); // 2^32 - 1
    default:
      return new Uint8Array(new Array(rng.int(1, 30)).fill(0xff)); // never terminated
  }
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** A structured valid frame, so that mutations can also rewrite its length field. */
interface ValidFrame {
  label: string;
  prefix: number[];
  payload?: Uint8Array;
  updateClient?: number;
  noteIds?: string[];
}

function validFrame(rng: Rng, n: number, ctx: FuzzContext): ValidFrame {
  switch (rng.int(0, 6)) {
    case 0: {
      const doc = new Y.Doc();
      if (rng.bool()) addNote(doc, { id: `sv${n}`, x: 0, y: 0, kind: 'idea', text: 'sv', authorId: 'f', authorName: 'f', createdAt: 0 });
      const sv = Y.encodeStateVector(doc);
      doc.destroy();
      return { label: 'syncStep1', prefix: [MessageType.sync, SYNC_STEP1], payload: sv };
    }
    case 1:
    case 2: {
      const { update, client, noteIds } = realUpdate(rng, n, 'mut');
      const syncType = rng.bool() ? SYNC_UPDATE : SYNC_STEP2;
      return { label: syncType === SYNC_UPDATE ? 'update' : 'syncStep2', prefix: [MessageType.sync, syncType], payload: update, updateClient: client, noteIds };
    }
    case 3: {
      const awareness = new Awareness(new Y.Doc());
      awareness.clientID = rng.uint32();
      awareness.setLocalState({ user: { name: 'fuzz', color: '#123456' }, cursor: { x: rng.int(-99, 99), y: rng.int(-99, 99) } });
      const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
      awareness.destroy();
      awareness.doc.destroy();
      return { label: 'awareness', prefix: [MessageType.awareness], payload: update };
    }
    case 4: {
      const honest = ctx.honestClientIds();
      const id = honest.length > 0 && rng.bool() ? rng.pick(honest) : rng.uint32();
      const payload = awarenessEntries([{ clientId: id, clock: rng.pick(HUGE_CLOCKS), json: '{"user":{"name":"x"},"cursor":null}' }]);
      return { label: 'awareness(claim)', prefix: [MessageType.awareness], payload };
    }
    case 5:
      return { label: 'queryAwareness', prefix: [MessageType.queryAwareness] };
    default: {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, 'permission denied?');
      return { label: 'auth', prefix: [MessageType.auth, 0], payload: encoding.toUint8Array(e) };
    }
  }
}

/** Where the varints of an update's first struct header (clients, structs, client, clock) end. */
function updateHeaderEnds(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  const ends: number[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      decoding.readVarUint(d);
      ends.push(d.pos);
    }
  } catch {
    // shorter than a header: fewer positions
  }
  return ends;
}

/**
 * Rewrites one varint of an update's header (number of clients or structs, client id, clock) as an
 * overlong one: lib0 reads ~150 continuation bytes of zeros as NaN instead of failing.
 */
function overlongInUpdate(rng: Rng, update: Uint8Array): { payload: Uint8Array; how: string } {
  const ends = updateHeaderEnds(update);
  if (ends.length === 0) return { payload: concat(new Uint8Array(OVERLONG_ZERO), update), how: 'overlong prefix' };
  const which = rng.int(0, ends.length - 1);
  const start = which === 0 ? 0 : ends[which - 1];
  const names = ['client count', 'struct count', 'client id', 'clock'];
  return { payload: concat(update.slice(0, start), new Uint8Array(OVERLONG_ZERO), update.slice(ends[which])), how: `overlong ${names[which]}` };
}

/** 160 continuation bytes without payload, then a terminator: lib0's readVarUint returns NaN. */
export const OVERLONG_ZERO: readonly number[] = [...new Array(160).fill(0x80), 0x00];

function mutate(rng: Rng, frame: ValidFrame): { bytes: Uint8Array; how: string } {
  const bytes = encodeFrame(frame.prefix, frame.payload);
  if (frame.updateClient !== undefined && frame.payload && rng.bool(0.15)) {
    const { payload, how } = overlongInUpdate(rng, frame.payload);
    return { bytes: encodeFrame(frame.prefix, payload), how };
  }
  switch (rng.int(0, 7)) {
    case 0: {
      const out = bytes.slice();
      const flips = rng.int(1, 4);
      for (let i = 0; i < flips; i++) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
      return { bytes: out, how: `bitflip×${flips}` };
    }
    case 1:
      return { bytes: bytes.slice(0, rng.int(0, Math.max(0, bytes.length - 1))), how: 'truncate' };
    case 2:
      return { bytes: concat(bytes, rng.bytes(rng.int(1, 32))), how: 'extend' };
    case 3: {
      if (!frame.payload) return { bytes: concat(bytes, rng.bytes(rng.int(1, 8))), how: 'extend' };
      const len = frame.payload.byteLength;
      const wrong = rng.pick([0, len - 1, len + 1, len + rng.int(2, 1000), 2 ** 31, 2 ** 53 - 1].filter((v) => v >= 0 && v !== len));
      return { bytes: encodeFrame(frame.prefix, frame.payload, wrong), how: `length ${len}→${wrong}` };
    }
    case 4: {
      // Replace one of the leading varints (type, sync type or length) by a huge one.
      const e = encoding.createEncoder();
      const at = rng.int(0, frame.prefix.length);
      frame.prefix.forEach((v, i) => (i === at ? encoding.writeUint8Array(e, hugeVarint(rng)) : encoding.writeVarUint(e, v)));
      if (at === frame.prefix.length) encoding.writeUint8Array(e, hugeVarint(rng));
      else if (frame.payload) encoding.writeVarUint(e, frame.payload.byteLength);
      if (frame.payload) encoding.writeUint8Array(e, frame.payload);
      return { bytes: encoding.toUint8Array(e), how: `huge varint at ${at}` };
    }
    case 5: {
      const out = bytes.slice();
      const count = rng.int(1, 3);
      for (let i = 0; i < count; i++) out[rng.int(0, out.length - 1)] = rng.pick([0x00, 0xff, 0x7f, 0x80, rng.int(0, 255)]);
      return { bytes: out, how: `byteset×${count}` };
    }
    case 6: {
      const at = rng.int(0, bytes.length);
      return { bytes: concat(bytes.slice(0, at), rng.bytes(rng.int(1, 16)), bytes.slice(at)), how: 'insert' };
    }
    default: {
      if (bytes.length < 3) return { bytes: bytes.slice(1), how: 'drop first' };
      const from = rng.int(0, bytes.length - 2);
      return { bytes: concat(bytes.slice(0, from), bytes.slice(from + rng.int(1, Math.min(8, bytes.length - from)))), how: 'delete' };
    }
  }
}

function awarenessCase(rng: Rng, ctx: FuzzContext): { frame: Uint8Array; detail: string } {
  const honest = ctx.honestClientIds();
  const otherId = () => (honest.length > 0 && rng.bool(0.6) ? rng.pick(honest) : rng.uint32());
  switch (rng.int(0, 5)) {
    case 0:
      return {
        frame: encodeFrame([MessageType.awareness], awarenessEntries([{ clientId: rng.uint32(), clock: rng.int(0, 9), json: randomJsonText(rng) }])),
        detail: 'garbage json',
      };
    case 1:
      return {
        frame: encodeFrame(
          [MessageType.awareness],
          awarenessEntries([{ clientId: rng.uint32(), clock: rng.pick(HUGE_CLOCKS), json: '{"user":{"name":"x"},"cursor":{"x":1,"y":1}}' }]),
        ),
        detail: 'huge clock',
      };
    case 2:
      return {
        frame: encodeFrame(
          [MessageType.awareness],
          awarenessEntries([{ clientId: otherId(), clock: rng.pick(HUGE_CLOCKS), json: rng.bool() ? 'null' : '{"user":{"name":"imposteur"}}' }]),
        ),
        detail: "another client's id",
      };
    case 3: {
      const entries = Array.from({ length: rng.int(2, 9) }, () => ({
        clientId: rng.bool(0.3) ? otherId() : rng.uint32(),
        clock: rng.int(0, 5),
        json: rng.bool(0.8) ? '{"cursor":null}' : randomJsonText(rng),
      }));
      const countOverride = rng.bool(0.3) ? rng.pick([0, entries.length - 1, entries.length + 1, 2 ** 32]) : undefined;
      return {
        frame: encodeFrame([MessageType.awareness], awarenessEntries(entries, countOverride)),
        detail: `many entries${countOverride === undefined ? '' : ` (count ${countOverride})`}`,
      };
    }
    case 4:
      return {
        frame: encodeFrame(
          [MessageType.awareness],
          awarenessEntries([{ clientId: rng.uint32(), clock: 1, json: JSON.stringify({ user: { name: 'x'.repeat(rng.int(3000, 9000)) } }) }]),
        ),
        detail: 'oversize state',
      };
    default: {
      // Raw id/clock varints that are huge or overlong, then a state.
      const parts = [encodeFrame([1]), hugeVarint(rng), hugeVarint(rng)];
      const e = encoding.createEncoder();
      encoding.writeVarString(e, '{"cursor":null}');
      const inner = concat(parts[0], parts[1], parts[2], encoding.toUint8Array(e));
      return { frame: encodeFrame([MessageType.awareness], inner), detail: 'huge varint id/clock' };
    }
  }
}

/** One fuzz case, entirely determined by `rng`'s state. */
export function generateCase(rng: Rng, n: number, ctx: FuzzContext): FuzzCase {
  const kind = rng.pick<CaseKind>([
    'random',
    'mutated',
    'mutated',
    'mutated',
    'garbagePayload',
    'truncatedUpdate',
    'truncatedUpdate',
    'awareness',
    'awareness',
    'text',
    'valid',
  ]);
  switch (kind) {
    case 'random': {
      const len = rng.bool(0.1) ? rng.int(0, 2) : rng.int(1, rng.bool(0.9) ? 64 : 4096);
      return { n, kind, detail: `${len} random bytes`, frames: [{ binary: rng.bytes(len) }] };
    }
    case 'mutated': {
      const frame = validFrame(rng, n, ctx);
      const { bytes, how } = mutate(rng, frame);
      return { n, kind, detail: `${frame.label} ${how}`, frames: [{ binary: bytes }], updateClient: frame.updateClient, forbiddenNoteIds: frame.noteIds };
    }
    case 'garbagePayload': {
      const prefix = rng.pick([[MessageType.sync, SYNC_STEP1], [MessageType.sync, SYNC_STEP2], [MessageType.sync, SYNC_UPDATE], [MessageType.awareness]]);
      const payload = rng.bytes(rng.bool(0.9) ? rng.int(0, 48) : rng.int(49, 4096));
      return { n, kind, detail: `[${prefix.join(',')}] + ${payload.length} garbage bytes`, frames: [{ binary: encodeFrame(prefix, payload) }] };
    }
    case 'truncatedUpdate': {
      const { update, client, noteIds } = realUpdate(rng, n, 'trunc');
      const cut = rng.int(0, update.byteLength - 1);
      const syncType = rng.bool() ? SYNC_UPDATE : SYNC_STEP2;
      return {
        n,
        kind,
        detail: `${syncType === SYNC_UPDATE ? 'update' : 'syncStep2'} cut at ${cut}/${update.byteLength}`,
        frames: [{ binary: encodeFrame([MessageType.sync, syncType], update.slice(0, cut)) }],
        mustClose: CloseCode.badMessage,
        updateClient: client,
        forbiddenNoteIds: noteIds,
      };
    }
    case 'awareness': {
      const { frame, detail } = awarenessCase(rng, ctx);
      return { n, kind, detail, frames: [{ binary: frame }] };
    }
    case 'text': {
      if (rng.bool()) {
        const text = rng.pick(['hello', '{"type":"sync"}', '\u0000\u0001', '🌍'.repeat(rng.int(1, 50)), String.fromCharCode(...rng.bytes(rng.int(1, 30)))]);
        return { n, kind, detail: 'text frame', frames: [{ text }], mustClose: CloseCode.badMessage };
      }
      // Bytes sent as a text frame: ws rejects invalid UTF-8 itself with 1007.
      return { n, kind, detail: 'text frame, raw bytes', frames: [{ textBytes: rng.bytes(rng.int(1, 40)) }], allowInvalidUtf8: true };
    }
    case 'valid':
    default: {
      const frame = validFrame(rng, n, ctx);
      return {
        n,
        kind: 'valid',
        detail: frame.label,
        frames: [{ binary: encodeFrame(frame.prefix, frame.payload) }],
        updateClient: frame.updateClient,
        forbiddenNoteIds: frame.noteIds,
      };
    }
  }
}

// ---- raw connections ---------------------------------------------------------------------------

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A raw socket to the Yjs endpoint that counts sync step 2 answers and records its close. */
export class RawConn {
  step2 = 0;
  closeInfo: CloseInfo | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      if (isStep2Frame(data)) this.step2++;
      this.notify();
    });
    ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      this.notify();
    });
    ws.on('error', () => {});
  }

  static open(url: string, timeoutMs = 10_000): Promise<RawConn> {
    const ws = new WebSocket(url);
    const conn = new RawConn(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`raw socket did not open within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(conn);
      });
      ws.once('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(`upgrade refused with HTTP ${res.statusCode}`));
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  send(frame: OutFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if ('binary' in frame) this.ws.send(frame.binary, { binary: true });
    else if ('text' in frame) this.ws.send(frame.text);
    else this.ws.send(frame.textBytes, { binary: false });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves true when `done()` holds, false after the timeout. */
  waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
  }
}

export interface CaseResult {
  fuzzCase: FuzzCase;
  /** null: the connection stayed open. */
  close: CloseInfo | null;
  /** What is wrong with the server's behaviour, if anything. */
  problem: string | null;
}

/** Judges the server's answer to one case. */
export function judge(fuzzCase: FuzzCase, close: CloseInfo | null, answered: boolean): string | null {
  if (!close && !answered) return 'no answer and no close within the timeout (hang)';
  if (!close) {
    if (fuzzCase.mustClose !== undefined) return `stayed open, expected close ${fuzzCase.mustClose}`;
    return null;
  }
  if (fuzzCase.mustClose !== undefined && close.code !== fuzzCase.mustClose && close.code !== CloseCode.rateLimited) {
    return `closed with ${close.code} (${close.reason}), expected ${fuzzCase.mustClose}`;
  }
  if (ALLOWED_CLOSE_CODES.has(close.code)) return null;
  if (close.code === WS_INVALID_UTF8 && fuzzCase.allowInvalidUtf8) return null;
  return `closed with ${close.code} (${close.reason}), not a CloseCode`;
}

/**
 * Sends cases one at a time over one raw socket, reopening it when the server closed it. After each
 * case a probe (sync step 1) is sent: the case is over when its answer arrives or the socket closes.
 */
export class FuzzLane {
  private conn: RawConn | null = null;
  opened = 0;

  /**
   * `stateVector`: the server room's current state vector, when known (in-process servers), so the
   * probe's answer stays small however big the room grows; otherwise an empty one (whole document).
   */
  constructor(
    private readonly url: string,
    private readonly stateVector: () => Uint8Array | null = () => null,
    private readonly caseTimeoutMs = 5_000,
  ) {}

  async run(fuzzCase: FuzzCase): Promise<CaseResult> {
    if (!this.conn || this.conn.closeInfo) {
      this.conn = await RawConn.open(this.url);
      this.opened++;
    }
    const conn = this.conn;
    const expected = conn.step2 + 1 + fuzzCase.frames.filter((f) => 'binary' in f && isValidStep1(f.binary)).length;
    for (const frame of fuzzCase.frames) conn.send(frame);
    const sv = this.stateVector();
    conn.send({ binary: sv ? encodeFrame([MessageType.sync, SYNC_STEP1], sv) : PROBE });
    const answered = await conn.waitFor(() => conn.closeInfo !== null || conn.step2 >= expected, this.caseTimeoutMs);
    // A close whose frame is still in flight when the probe's answer arrived is seen by the next case;
    // give it a moment so it is attributed to the case that caused it.
    const close = conn.closeInfo;
    return { fuzzCase, close, problem: judge(fuzzCase, close, answered) };
  }

  close(): void {
    this.conn?.close();
  }
}

// ---- honest clients ----------------------------------------------------------------------------

export function stockClient(wsUrl: string, room: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(`${wsUrl}${YJS_PATH}`, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

export function waitSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Author {
  authorId: string;
  authorName: string;
}

/**
 * Two stock clients editing the room while it is fuzzed. Their note ids start with "hon"; they never
 * delete, so every note they made must be in the room at the end with the same text everywhere.
 */
export class HonestPair {
  readonly clients: Array<ReturnType<typeof stockClient>>;
  readonly disconnects: Array<{ client: number; code: number | null }> = [];
  readonly noteIds: string[] = [];
  private counter = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    wsUrl: string,
    room: string,
    tokens: [string, string],
    private readonly authors: [Author, Author],
    private readonly rng: Rng,
  ) {
    this.clients = tokens.map((token) => stockClient(wsUrl, room, token));
    this.clients.forEach((c, i) => {
      c.provider.on('connection-close', (event) => this.disconnects.push({ client: i, code: event?.code ?? null }));
      c.provider.awareness.setLocalState({ user: { name: `honest ${i}`, color: '#2a9d8f' }, cursor: { x: i, y: i } });
    });
  }

  async ready(): Promise<void> {
    await Promise.all(this.clients.map((c) => waitSynced(c.provider)));
  }

  clientIds(): number[] {
    return this.clients.map((c) => c.doc.clientID);
  }

  /** One random edit by one of the two. */
  edit(): void {
    const rng = this.rng;
    const who = rng.int(0, this.clients.length - 1);
    const doc = this.clients[who].doc;
    const existing = [...notesMap(doc).keys()].filter((id) => id.startsWith('hon'));
    if (existing.length === 0 || rng.bool(0.3)) {
      const id = `hon${who}n${(this.counter++).toString().padStart(5, '0')}`;
      this.noteIds.push(id);
      addNote(doc, {
        id,
        x: rng.int(0, 2000),
        y: rng.int(0, 2000),
        kind: rng.pick(NOTE_KINDS),
        text: `note ${id}`,
        ...this.authors[who],
        createdAt: this.counter,
      });
    } else if (rng.bool(0.6)) {
      const id = rng.pick(existing);
      const text = readNotes(doc).find((n) => n.id === id)?.text ?? '';
      const chars = Array.from(text);
      const at = rng.int(0, chars.length);
      chars.splice(at, rng.int(0, Math.min(2, chars.length - at)), rng.pick(['a', 'é', '🚲', ' mot ', '']));
      setNoteText(doc, id, chars.join(''));
    } else {
      moveNote(doc, rng.pick(existing), rng.int(0, 2000), rng.int(0, 2000));
    }
  }

  /** Keeps editing every `everyMs` until `stop()`. */
  start(everyMs: number): void {
    this.timer = setInterval(() => this.edit(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.stop();
    for (const c of this.clients) c.provider.destroy();
  }
}

// ---- room checks --------------------------------------------------------------------------------

/** Client ids with structs in the document, and those of its pending (not yet integrable) structs. */
function clientsIn(doc: Y.Doc): { integrated: Set<number>; pending: Set<number> } {
  const integrated = new Set(doc.store.clients.keys());
  const pending = new Set<number>();
  const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
  if (store.pendingStructs) for (const s of Y.decodeUpdate(store.pendingStructs.update).structs) pending.add(s.id.client);
  return { integrated, pending };
}

/**
 * Everything refused must have left no trace in the room: no struct of the refused update's client
 * (integrated or pending), no note of a truncated update. Returns the violations found.
 */
export function findHalfApplied(roomDoc: Y.Doc, refused: FuzzCase[]): string[] {
  const problems: string[] = [];
  const { integrated, pending } = clientsIn(roomDoc);
  const keys = new Set(notesMap(roomDoc).keys());
  for (const c of refused) {
    if (c.updateClient !== undefined && (integrated.has(c.updateClient) || pending.has(c.updateClient))) {
      problems.push(`case #${c.n} (${c.kind}: ${c.detail}) was refused but client ${c.updateClient} has structs in the room`);
    }
    for (const id of c.forbiddenNoteIds ?? [])
      if (keys.has(id)) problems.push(`case #${c.n} (${c.kind}: ${c.detail}): note ${id} of this refused update is in the room`);
  }
  for (const key of keys) if (key.startsWith('trunc')) problems.push(`note ${key} from a truncated update is in the room`);
  for (const client of [...integrated, ...pending]) {
    if (!Number.isSafeInteger(client) || client < 0) problems.push(`the room's document holds structs of client id ${client} (not an unsigned integer)`);
  }
  return problems;
}

/** Same notes and same state vector everywhere. */
export function convergenceProblems(named: Array<[string, Y.Doc]>): string[] {
  const [refName, ref] = named[0];
  const refNotes = JSON.stringify(readNotes(ref));
  const refSv = Buffer.from(Y.encodeStateVector(ref)).toString('hex');
  const problems: string[] = [];
  for (const [name, doc] of named.slice(1)) {
    if (JSON.stringify(readNotes(doc)) !== refNotes) problems.push(`${name}'s notes differ from ${refName}'s`);
    if (Buffer.from(Y.encodeStateVector(doc)).toString('hex') !== refSv) problems.push(`${name}'s state vector differs from ${refName}'s`);
  }
  return problems;
}

// ---- a whole run ---------------------------------------------------------------------------------

export interface YjsFuzzTarget {
  wsUrl: string;
  httpUrl: string;
  /** Room fuzzed while the honest clients edit it. */
  room: string;
  /** A second room, loaded and unloaded as fuzz sockets come and go. */
  sideRoom: string;
  writerTokens: [string, string, string];
  /** Who the first two writer tokens stand for: honest notes carry their writer's own identity. */
  honestAuthors: [Author, Author];
  viewerToken: string;
  /** The server's in-memory document of a room (null when not loaded). */
  roomDoc(name: string): Y.Doc | null;
}

const FUZZ_PROJECTS = ['proj0001', 'proj0002'] as const;

/** What `fuzzTarget` needs of a running server: the bench's or a test's. */
export interface FuzzableServer {
  url: string;
  wsUrl: string;
  server: CroiseeServer;
  createWorkshop(title?: string): Promise<CreateWorkshopResponse>;
  join(workshopId: string, body: JoinRequest): Promise<JoinResponse>;
}

/**
 * A fresh workshop to fuzz: three writers (two honest authors — a commune and an expert — and
 * Mallory, who sends the fuzz) and a viewer, on the first project's canvas, the second one aside.
 */
export async function fuzzTarget(s: FuzzableServer): Promise<YjsFuzzTarget> {
  const ws = await s.createWorkshop('Fuzz');
  // Only a project the workshop lists opens its canvas (a test server's workshops have these already).
  await s.server.rooms.withRoom(workshopRoom(ws.id), (room) => {
    for (const id of FUZZ_PROJECTS) if (!projectsMap(room.doc).has(id)) addProject(room.doc, { id, name: id, themeId: null, createdAt: 1 });
  });
  const join = (name: string, role: 'commune' | 'expert' | 'viewer') =>
    s.join(ws.id, { joinCode: ws.joinCode, name, role, ...(role === 'expert' ? { community: 'maker' as const } : {}) });
  const [alice, bob, mallory, viewer] = await Promise.all([
    join('Alice', 'commune'),
    join('Bob', 'expert'),
    join('Mallory', 'commune'),
    join('Projecteur', 'viewer'),
  ]);
  return {
    wsUrl: s.wsUrl,
    httpUrl: s.url,
    room: projectRoom(ws.id, FUZZ_PROJECTS[0]),
    sideRoom: projectRoom(ws.id, FUZZ_PROJECTS[1]),
    writerTokens: [alice.token, bob.token, mallory.token],
    honestAuthors: [
      { authorId: alice.userId, authorName: 'Alice' },
      { authorId: bob.userId, authorName: 'Bob' },
    ],
    viewerToken: viewer.token,
    roomDoc: (name) => s.server.rooms.loaded(name)?.doc ?? null,
  };
}

export interface YjsFuzzStats {
  cases: number;
  seconds: number;
  byKind: Record<string, number>;
  closesByCode: Record<string, number>;
  stayedOpen: number;
  socketsOpened: number;
  honestNotes: number;
  problems: string[];
}

export interface YjsFuzzOptions {
  cases: number;
  seed: number;
  rng: Rng;
  lanes?: number;
  /** Honest edit interval. */
  editEveryMs?: number;
  /** Progress callback every `progressEvery` cases. */
  onProgress?: (done: number, stats: YjsFuzzStats) => void;
  progressEvery?: number;
  /** Stop collecting after this many problems (the run goes on). */
  maxProblems?: number;
}

/**
 * Runs `cases` fuzz cases over several lanes against the target while two honest clients edit, then
 * checks convergence and that nothing refused was applied.
 */
export async function runYjsFuzz(target: YjsFuzzTarget, options: YjsFuzzOptions): Promise<YjsFuzzStats> {
  const { rng } = options;
  const maxProblems = options.maxProblems ?? 50;
  const started = Date.now();
  const stats: YjsFuzzStats = { cases: 0, seconds: 0, byKind: {}, closesByCode: {}, stayedOpen: 0, socketsOpened: 0, honestNotes: 0, problems: [] };
  const problem = (p: string) => {
    if (stats.problems.length < maxProblems) stats.problems.push(p);
  };

  const honest = new HonestPair(target.wsUrl, target.room, [target.writerTokens[0], target.writerTokens[1]], target.honestAuthors, rng.fork());
  await honest.ready();
  honest.start(options.editEveryMs ?? 20);

  const ctx: FuzzContext = { honestClientIds: () => honest.clientIds() };
  const url = (room: string, token: string) => `${target.wsUrl}${YJS_PATH}/${room}?token=${token}`;
  const laneCount = options.lanes ?? 6;
  // Most lanes on the honest room as a writer; one as a viewer; one on a room that loads and unloads.
  const svOf = (room: string) => () => {
    const doc = target.roomDoc(room);
    return doc ? Y.encodeStateVector(doc) : null;
  };
  const lanes = Array.from({ length: laneCount }, (_, i) =>
    i === laneCount - 1
      ? new FuzzLane(url(target.sideRoom, target.writerTokens[2]), svOf(target.sideRoom))
      : i === laneCount - 2
        ? new FuzzLane(url(target.room, target.viewerToken), svOf(target.room))
        : new FuzzLane(url(target.room, target.writerTokens[2]), svOf(target.room)),
  );
  const sideLane = laneCount - 1;
  const viewerLane = laneCount - 2;
  const refused: FuzzCase[] = [];
  let next = 0;
  const laneRngs = lanes.map(() => rng.fork());

  try {
    await Promise.all(
      lanes.map(async (lane, laneIndex) => {
        const laneRng = laneRngs[laneIndex];
        while (next < options.cases) {
          const n = next++;
          const fuzzCase = generateCase(laneRng, n, ctx);
          let result: CaseResult;
          try {
            result = await lane.run(fuzzCase);
          } catch (err) {
            problem(`case #${n} (${fuzzCase.kind}: ${fuzzCase.detail}): ${(err as Error).message}`);
            continue;
          }
          stats.cases++;
          stats.byKind[fuzzCase.kind] = (stats.byKind[fuzzCase.kind] ?? 0) + 1;
          if (result.close) stats.closesByCode[result.close.code] = (stats.closesByCode[result.close.code] ?? 0) + 1;
          else stats.stayedOpen++;
          // Refused: closed on the honest room, or anything a viewer sent (never applied).
          if (laneIndex === viewerLane || (result.close && laneIndex !== sideLane)) refused.push(fuzzCase);
          if (result.problem) problem(`case #${n} (${fuzzCase.kind}: ${fuzzCase.detail}): ${result.problem}`);
          if (options.onProgress && options.progressEvery && stats.cases % options.progressEvery === 0) {
            stats.seconds = (Date.now() - started) / 1000;
            options.onProgress(stats.cases, stats);
          }
        }
      }),
    );
  } finally {
    for (const lane of lanes) lane.close();
    stats.socketsOpened = lanes.reduce((n, l) => n + l.opened, 0);
    honest.stop();
  }

  try {
    // The server is still up.
    const health = await fetch(`${target.httpUrl}/health`);
    if (health.status !== 200) problem(`GET /health answered ${health.status}`);

    // The honest clients were never disconnected and still converge on new edits.
    for (const d of honest.disconnects) problem(`honest client ${d.client} was disconnected (code ${d.code})`);
    for (let i = 0; i < 10; i++) honest.edit();
    const [a, b] = honest.clients;
    const roomDoc = () => target.roomDoc(target.room);
    try {
      await until(
        () => {
          const server = roomDoc();
          return (
            server !== null &&
            convergenceProblems([
              ['server', server],
              ['honest0', a.doc],
              ['honest1', b.doc],
            ]).length === 0
          );
        },
        'honest clients and the server room converge',
        15_000,
      );
    } catch {
      const server = roomDoc();
      if (!server) problem('the room is not loaded on the server any more');
      else
        for (const p of convergenceProblems([
          ['server', server],
          ['honest0', a.doc],
          ['honest1', b.doc],
        ]))
          problem(p);
    }
    if (!a.provider.wsconnected || !b.provider.wsconnected) problem('an honest client is not connected at the end');

    // A client joining now gets the same document.
    const late = stockClient(target.wsUrl, target.room, target.writerTokens[2]);
    try {
      await waitSynced(late.provider);
      await until(
        () =>
          roomDoc() !== null &&
          convergenceProblems([
            ['server', roomDoc()!],
            ['late joiner', late.doc],
          ]).length === 0,
        'late joiner',
        5_000,
      ).catch(() => {
        for (const p of convergenceProblems([
          ['server', roomDoc() ?? new Y.Doc()],
          ['late joiner', late.doc],
        ]))
          problem(p);
      });
    } finally {
      late.provider.destroy();
    }

    const server = roomDoc();
    if (server) {
      const keys = new Set(notesMap(server).keys());
      const missing = honest.noteIds.filter((id) => !keys.has(id));
      if (missing.length > 0) problem(`${missing.length} honest notes missing from the room, e.g. ${missing[0]}`);
      for (const p of findHalfApplied(server, refused)) problem(p);
    }
    stats.honestNotes = honest.noteIds.length;
  } finally {
    honest.destroy();
  }
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}
