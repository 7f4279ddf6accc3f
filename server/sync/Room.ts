import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CloseCode, READ_ONLY_REASON, type Principal } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { DocStorage } from '../storage/Storage';
import { type AwarenessEntry, decodeAwarenessEntries, encodeAwarenessEntries, stampIdentity } from './awarenessEntries';
import {
  decodeMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  inspectUpdate,
  isValidStateVector,
} from './messages';
import { RELAY_ORIGIN, type RelayKind, type RoomRelay } from './RoomRelay';
import type { SyncConnection } from './SyncConnection';

export interface RoomOptions {
  /** Compact the room's stored log after this many appended batches. */
  compactEvery: number;
  /** Other server nodes, when there are several. */
  relay: RoomRelay | null;
  /** Writes that would take the document past this many bytes of updates are refused. */
  maxDocumentBytes: number;
}

/** How many awareness client ids one connection may speak for (one per Y.Doc it has had). */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/**
 * One live document and the connections editing it.
 *
 * Incoming updates are applied to the in-memory document at once (so a sync reply is always
 * current), collected for the rest of the event-loop turn, merged, stored as one log entry, and only
 * then broadcast as one frame encoded once for the whole room: what anyone has seen is on disk.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Each connection with the awareness client ids it speaks for. */
  private readonly conns = new Map<SyncConnection, Set<number>>();
  private readonly awarenessOwners = new Map<number, SyncConnection>();
  private pending: Array<{ update: Uint8Array; origin: unknown }> = [];
  private flushScheduled = false;
  private writes: Promise<void> = Promise.resolve();
  private batchesSinceCompaction = 0;
  /** Set when a write failed: the next unload stores the whole state so nothing stays memory-only. */
  private storeFailed = false;
  /** True while stored updates are applied at load, so they are not stored a second time. */
  private loading = false;
  /** Bytes of updates this document holds, at most (an upper bound: merges only shrink it). */
  private approximateBytes = 0;

  private constructor(
    readonly name: string,
    private readonly docs: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null); // the server itself is not a participant
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.enqueue(update, origin));
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const update = encodeAwarenessUpdate(this.awareness, changed);
      const frame = encodeAwareness(update);
      for (const conn of this.conns.keys()) if (conn !== origin) conn.send(frame);
      // Each node times out stale remote states by itself; only first-hand changes travel.
      if (origin !== RELAY_ORIGIN && origin !== 'timeout') this.options.relay?.publish(this.name, 'awareness', update);
    });
  }

  /** Loads the room's stored state; the room serves nobody before this resolves. */
  static async load(name: string, docs: DocStorage, log: Logger, options: RoomOptions): Promise<Room> {
    const room = new Room(name, docs, log, options);
    // Subscribe before reading storage, so nothing another node stores meanwhile is missed; what
    // arrives during the load is applied after it (Yjs merges duplicates and any order).
    const early: Array<[RelayKind, Uint8Array]> = [];
    let loaded = false;
    await options.relay?.subscribe(name, (kind, data) => {
      if (loaded) room.receiveRelayed(kind, data);
      else early.push([kind, data.slice()]);
    });
    try {
      const updates = await docs.load(name);
      if (updates.length > 0) {
        // Stored already: applied without being queued for storing again.
        room.loading = true;
        const state = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
        Y.applyUpdate(room.doc, state, room);
        room.approximateBytes = state.byteLength;
        room.loading = false;
      }
    } catch (err) {
      await options.relay?.unsubscribe(name).catch(() => {});
      room.awareness.destroy();
      room.doc.destroy();
      throw err;
    }
    loaded = true;
    for (const [kind, data] of early) room.receiveRelayed(kind, data);
    return room;
  }

  /** A change from another node: applied and sent to our clients, not stored nor relayed again. */
  private receiveRelayed(kind: RelayKind, data: Uint8Array): void {
    if (kind === 'update') {
      if (inspectUpdate(data).valid) Y.applyUpdate(this.doc, data, RELAY_ORIGIN);
      else this.log.warn(`room ${this.name}: invalid update from another node ignored`);
    } else {
      applyAwarenessUpdate(this.awareness, data, RELAY_ORIGIN);
    }
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  join(conn: SyncConnection): void {
    this.conns.set(conn, new Set());
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
  }

  leave(conn: SyncConnection): void {
    const ids = this.conns.get(conn);
    if (!ids) return;
    this.conns.delete(conn);
    for (const id of ids) this.awarenessOwners.delete(id);
    if (ids.size > 0) removeAwarenessStates(this.awareness, [...ids], 'leave');
  }

  /** Handles one frame from a connection. Bad input closes that connection only. */
  receive(conn: SyncConnection, data: Uint8Array): void {
    if (!this.conns.has(conn)) return;
    const message = decodeMessage(data);
    switch (message.type) {
      case 'malformed':
        conn.close(CloseCode.badMessage, message.reason);
        return;
      case 'syncStep1':
        if (!isValidStateVector(message.stateVector)) {
          conn.close(CloseCode.badMessage, 'invalid state vector');
          return;
        }
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'syncStep2':
      case 'update':
        this.receiveUpdate(conn, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(conn, message.update);
        return;
      case 'queryAwareness':
        conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      default:
        assertNever(message);
    }
  }

  private receiveUpdate(conn: SyncConnection, update: Uint8Array): void {
    const inspected = inspectUpdate(update);
    if (!inspected.valid) {
      conn.close(CloseCode.badMessage, 'invalid update');
      return;
    }
    if (inspected.empty) return;
    if (!conn.canWrite()) {
      conn.send(encodePermissionDenied(READ_ONLY_REASON));
      return;
    }
    if (this.approximateBytes + update.byteLength > this.options.maxDocumentBytes) {
      // Re-measure once before refusing: the running count overestimates after many small edits.
      this.approximateBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.approximateBytes + update.byteLength > this.options.maxDocumentBytes) {
        this.log.warn(`room ${this.name}: document limit reached, update refused`);
        conn.close(CloseCode.documentTooLarge, 'document too large');
        return;
      }
    }
    this.approximateBytes += update.byteLength;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.log.warn(`room ${this.name}: update could not be applied`, err);
      conn.close(CloseCode.badMessage, 'update could not be applied');
    }
  }

  /**
   * A connection may only describe its own clients. The stock y-websocket client relays every state
   * it hears back to the server, so entries about other clients that are not newer than what the
   * room knows are echoes and are skipped quietly; a newer one is an attempt to speak for someone
   * else and is refused with a message.
   */
  private receiveAwareness(conn: SyncConnection, update: Uint8Array): void {
    const entries = decodeAwarenessEntries(update);
    if (!entries) {
      conn.close(CloseCode.badMessage, 'invalid awareness update');
      return;
    }
    const owned = this.conns.get(conn)!;
    const accepted: AwarenessEntry[] = [];
    let refused = false;
    for (const entry of entries) {
      if (!owned.has(entry.clientId)) {
        const known = this.awareness.meta.get(entry.clientId);
        if (known !== undefined && entry.clock <= known.clock) continue; // an echo
        if (this.awarenessOwners.has(entry.clientId) || owned.size >= MAX_CLIENT_IDS_PER_CONNECTION) {
          refused = true;
          continue;
        }
        if (entry.state === null) continue; // departure of a client nobody speaks for
        owned.add(entry.clientId);
        this.awarenessOwners.set(entry.clientId, conn);
      }
      accepted.push({ ...entry, state: stampIdentity(entry.state, conn.principal) });
    }
    if (refused) conn.send(encodePermissionDenied('awareness may only describe your own client'));
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    if (this.loading) return;
    this.pending.push({ update, origin });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.writes = this.writes.then(() => this.storeAndBroadcast());
    });
  }

  private async storeAndBroadcast(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    const merged = merge(batch.map((b) => b.update));
    // What came from another node was stored and relayed there; only first-hand changes are ours to.
    const firstHand = batch.filter((b) => b.origin !== RELAY_ORIGIN).map((b) => b.update);
    if (firstHand.length > 0) {
      const own = firstHand.length === batch.length ? merged : merge(firstHand);
      try {
        await this.docs.append(this.name, own);
      } catch (err) {
        this.storeFailed = true;
        this.log.error(`room ${this.name}: storing an update failed; it is kept in memory`, err);
      }
      this.options.relay?.publish(this.name, 'update', own);
    }
    // Everyone gets the batch except its only author, if it has one (echoing is harmless but wasteful).
    const origins = new Set(batch.map((b) => b.origin));
    const skip = origins.size === 1 ? batch[0].origin : undefined;
    const frame = encodeUpdate(merged);
    for (const conn of this.conns.keys()) if (conn !== skip) conn.send(frame);

    if (++this.batchesSinceCompaction >= this.options.compactEvery) {
      this.batchesSinceCompaction = 0;
      await this.docs.compact(this.name).catch((err) => this.log.warn(`room ${this.name}: compaction failed`, err));
    }
  }

  /** Resolves once every update received so far is stored and broadcast. */
  async settle(): Promise<void> {
    while (this.flushScheduled || this.pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.writes;
  }

  /** Stores what is left, compacts the log and frees the document. */
  async unload(): Promise<void> {
    await this.options.relay?.unsubscribe(this.name).catch((err) => this.log.warn(`room ${this.name}: unsubscribe failed`, err));
    await this.settle();
    try {
      if (this.storeFailed) await this.docs.append(this.name, Y.encodeStateAsUpdate(this.doc));
      await this.docs.compact(this.name);
    } catch (err) {
      this.log.error(`room ${this.name}: final store on unload failed`, err);
    }
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection (shutdown, workshop deleted). */
  closeAll(code: number, reason: string): void {
    this.closeWhere(() => true, code, reason);
  }

  /** Closes the connections whose principal matches; returns how many. */
  closeWhere(match: (principal: Principal) => boolean, code: number, reason: string): number {
    const matching = [...this.conns.keys()].filter((conn) => match(conn.principal));
    for (const conn of matching) {
      conn.close(code, reason);
      this.leave(conn); // at once: its messages in flight must not be applied any more
    }
    return matching.length;
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
