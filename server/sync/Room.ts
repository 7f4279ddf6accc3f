import * as Y from 'yjs';
import { CloseCode, READ_ONLY_REASON, type Principal } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { DocStorage } from '../storage/Storage';
import {
  decodeMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  inspectUpdate,
  isValidStateVector,
} from './messages';
import { RoomAwareness } from './RoomAwareness';
import { RELAY_ORIGIN, type RelayKind, type RoomRelay } from './RoomRelay';
import { SharedFrame } from './SharedFrame';
import type { SyncConnection } from './SyncConnection';

export interface RoomOptions {
  /**
   * Compact the stored log once this many bytes were appended since the last compaction, or the
   * size of the state at that time if larger: compaction merges the whole document, so its cost is
   * kept proportional to what was written (amortised), never a full merge every few edits.
   */
  compactAfterBytes: number;
  /** Other server nodes, when there are several. */
  relay: RoomRelay | null;
  /** Writes that would take the document past this many bytes of updates are refused. */
  maxDocumentBytes: number;
  /** Shortest time between two broadcasts of document updates (changes in between are merged). */
  batchIntervalMs: number;
  /** Presence changes are gathered this long, then sent as one frame. */
  awarenessIntervalMs: number;
}

/** Above this many missed updates for a slow client, they are merged into one. */
const BACKLOG_MERGE_AT = 64;

/**
 * One live document and the connections editing it.
 *
 * Incoming updates are applied to the in-memory document at once (so a sync reply is always
 * current), gathered until the next broadcast (the same event-loop turn when the room is quiet, at
 * most one broadcast per `batchIntervalMs` when busy), merged, stored as one log entry, and only then
 * broadcast as one frame encoded once for the whole room: what anyone has seen is on disk. A slow
 * client is not queued frame after frame: what it misses is merged and sent when it has drained.
 */
export class Room {
  readonly doc = new Y.Doc();
  private readonly presence: RoomAwareness;
  private readonly conns = new Set<SyncConnection>();
  /** Updates missed by congested connections, merged as they accumulate. */
  private readonly backlogs = new Map<SyncConnection, Uint8Array[]>();
  private pending: Array<{ update: Uint8Array; origin: unknown }> = [];
  private flushScheduled = false;
  private lastBroadcastAt = 0;
  private writes: Promise<void> = Promise.resolve();
  private bytesSinceCompaction = 0;
  /** Set when a write failed: the next unload stores the whole state so nothing stays memory-only. */
  private storeFailed = false;
  /** True while stored updates are applied at load, so they are not stored a second time. */
  private loading = false;
  /** Bytes of updates this document holds, at most (an upper bound: merges only shrink it). */
  private approximateBytes = 0;
  /** The sync reply for a client with an empty document, kept until the document changes. */
  private fullStateReply: Uint8Array | null = null;

  private constructor(
    readonly name: string,
    private readonly docs: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
  ) {
    this.presence = new RoomAwareness(this.doc, { name, connections: () => this.conns, relay: options.relay }, options.awarenessIntervalMs);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullStateReply = null;
      if (!this.loading) this.enqueue(update, origin);
    });
  }

  get awareness() {
    return this.presence.awareness;
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
        // A compacted room's stored bytes are its full state: the first new client gets them as
        // they are, without encoding the document again.
        if (updates.length === 1) room.fullStateReply = encodeSyncStep2(state);
      }
    } catch (err) {
      await options.relay?.unsubscribe(name).catch(() => {});
      room.presence.destroy();
      room.doc.destroy();
      throw err;
    }
    loaded = true;
    for (const [kind, data] of early) room.receiveRelayed(kind, data);
    return room;
  }

  /** A change from another node: applied and sent to our clients, not stored nor relayed again. */
  private receiveRelayed(kind: RelayKind, data: Uint8Array): void {
    if (kind === 'awareness') return this.presence.receiveRelayed(data);
    if (inspectUpdate(data).valid) Y.applyUpdate(this.doc, data, RELAY_ORIGIN);
    else this.log.warn(`room ${this.name}: invalid update from another node ignored`);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /**
   * Counts `bytes` more against the document limit — a client's update, or a server-side write
   * (questions, vote results, revealed drafts) before it is made; false, with nothing counted, when
   * they would take the document past the limit.
   */
  reserveBytes(bytes: number): boolean {
    if (this.approximateBytes + bytes > this.options.maxDocumentBytes) {
      // Re-measure once before refusing: the running count overestimates after many small edits.
      this.approximateBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.approximateBytes + bytes > this.options.maxDocumentBytes) return false;
    }
    this.approximateBytes += bytes;
    return true;
  }

  join(conn: SyncConnection): void {
    this.conns.add(conn);
    this.presence.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    if (this.presence.hasStates) conn.send(this.presence.fullFrame());
  }

  leave(conn: SyncConnection): void {
    if (!this.conns.delete(conn)) return;
    this.backlogs.delete(conn);
    this.presence.remove(conn);
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
        this.replyToSyncStep1(conn, message.stateVector);
        return;
      case 'syncStep2':
      case 'update':
        this.receiveUpdate(conn, message.update);
        return;
      case 'awareness':
        this.presence.receive(conn, message.update);
        return;
      case 'queryAwareness':
        conn.send(this.presence.fullFrame());
        return;
      default:
        assertNever(message);
    }
  }

  private replyToSyncStep1(conn: SyncConnection, stateVector: Uint8Array): void {
    if (!isValidStateVector(stateVector)) {
      conn.close(CloseCode.badMessage, 'invalid state vector');
      return;
    }
    // An empty state vector (`[0]`) is every new client: one encoding serves a whole join storm.
    if (stateVector.byteLength === 1 && stateVector[0] === 0) {
      this.fullStateReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      conn.send(this.fullStateReply);
      return;
    }
    conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
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
    if (!this.reserveBytes(update.byteLength)) {
      this.log.warn(`room ${this.name}: document limit reached, update refused`);
      conn.close(CloseCode.documentTooLarge, 'document too large');
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.log.warn(`room ${this.name}: update could not be applied`, err);
      conn.close(CloseCode.badMessage, 'update could not be applied');
    }
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.pending.push({ update, origin });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const wait = this.lastBroadcastAt + this.options.batchIntervalMs - Date.now();
    const run = () => {
      this.flushScheduled = false;
      this.writes = this.writes.then(() => this.storeAndBroadcast());
    };
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
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
    this.lastBroadcastAt = Date.now();
    // Everyone gets the batch except its only author, if it has one (echoing is harmless but wasteful).
    const origins = new Set(batch.map((b) => b.origin));
    const skip = origins.size === 1 ? batch[0].origin : undefined;
    const frame = new SharedFrame(encodeUpdate(merged));
    for (const conn of this.conns) if (conn !== skip) this.deliver(conn, frame, merged);

    this.bytesSinceCompaction += merged.byteLength;
    if (this.bytesSinceCompaction >= Math.max(this.options.compactAfterBytes, this.approximateBytes)) {
      this.bytesSinceCompaction = 0;
      await this.docs.compact(this.name).catch((err) => this.log.warn(`room ${this.name}: compaction failed`, err));
    }
  }

  /** Sends an update, or adds it to the connection's merged backlog while the client is slow. */
  private deliver(conn: SyncConnection, frame: SharedFrame, update: Uint8Array): void {
    const backlog = this.backlogs.get(conn);
    if (backlog) {
      backlog.push(update);
      if (backlog.length >= BACKLOG_MERGE_AT) backlog.splice(0, backlog.length, Y.mergeUpdates(backlog));
      return;
    }
    if (!conn.congested()) return conn.sendShared(frame);
    this.backlogs.set(conn, [update]);
    conn.onDrained(() => {
      const missed = this.backlogs.get(conn);
      this.backlogs.delete(conn);
      if (!missed || !this.conns.has(conn)) return;
      conn.send(encodeUpdate(missed.length === 1 ? missed[0] : Y.mergeUpdates(missed)));
      conn.send(this.presence.fullFrame());
    });
  }

  /** Resolves once every update received so far is stored and broadcast. */
  async settle(): Promise<void> {
    while (this.flushScheduled || this.pending.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
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
    this.presence.destroy();
    this.doc.destroy();
  }

  /** Closes every connection (shutdown, workshop deleted). */
  closeAll(code: number, reason: string): void {
    this.closeWhere(() => true, code, reason);
  }

  /** Closes the connections whose principal matches; returns how many. */
  closeWhere(match: (principal: Principal) => boolean, code: number, reason: string): number {
    const matching = [...this.conns].filter((conn) => match(conn.principal));
    for (const conn of matching) {
      conn.close(code, reason);
      this.leave(conn); // at once: its messages in flight must not be applied any more
    }
    return matching.length;
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
