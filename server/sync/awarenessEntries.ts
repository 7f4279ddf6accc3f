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

export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) return null; // overlong varint: NaN
      const json = decoding.readVarString(decoder);
      if (Buffer.byteLength(json, 'utf8') > MAX_AWARENESS_STATE_BYTES) return null;
      entries.push({ clientId, clock, state: JSON.parse(json) });
    }
    if (decoding.hasContent(decoder)) return null;
    return entries;
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
