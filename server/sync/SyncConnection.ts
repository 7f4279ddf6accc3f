import type { Principal } from '../../shared/protocol';
import type { SharedFrame } from './SharedFrame';

/**
 * What a room needs of a client connection — a socket-like object, so rooms never depend on the
 * WebSocket library (and tests or another transport can stand in).
 */
export interface SyncConnection {
  readonly principal: Principal;
  /**
   * Whether the server accepts this connection's document changes now. Asked for every update:
   * it depends on the role and on the facilitation policy, which can change during a session.
   */
  canWrite(): boolean;
  send(frame: Uint8Array): void;
  /**
   * Sends one or more messages as one socket write; the frame may be shared by many connections
   * (framed once for all of them).
   */
  sendShared(frame: SharedFrame): void;
  /**
   * Whether the outgoing buffer is over its bound (a slow or stalled client). The room then merges
   * what this connection misses instead of queueing frame after frame.
   */
  congested(): boolean;
  /** Calls back once, when the outgoing buffer has drained (or at once if it is not congested). */
  onDrained(callback: () => void): void;
  close(code: number, reason: string): void;
}
