import type { RelayKind } from '../sync/RoomRelay';

/**
 * The bytes of relay messages on Redis. Room channel: `[node id (8)][kind (1)][sequence (4, BE)][data]`,
 * where the sequence numbers one node's updates of one room (1, 2, 3 …) so a receiver sees a lost
 * one; other kinds carry 0. Node channel: `[node id (8)][signal (1)]`.
 */
export const NODE_ID_BYTES = 8;
const HEADER_BYTES = NODE_ID_BYTES + 1 + 4;
const KIND_BYTE: Record<RelayKind, number> = { update: 0, awareness: 1, stateVector: 2 };
const KINDS: RelayKind[] = ['update', 'awareness', 'stateVector'];

export type NodeSignal = 'alive' | 'bye';
const SIGNALS: NodeSignal[] = ['alive', 'bye'];

export interface RoomFrame {
  from: string;
  kind: RelayKind;
  seq: number;
  data: Uint8Array;
}

export function encodeRoomFrame(nodeId: Buffer, kind: RelayKind, seq: number, data: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + data.length);
  nodeId.copy(frame, 0);
  frame[NODE_ID_BYTES] = KIND_BYTE[kind];
  frame.writeUInt32BE(seq, NODE_ID_BYTES + 1);
  frame.set(data, HEADER_BYTES);
  return frame;
}

/** Null for a frame this version cannot read (too short, unknown kind). */
export function decodeRoomFrame(frame: Buffer): RoomFrame | null {
  if (frame.length < HEADER_BYTES) return null;
  const kind = KINDS[frame[NODE_ID_BYTES]];
  if (!kind) return null;
  return {
    from: frame.subarray(0, NODE_ID_BYTES).toString('hex'),
    kind,
    seq: frame.readUInt32BE(NODE_ID_BYTES + 1),
    data: new Uint8Array(frame.buffer, frame.byteOffset + HEADER_BYTES, frame.length - HEADER_BYTES),
  };
}

export function encodeNodeSignal(nodeId: Buffer, signal: NodeSignal): Buffer {
  const frame = Buffer.alloc(NODE_ID_BYTES + 1);
  nodeId.copy(frame, 0);
  frame[NODE_ID_BYTES] = SIGNALS.indexOf(signal);
  return frame;
}

export function decodeNodeSignal(frame: Buffer): { from: string; signal: NodeSignal } | null {
  if (frame.length !== NODE_ID_BYTES + 1) return null;
  const signal = SIGNALS[frame[NODE_ID_BYTES]];
  return signal ? { from: frame.subarray(0, NODE_ID_BYTES).toString('hex'), signal } : null;
}
