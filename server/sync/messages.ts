import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';

/**
 * Pure encoding and decoding of y-websocket frames. Decoding never trusts its input: anything that is
 * not a complete, well-formed message becomes a `malformed` result instead of an exception deeper in.
 */

export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type InboundMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'stored'; seq: number }
  | { type: 'malformed'; reason: string };

export function decodeMessage(data: Uint8Array): InboundMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const messageType = decoding.readVarUint(decoder);
    let message: InboundMessage;
    switch (messageType) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.step1) message = { type: 'syncStep1', stateVector: payload };
        else if (syncType === SyncType.step2) message = { type: 'syncStep2', update: payload };
        else if (syncType === SyncType.update) message = { type: 'update', update: payload };
        else return { type: 'malformed', reason: `unknown sync message type ${syncType}` };
        break;
      }
      case MessageType.awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type: 'queryAwareness' };
        break;
      case MessageType.stored: {
        const seq = decoding.readVarUint(decoder);
        if (!isCount(seq)) return { type: 'malformed', reason: 'invalid stored request' };
        message = { type: 'stored', seq };
        break;
      }
      default:
        return { type: 'malformed', reason: `unexpected message type ${messageType}` };
    }
    if (decoding.hasContent(decoder)) return { type: 'malformed', reason: 'trailing bytes' };
    return message;
  } catch {
    return { type: 'malformed', reason: 'truncated frame' };
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const encodeSyncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });

/** The answer to a page's `[stored, n]`: everything it sent before is stored. */
export const encodeStored = (seq: number) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.stored);
    encoding.writeVarUint(e, seq);
  });

/** y-protocols/auth "permission denied" (type 2, then 0, then the reason). */
export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isId = (id: unknown): boolean => typeof id === 'object' && id !== null && isCount((id as Y.ID).client) && isCount((id as Y.ID).clock);

/**
 * Checks that an update is a complete, well-formed Yjs update before it touches a document: Yjs
 * applies an update piece by piece, so a truncated or forged one could otherwise be half applied
 * (and lib0 reads an overlong varint as NaN instead of failing, so every number is checked).
 * Returns whether it carries any content (structs or deletions), and the decoded update.
 */
export function inspectUpdate(update: Uint8Array): { valid: false } | { valid: true; empty: boolean; decoded: ReturnType<typeof Y.decodeUpdate> } {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (!isId(struct.id) || !isCount(struct.length) || struct.length === 0) return { valid: false };
      if (struct instanceof Y.Item) {
        if (struct.origin !== null && !isId(struct.origin)) return { valid: false };
        if (struct.rightOrigin !== null && !isId(struct.rightOrigin)) return { valid: false };
        if (struct.parent !== null && typeof struct.parent !== 'string' && !isId(struct.parent)) return { valid: false };
      }
    }
    for (const [client, deletes] of ds.clients) {
      if (!isCount(client)) return { valid: false };
      for (const d of deletes) if (!isCount(d.clock) || !isCount(d.len)) return { valid: false };
    }
    return { valid: true, empty: structs.length === 0 && ds.clients.size === 0, decoded: { structs, ds } };
  } catch {
    return { valid: false };
  }
}

export function isValidStateVector(sv: Uint8Array): boolean {
  try {
    Y.decodeStateVector(sv);
    return true;
  } catch {
    return false;
  }
}
