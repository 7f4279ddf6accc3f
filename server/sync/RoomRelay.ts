/**
 * Carries a room's document updates and awareness between server nodes. A room publishes what its
 * own clients (or server-side changes) produced, after storing it; what it receives from other nodes
 * it applies and broadcasts to its clients, but neither stores nor publishes again (the publishing
 * node did both), so nothing is stored or relayed twice.
 */
export type RelayKind = 'update' | 'awareness';

export interface RoomRelay {
  /** Starts delivering the room's messages from other nodes; resolves once subscribed. */
  subscribe(room: string, deliver: (kind: RelayKind, data: Uint8Array) => void): Promise<void>;
  unsubscribe(room: string): Promise<void>;
  publish(room: string, kind: RelayKind, data: Uint8Array): void;
}

/** The origin given to changes that came from another node. */
export const RELAY_ORIGIN = Symbol('relay');
