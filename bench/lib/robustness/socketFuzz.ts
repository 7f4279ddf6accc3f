import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol';
import type { Rng } from './prng';

/**
 * Fuzzing of the socket.io `command` event: random JSON values, wrong types, huge strings, deep
 * nesting and prototype-pollution keys, from a facilitator and a participant. Every command must be
 * acknowledged with a well-formed Ack, and the server must keep serving.
 */

const COMMAND_TYPES = [
  'stage.set',
  'focus.set',
  'policy.set',
  'timer.start',
  'timer.pause',
  'timer.resume',
  'timer.add',
  'timer.reset',
  'viewport.set',
  'spotlight.set',
  'vote.open',
  'vote.close',
  'vote.cancel',
  'private.reveal',
  'hands.clear',
  'join.lock',
  'question.show',
  'question.answer',
  'vote.cast',
  'hand.raise',
  'hand.lower',
  'reaction.send',
  'question.ask',
  'question.upvote',
];
const FIELD_NAMES = [
  'stage',
  'projectId',
  'writers',
  'privateMode',
  'projector',
  'chime',
  'durationMs',
  'ms',
  'viewport',
  'spotlight',
  'budget',
  'perItemCap',
  'roundId',
  'anonymous',
  'locked',
  'questionId',
  'answered',
  'itemId',
  'delta',
  'reaction',
  'text',
  'noteId',
  'x',
  'y',
  'zoom',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
/** Commands that would disturb the rest of the run if a random payload happened to be valid. */
const NEVER_SENT_TYPES = new Set(['participant.remove']);

export type CommandKind = 'primitive' | 'string' | 'hugeString' | 'array' | 'deep' | 'wrongTypes' | 'badType' | 'pollution' | 'valid';

function randomString(rng: Rng, max: number): string {
  let s = '';
  const len = rng.int(0, max);
  for (let i = 0; i < len; i++) {
    const r = rng.next();
    s +=
      r < 0.7
        ? String.fromCharCode(rng.int(0x20, 0x7e))
        : r < 0.9
          ? rng.pick(['é', '🌍', '\u0000', '\n', '"', '\\', '\u202e'])
          : String.fromCharCode(rng.int(0, 0xd7ff));
  }
  return s;
}

function randomScalar(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => rng.bool(),
    () => rng.int(-1e9, 1e9),
    () => rng.next() * 1e308 * (rng.bool() ? 1 : -1),
    () => rng.pick([0, -0, 1, -1, 0.5, 2 ** 53, -(2 ** 53), 1e-300, 50, 51, 12 * 3_600_000 + 1]),
    () => randomString(rng, 20),
    () => rng.pick(['', ' ', 'proj0001', 'abcdef', 'ABCDEF', '../../../etc', 'ideation', 'everyone', '👍', 'null', 'true']),
  ])();
}

function randomValue(rng: Rng, depth: number): unknown {
  if (depth <= 0 || rng.bool(0.5)) return randomScalar(rng);
  if (rng.bool()) return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let i = rng.int(0, 5); i > 0; i--) obj[rng.bool(0.7) ? rng.pick(FIELD_NAMES) : randomString(rng, 8)] = randomValue(rng, depth - 1);
  return obj;
}

function deep(rng: Rng, depth: number): unknown {
  let v: unknown = randomScalar(rng);
  for (let i = 0; i < depth; i++) v = rng.bool() ? [v] : { [rng.pick(FIELD_NAMES)]: v };
  return v;
}

/** Builds an object from JSON text so that `__proto__` becomes an own key, as it does on the wire. */
function pollutionPayload(rng: Rng): unknown {
  const type = rng.bool(0.7) ? rng.pick(COMMAND_TYPES) : rng.pick(POLLUTION_KEYS);
  const evil = JSON.stringify({ polluted: 'yes', isAdmin: true, role: 'facilitator' });
  const key = rng.pick(POLLUTION_KEYS);
  const variants = [
    `{"type":${JSON.stringify(type)},"${key}":${evil}}`,
    `{"${key}":${evil},"type":${JSON.stringify(type)}}`,
    `{"type":${JSON.stringify(type)},"constructor":{"prototype":${evil}}}`,
    `{"type":${JSON.stringify(type)},"viewport":{"__proto__":${evil},"x":1,"y":2,"zoom":1},"projectId":"proj0001"}`,
    `{"type":${JSON.stringify(type)},"spotlight":{"__proto__":{"projectId":"proj0001","noteId":"note0001"}}}`,
    `{"type":{"__proto__":${evil}}}`,
    `[{"__proto__":${evil}}]`,
  ];
  return JSON.parse(rng.pick(variants));
}

export function generateCommand(rng: Rng): { kind: CommandKind; payload: unknown } {
  const kind = rng.pick<CommandKind>([
    'primitive',
    'string',
    'hugeString',
    'array',
    'deep',
    'wrongTypes',
    'wrongTypes',
    'badType',
    'pollution',
    'pollution',
    'valid',
  ]);
  switch (kind) {
    case 'primitive':
      return { kind, payload: randomScalar(rng) };
    case 'string':
      return { kind, payload: randomString(rng, 200) };
    case 'hugeString': {
      // Below socket.io's maxHttpBufferSize (64 KiB), so the server must parse and refuse it.
      const huge = 'x'.repeat(rng.int(10_000, 50_000));
      const payload = rng.pick([
        huge,
        { type: 'question.ask', projectId: 'proj0001', text: huge },
        { type: huge },
        { type: 'hand.raise', [huge.slice(0, 5000)]: 1 },
      ]);
      return { kind, payload };
    }
    case 'array':
      return { kind, payload: Array.from({ length: rng.int(0, 10) }, () => randomValue(rng, 3)) };
    case 'deep':
      return {
        kind,
        payload: rng.bool() ? deep(rng, rng.int(50, 1000)) : { type: rng.pick(COMMAND_TYPES), viewport: deep(rng, rng.int(50, 1000)), projectId: 'proj0001' },
      };
    case 'wrongTypes': {
      const obj: Record<string, unknown> = { type: rng.pick(COMMAND_TYPES) };
      for (let i = rng.int(0, 4); i > 0; i--) obj[rng.pick(FIELD_NAMES)] = randomValue(rng, 2);
      return { kind, payload: obj };
    }
    case 'badType':
      return {
        kind,
        payload: {
          type: rng.pick<unknown>([null, 1, true, [], {}, '', 'TIMER.START', 'timer.start ', 'participant.removeX', randomString(rng, 12)]),
          projectId: 'proj0001',
        },
      };
    case 'pollution':
      return { kind, payload: pollutionPayload(rng) };
    case 'valid':
    default:
      return {
        kind: 'valid',
        payload: rng.pick<unknown>([
          { type: 'hand.raise' },
          { type: 'hand.lower' },
          { type: 'timer.start', durationMs: rng.int(1000, 600_000) },
          { type: 'timer.add', ms: rng.int(-60_000, 60_000) },
          { type: 'timer.pause' },
          { type: 'viewport.set', projectId: 'proj0001', viewport: { x: rng.int(-999, 999), y: rng.int(-999, 999), zoom: 1 } },
          { type: 'question.ask', projectId: 'proj0001', text: `question ${rng.int(0, 999)}` },
        ]),
      };
  }
}

export type CommandSocket = Socket;

export function connectCommandSocket(url: string, token: string): Promise<CommandSocket> {
  const socket = ioClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket.io did not connect')), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Sends one command and waits for its ack (null after the timeout). */
export function sendCommand(socket: CommandSocket, payload: unknown, timeoutMs = 5_000): Promise<Ack<unknown> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    socket.emit('command', payload, (ack: Ack<unknown>) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** What is wrong with an ack, if anything. */
export function ackProblem(ack: unknown): string | null {
  if (ack === null) return 'no ack within the timeout';
  if (typeof ack !== 'object' || Array.isArray(ack)) return `ack is not an object: ${JSON.stringify(ack)?.slice(0, 100)}`;
  const a = ack as Record<string, unknown>;
  if (a.ok === true) return null;
  if (a.ok !== false) return `ack.ok is ${JSON.stringify(a.ok)}`;
  if (typeof a.error !== 'string' || a.error === '') return `ack.error is ${JSON.stringify(a.error)}`;
  if (typeof a.message !== 'string') return `ack.message is ${JSON.stringify(a.message)}`;
  return null;
}

export interface CommandFuzzStats {
  cases: number;
  ok: number;
  refused: number;
  byError: Record<string, number>;
  reconnects: number;
  problems: string[];
}

/**
 * Sends `cases` seeded payloads alternately from the facilitator's and a participant's sockets (a few
 * other abuses of the event mixed in), reconnecting a socket the server dropped (counted).
 */
export async function runCommandFuzz(url: string, tokens: { facilitator: string; participant: string }, rng: Rng, cases: number): Promise<CommandFuzzStats> {
  const stats: CommandFuzzStats = { cases: 0, ok: 0, refused: 0, byError: {}, reconnects: 0, problems: [] };
  const sockets = [await connectCommandSocket(url, tokens.facilitator), await connectCommandSocket(url, tokens.participant)];
  const socketTokens = [tokens.facilitator, tokens.participant];
  try {
    for (let n = 0; n < cases; n++) {
      const who = n % 2;
      if (!sockets[who].connected) {
        sockets[who].close();
        sockets[who] = await connectCommandSocket(url, socketTokens[who]);
        stats.reconnects++;
      }
      const socket = sockets[who];
      const { kind, payload } = generateCommand(rng);
      if (typeof payload === 'object' && payload !== null && NEVER_SENT_TYPES.has((payload as { type?: unknown }).type as string)) continue;
      if (rng.bool(0.02)) {
        // No ack function, a non-function "ack", an unknown event: nothing to wait for, must not crash.
        const abuse = rng.int(0, 3);
        if (abuse === 0) socket.emit('command', payload);
        else if (abuse === 1) socket.emit('command', payload, 'not a function', 42);
        else if (abuse === 2) socket.emit('session:whoami', payload);
        else socket.emit('no.such.event', payload);
      }
      const ack = await sendCommand(socket, payload);
      stats.cases++;
      const problem = ackProblem(ack);
      if (problem) {
        if (stats.problems.length < 50)
          stats.problems.push(
            `command #${n} (${kind}, ${who === 0 ? 'facilitator' : 'participant'}): ${problem}; payload ${JSON.stringify(payload)?.slice(0, 120)}`,
          );
        continue;
      }
      if (ack!.ok) stats.ok++;
      else {
        stats.refused++;
        stats.byError[ack!.error] = (stats.byError[ack!.error] ?? 0) + 1;
      }
    }
  } finally {
    for (const s of sockets) s.close();
  }
  return stats;
}
