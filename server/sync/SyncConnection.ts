import type { Principal } from '../../shared/protocol';

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
  close(code: number, reason: string): void;
}
