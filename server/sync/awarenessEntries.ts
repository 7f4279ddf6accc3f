import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Principal } from '../../shared/protocol';

/**
 * Reading and rewriting awareness updates (y-protocols format: count, then per client its id, clock
 * and JSON state). The server needs to look inside so that a connection can only describe itself and
 * so the identity shown to others is the authenticated one, not whatever the client typed.
 */

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null means "this client left". */
  state: unknown;
}

export const MAX_AWARENESS_STATE_BYTES = 4096;

/** An entry whose JSON state is not parsed yet (most entries a server sees are echoes it skips). */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  json: Uint8Array;
}

/**
 * The entries of an awareness update without parsing their states, or null if the update is not
 * well formed: truncated, trailing bytes, a client id or clock that is not a safe integer (lib0 reads
 * an overlong varint as NaN), or a state over MAX_AWARENESS_STATE_BYTES.
 */
export function readAwarenessEntries(update: Uint8Array): RawAwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: RawAwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) return null;
      const json = decoding.readVarUint8Array(decoder);
      if (json.byteLength > MAX_AWARENESS_STATE_BYTES) return null;
      entries.push({ clientId, clock, json });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The state of a raw entry; throws on invalid UTF-8 or JSON. */
export const parseAwarenessState = (json: Uint8Array): unknown => JSON.parse(utf8.decode(json));

/** Every entry with its state parsed, or null if anything is malformed. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  const raw = readAwarenessEntries(update);
  if (!raw) return null;
  try {
    return raw.map(({ clientId, clock, json }) => ({ clientId, clock, state: parseAwarenessState(json) }));
  } catch {
    return null;
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replaces the identity fields of a state with the authenticated principal's. */
export function stampIdentity(state: unknown, principal: Principal): unknown {
  if (state === null) return null;
  const base = isRecord(state) ? state : {};
  const user = isRecord(base.user) ? base.user : {};
  return {
    ...base,
    user: {
      ...user,
      id: principal.userId,
      name: principal.name,
      role: principal.role,
      community: principal.community,
    },
  };
}
