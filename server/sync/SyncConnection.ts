import type { Principal } from '../../shared/protocol';

/**
 * What a room needs of a client connection — a socket-like object, so rooms never depend on the
 * WebSocket library (and tests or another transport can stand in).
 */
export interface SyncConnection {
  readonly principal: Principal;
  /** Whether the server refuses this connection's document changes (viewers). */
  readonly readOnly: boolean;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}
