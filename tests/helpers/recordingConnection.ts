import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, type Principal } from '../../shared/protocol';
import type { SharedFrame } from '../../server/sync/SharedFrame';
import type { SyncConnection } from '../../server/sync/SyncConnection';

/** A connection as a room sees it, recording what it is sent; `slow` simulates a full socket. */
export class RecordingConnection implements SyncConnection {
  frames: Uint8Array[] = [];
  /** How many writes the connection was asked for (a shared frame of several messages is one). */
  writes = 0;
  slow = false;
  private drained: Array<() => void> = [];
  constructor(readonly principal: Principal) {}
  canWrite = () => true;
  send(frame: Uint8Array) {
    this.writes++;
    this.frames.push(frame);
  }
  sendShared(frame: SharedFrame) {
    this.writes++;
    this.frames.push(...frame.payloads);
  }
  congested() {
    return this.slow;
  }
  onDrained(callback: () => void) {
    if (!this.slow) return callback();
    this.drained.push(callback);
  }
  drain() {
    this.slow = false;
    for (const cb of this.drained.splice(0)) cb();
  }
  /** Why the room closed this connection, if it did. */
  closedWith: { code: number; reason: string } | null = null;
  close(code: number, reason: string) {
    this.closedWith ??= { code, reason };
  }
  /** Applies every sync message received to a fresh doc. */
  mirror(): Y.Doc {
    const doc = new Y.Doc();
    for (const f of this.frames) {
      const d = decoding.createDecoder(f);
      if (decoding.readVarUint(d) !== MessageType.sync) continue;
      const type = decoding.readVarUint(d);
      if (type === 1 || type === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
    return doc;
  }
  updateFrames(): number {
    return this.frames.filter((f) => f[0] === MessageType.sync && f[1] === 2).length;
  }
}
