import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol';
import { type AwarenessEntry, encodeAwarenessEntries, parseAwarenessState, readAwarenessEntries, stampIdentity } from './awarenessEntries';
import { encodeAwareness, encodePermissionDenied } from './messages';
import { RELAY_ORIGIN, type RoomRelay } from './RoomRelay';
import { TickFrames } from './SharedFrame';
import type { SyncConnection } from './SyncConnection';

const textDecoder = new TextDecoder();
const decodeText = (bytes: Uint8Array) => textDecoder.decode(bytes);

/** Origin of removals because the node serving those clients stopped: every node removes them itself. */
const NODE_DOWN = 'node-down';

const NONE: ReadonlySet<number> = new Set();

/** How many awareness client ids one connection may speak for (one per Y.Doc it has had). */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/**
 * The presence side of a room: who may describe which client, the authenticated identity stamped
 * on every state, and coalesced broadcasting — changes are gathered for `intervalMs` and sent as
 * one frame to everyone, so a hundred moving cursors cost one frame per client per interval instead
 * of one per cursor move.
 */
export class RoomAwareness {
  readonly awareness: Awareness;
  private readonly owners = new Map<number, SyncConnection>();
  /** The client ids each connection speaks for; a connection has an entry once it claimed one. */
  private readonly owned = new Map<SyncConnection, Set<number>>();
  private changed = new Set<number>();
  private changedBy = new Set<unknown>();
  /** Changed by this node's clients (not relayed, not timed out): what other nodes need. */
  private firstHand = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** When presence changes were last sent: they leave at most once per interval. */
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** The timer waited once for a document batch to take the changes along. */
  private deferred = false;
  /** The node each relayed client is connected to, so a node's clients can leave when it dies. */
  private readonly relayedFrom = new Map<number, string>();

  constructor(
    doc: Y.Doc,
    private readonly room: {
      name: string;
      connections(): Iterable<SyncConnection>;
      relay: RoomRelay | null;
      /** A document batch is gathering or being stored: it will take presence along when it goes out. */
      batchInFlight(): boolean;
    },
    private readonly intervalMs: number,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null); // the server itself is not a participant
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const ids = [...added, ...updated, ...removed];
      for (const id of ids) this.changed.add(id);
      // Each node times out stale remote states by itself; only first-hand changes travel.
      if (origin !== RELAY_ORIGIN && origin !== 'timeout' && origin !== NODE_DOWN) for (const id of ids) this.firstHand.add(id);
      for (const id of removed) this.relayedFrom.delete(id);
      this.changedBy.add(origin);
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    });
  }

  /** The connection speaking for a client id, if one does. */
  ownerOf(clientId: number): SyncConnection | undefined {
    return this.owners.get(clientId);
  }

  remove(conn: SyncConnection): void {
    const ids = this.owned.get(conn);
    if (!ids) return;
    this.owned.delete(conn);
    for (const id of ids) this.owners.delete(id);
    if (ids.size > 0) removeAwarenessStates(this.awareness, [...ids], 'leave');
  }

  /** Every current state (possibly none), for a client that joined, caught up or asked. */
  fullFrame(): Uint8Array {
    return encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
  }

  get hasStates(): boolean {
    return this.awareness.getStates().size > 0;
  }

  /**
   * A connection may only describe its own clients. The stock y-websocket client relays every state
   * it hears back to the server, so entries about other clients that are not newer than what the
   * room knows are echoes and are skipped — before their JSON is even parsed; a newer one is an
   * attempt to speak for someone else and is refused with a message.
   */
  receive(conn: SyncConnection, update: Uint8Array): void {
    // Made on the first claim: idle connections (a wall, a reader) never cost a set.
    let owned = this.owned.get(conn) ?? NONE;
    const entries = readAwarenessEntries(update);
    if (!entries) {
      conn.close(CloseCode.badMessage, 'invalid awareness update');
      return;
    }
    const accepted: AwarenessEntry[] = [];
    const overtaken: number[] = [];
    let refused = false;
    for (const { clientId, clock, json } of entries) {
      if (!owned.has(clientId)) {
        const known = this.awareness.meta.get(clientId);
        if (known !== undefined && clock <= known.clock) {
          // An echo — or a client back (e.g. after its node died) with a clock its removal overtook.
          // Sent that removal, its own client announces itself again with a newer clock.
          if (!this.owners.has(clientId) && !this.awareness.getStates().has(clientId) && decodeText(json) !== 'null') overtaken.push(clientId);
          continue;
        }
        if (this.owners.has(clientId) || owned.size >= MAX_CLIENT_IDS_PER_CONNECTION) {
          refused = true;
          continue;
        }
      }
      let state: unknown;
      try {
        state = parseAwarenessState(json);
      } catch {
        conn.close(CloseCode.badMessage, 'invalid awareness state');
        return;
      }
      if (!owned.has(clientId)) {
        if (state === null) continue; // departure of a client nobody speaks for
        owned = this.claim(conn, clientId);
      }
      accepted.push({ clientId, clock, state: stampIdentity(state, conn.principal) });
    }
    if (refused) conn.send(encodePermissionDenied('awareness may only describe your own client'));
    if (overtaken.length > 0) conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, overtaken)));
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  private claim(conn: SyncConnection, clientId: number): ReadonlySet<number> {
    let owned = this.owned.get(conn);
    if (!owned) this.owned.set(conn, (owned = new Set()));
    owned.add(clientId);
    this.owners.set(clientId, conn);
    return owned;
  }

  /** Presence from another node: applied and shown here, not relayed again. */
  receiveRelayed(update: Uint8Array, fromNode: string): void {
    applyAwarenessUpdate(this.awareness, update, RELAY_ORIGIN);
    for (const { clientId } of readAwarenessEntries(update) ?? []) {
      if (this.awareness.getStates().has(clientId)) this.relayedFrom.set(clientId, fromNode);
    }
  }

  /** Another node stopped: its clients leave at once (instead of after the 30 s awareness timeout). */
  dropNode(nodeId: string): void {
    const gone = [...this.relayedFrom].filter(([, node]) => node === nodeId).map(([clientId]) => clientId);
    if (gone.length > 0) removeAwarenessStates(this.awareness, gone, NODE_DOWN);
  }

  /**
   * The presence changes gathered so far, as one message and the connection it skips (its only
   * author), or null if none — or if presence was sent less than an interval ago (presence leaves at
   * most once per interval, with or without documents). What other nodes need of them is published
   * at once. The room sends them with a document batch when one goes out once they are due (one
   * write per client for both); otherwise the timer sends them alone.
   */
  takeChangesIfDue(): { payload: Uint8Array; skip: unknown } | null {
    if (performance.now() - this.lastSentAt < this.intervalMs) return null;
    return this.takeChanges();
  }

  private takeChanges(): { payload: Uint8Array; skip: unknown } | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.changed.size === 0) return null;
    const update = encodeAwarenessUpdate(this.awareness, [...this.changed]);
    const origins = this.changedBy;
    const firstHand = this.firstHand;
    this.changed = new Set();
    this.changedBy = new Set();
    this.firstHand = new Set();
    this.lastSentAt = performance.now();
    this.deferred = false;
    if (firstHand.size > 0 && this.room.relay) {
      this.room.relay.publish(this.room.name, 'awareness', encodeAwarenessUpdate(this.awareness, [...firstHand]));
    }
    return { payload: encodeAwareness(update), skip: origins.size === 1 ? [...origins][0] : undefined };
  }

  private flush(): void {
    // A batch about to go out takes the changes along (one write per client for both); waited for
    // once, half an interval at most, so presence is never held up by slow storage.
    if (!this.deferred && this.changed.size > 0 && this.room.batchInFlight()) {
      this.deferred = true;
      this.timer = setTimeout(() => this.flush(), this.intervalMs / 2);
      return;
    }
    const changes = this.takeChanges();
    if (!changes) return;
    const tick = new TickFrames();
    tick.add(changes.payload, changes.skip);
    // Not to slow clients: they get the full state once drained.
    for (const conn of this.room.connections()) {
      if (conn.congested()) continue;
      const frame = tick.for(conn);
      if (frame) conn.sendShared(frame);
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }
}
