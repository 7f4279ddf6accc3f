/**
 * Carries a room's document updates and awareness between server nodes. A room publishes what its
 * own clients (or server-side changes) produced, after storing it; what it receives from other nodes
 * it applies and broadcasts to its clients, but neither stores nor publishes again (the publishing
 * node did both), so nothing is stored or relayed twice.
 *
 * Pub/sub loses messages when a connection drops, so a relay is not trusted to be complete: a room
 * heals from storage (which holds everything ever published) whenever the relay reports a gap, a
 * relayed update leaves Yjs waiting for what it depends on, or another node's state vector shows
 * something this node lacks.
 */
export type RelayKind = 'update' | 'awareness' | 'stateVector';

export interface RelayMessage {
  kind: RelayKind;
  /** The publishing node's id. */
  from: string;
  data: Uint8Array;
  /** Updates of this room from `from` were lost before this one (its sequence number skipped). */
  gap: boolean;
}

/** Node-wide events a relay reports. */
export interface RelayEvents {
  /** This node's subscription was interrupted and is back: anything published meanwhile is lost. */
  resubscribed(): void;
  /** Another node stopped: a clean shutdown message, or its heartbeats stopped arriving. */
  nodeDown(nodeId: string): void;
}

export interface RoomRelay {
  /** This node's id, as other nodes see it in `RelayMessage.from`. */
  readonly nodeId: string;
  /** Starts delivering the room's messages from other nodes; resolves once subscribed. */
  subscribe(room: string, deliver: (message: RelayMessage) => void): Promise<void>;
  unsubscribe(room: string): Promise<void>;
  publish(room: string, kind: RelayKind, data: Uint8Array): void;
  /** Adds a listener for node-wide events (the room manager; facilitation's presence list). */
  watch(events: Partial<RelayEvents>): void;
}

/** The origin given to changes that came from another node (or from storage, healing a gap). */
export const RELAY_ORIGIN = Symbol('relay');
