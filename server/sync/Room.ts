import * as Y from 'yjs';
import { CloseCode, READ_ONLY_REASON, type Principal } from '../../shared/protocol';
import { parseRoom } from '../../shared/rooms';
import { identityFields, WRITE_POLICIES, type RoomPolicy } from '../../shared/writePolicy';
import type { Logger } from '../logger';
import type { DocStorage } from '../storage/Storage';
import {
  decodeMessage,
  encodePermissionDenied,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  inspectUpdate,
  isValidStateVector,
} from './messages';
import { RoomAwareness } from './RoomAwareness';
import { RELAY_ORIGIN, type RelayMessage, type RoomRelay } from './RoomRelay';
import { SharedFrame, TickFrames } from './SharedFrame';
import { mergeInThread, type MergeUpdates } from '../mergeUpdates';
import { lacksSomethingOf } from './stateVectors';
import type { SyncConnection } from './SyncConnection';
import type { SyncMetrics } from './SyncMetrics';
import { HeldUpdates, type Need } from './HeldUpdates';
import { appliesAsIs } from './appliesAsIs';
import { checkUpdate, keepDeletedIdentities, neutralise, type DecodedUpdate } from './updateChanges';

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
  /**
   * Several nodes: how often rooms compare state vectors. Another node's state vector showing
   * something this room lacks for half this long makes the room heal from storage.
   */
  antiEntropyMs: number;
  /** Counts append failures, relay gaps and refused writes. */
  metrics: SyncMetrics;
  /** Merges a loaded log (off the event loop for big ones); on the event loop when absent. */
  mergeUpdates?: MergeUpdates;
  /** Told after each broadcast: how many updates it merged, and ms since the first was received. */
  onBroadcast?: (updates: number, latencyMs: number) => void;
}

/** Told when storing failed: the room's document holds changes storage lacks and must be dropped. */
export type StoreFailed = (room: Room) => void;

/**
 * The room's stored updates were read but cannot be decoded (damaged data): unlike a storage outage,
 * retrying will not help.
 */
export class RoomDataError extends Error {
  constructor(room: string, cause: unknown) {
    super(`room ${room}: stored data cannot be decoded (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'RoomDataError';
  }
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
  readonly doc: Y.Doc;
  /** Who may change what inside this room's document; null for names outside Croisée's scheme (tests). */
  private readonly policy: RoomPolicy | null;
  private readonly presence: RoomAwareness;
  private readonly conns = new Set<SyncConnection>();
  /** Updates missed by congested connections, merged as they accumulate. */
  private readonly backlogs = new Map<SyncConnection, Uint8Array[]>();
  /** Authors of Yjs client ids first seen writing in this room (see `authorOf`). */
  private readonly authors = new Map<number, Principal>();
  /** Updates that cannot be judged yet (see `judge`). */
  private readonly held = new HeldUpdates();
  /** "Tell me when it is stored" requests waiting for the connection's held updates (see `ackStored`). */
  private readonly acksAfterHeld = new Map<SyncConnection, number>();
  /** Counts the document's changes, so held updates are checked again only after one. */
  private version = 0;
  private pending: Array<{ update: Uint8Array; origin: unknown }> = [];
  private pendingSince = 0;
  private flushScheduled = false;
  private lastBroadcastAt = 0;
  private writes: Promise<void> = Promise.resolve();
  private bytesSinceCompaction = 0;
  /**
   * Sends held until the updates applied before them are stored: a sync reply carries the whole
   * document, and nobody may see what storage lacks. `pendingWaiters` wait for the batch gathering
   * now, `storingWaiters` for the batch being stored (null when none is).
   */
  private pendingWaiters: Array<() => void> = [];
  private storingWaiters: Array<() => void> | null = null;
  /** Storing failed: nothing more is stored, broadcast or relayed; the room is being dropped. */
  private broken = false;
  /** A heal from storage running, and whether another was asked for meanwhile. */
  private healing: Promise<void> | null = null;
  private healAgain = false;
  private lastPendingHealAt = 0;
  /** Waiting to see whether another node's state vector is still ahead of ours. */
  private stateVectorCheck: NodeJS.Timeout | null = null;
  /** Bytes of updates this document holds, at most (an upper bound: merges only shrink it). */
  private approximateBytes = 0;
  /** The sync reply for a client with an empty document, kept until the document changes. */
  private fullStateReply: Uint8Array | null = null;

  private constructor(
    readonly name: string,
    private readonly docs: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    private readonly onStoreFailed: StoreFailed,
  ) {
    const kind = parseRoom(name)?.kind;
    this.policy = kind ? WRITE_POLICIES[kind] : null;
    this.doc = new Y.Doc(this.policy ? { gcFilter: keepDeletedIdentities(identityFields(this.policy)) } : {});
    this.presence = new RoomAwareness(
      this.doc,
      { name, connections: () => this.conns, relay: options.relay, batchInFlight: () => this.pending.length > 0 || this.storingWaiters !== null },
      options.awarenessIntervalMs,
    );
    this.doc.on('update', this.onDocUpdate);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateReply = null;
    this.version++;
    this.enqueue(update, origin);
  };

  get awareness() {
    return this.presence.awareness;
  }

  /** Loads the room's stored state; the room serves nobody before this resolves. */
  static async load(name: string, docs: DocStorage, log: Logger, options: RoomOptions, onStoreFailed: StoreFailed): Promise<Room> {
    const room = new Room(name, docs, log, options, onStoreFailed);
    // Subscribe before reading storage, so nothing another node stores meanwhile is missed; what
    // arrives during the load is applied after it (Yjs merges duplicates and any order).
    const early: RelayMessage[] = [];
    let loaded = false;
    await options.relay?.subscribe(name, (message) => {
      if (loaded) room.receiveRelayed(message);
      else early.push({ ...message, data: message.data.slice() });
    });
    try {
      const updates = await docs.load(name);
      if (updates.length > 0) {
        // Merged off the event loop (a big room's log takes long to merge), then applied.
        let state: Uint8Array;
        try {
          state = await (options.mergeUpdates ?? mergeInThread)(updates);
        } catch (err) {
          throw new RoomDataError(name, err);
        }
        // Stored already: applied without being queued for storing again, and unheard (Yjs encodes
        // each change again for its update listeners: a big room's load would cost twice as much).
        room.doc.off('update', room.onDocUpdate);
        try {
          Y.applyUpdate(room.doc, state, room);
        } catch (err) {
          throw new RoomDataError(name, err);
        } finally {
          room.doc.on('update', room.onDocUpdate);
        }
        room.approximateBytes = state.byteLength;
        // The merged log is the full state: the first new client gets it as it is, without the
        // document being encoded again on the event loop.
        room.fullStateReply = encodeSyncStep2(state);
      }
    } catch (err) {
      await options.relay?.unsubscribe(name).catch(() => {});
      room.presence.destroy();
      room.doc.destroy();
      throw err;
    }
    loaded = true;
    for (const message of early) room.receiveRelayed(message);
    return room;
  }

  /** A change from another node: applied and sent to our clients, not stored nor relayed again. */
  private receiveRelayed(message: RelayMessage): void {
    switch (message.kind) {
      case 'awareness':
        return this.presence.receiveRelayed(message.data, message.from);
      case 'stateVector':
        return this.compareStateVector(message.data);
      case 'update':
        if (!inspectUpdate(message.data).valid) return this.log.warn(`room ${this.name}: invalid update from another node ignored`);
        Y.applyUpdate(this.doc, message.data, RELAY_ORIGIN);
        if (this.held.size > 0) this.retryHeld();
        if (message.gap) return void this.heal('relayed updates were lost');
        // Yjs holds back an update whose predecessors it has not seen: some were lost on the way.
        // Asked at most once per anti-entropy period, in case storage cannot fill it either.
        if ((this.doc.store.pendingStructs || this.doc.store.pendingDs) && Date.now() - this.lastPendingHealAt > this.options.antiEntropyMs) {
          this.lastPendingHealAt = Date.now();
          void this.heal('a relayed update waits for missing ones');
        }
        return;
      default:
        assertNever(message.kind);
    }
  }

  /**
   * Applies what storage has and this document lacks (state-vector diff), as if relayed: our clients
   * get it, nothing is stored again. Storage holds everything any node ever shared, so after this
   * the room has at least everything published before it started.
   */
  heal(why: string): Promise<void> {
    this.options.metrics.relayGapsSuspected++;
    if (this.healing) {
      this.healAgain = true;
      return this.healing;
    }
    this.healing = (async () => {
      do {
        this.healAgain = false;
        const updates = await this.docs.load(this.name);
        if (this.broken || updates.length === 0) continue;
        // Each stored entry diffed against our state vector, in one transaction: merging a long log
        // first costs several times more (2.4 MB in 2,000 entries, loaded machine: ~0.9 s merged,
        // ~0.2-0.3 s entry by entry; the same for a compacted room).
        const stateVector = Y.encodeStateVector(this.doc);
        // A diff always carries every stored deletion; only a change to the document (which Yjs
        // reports with an update event) means something was actually missing.
        let changed = false;
        const mark = () => (changed = true);
        this.doc.on('update', mark);
        try {
          this.doc.transact(() => {
            for (const update of updates) Y.applyUpdate(this.doc, Y.diffUpdate(update, stateVector), RELAY_ORIGIN);
          }, RELAY_ORIGIN);
        } finally {
          this.doc.off('update', mark);
        }
        if (!changed) continue;
        this.options.metrics.relayGapsHealed++;
        this.log.warn(`room ${this.name}: healed from storage (${why})`);
      } while (this.healAgain);
    })()
      .catch((err) => this.log.error(`room ${this.name}: healing from storage failed (${why})`, err))
      .finally(() => (this.healing = null));
    return this.healing;
  }

  /** Another node's state vector, sent periodically: something it has and we lack may be lost. */
  private compareStateVector(remoteBytes: Uint8Array): void {
    if (this.stateVectorCheck || !isValidStateVector(remoteBytes)) return;
    const remote = Y.decodeStateVector(remoteBytes);
    const behind = () => lacksSomethingOf(Y.decodeStateVector(Y.encodeStateVector(this.doc)), remote);
    if (!behind()) return;
    // It may merely be in flight (stored and relayed a moment later): look again before healing.
    this.stateVectorCheck = setTimeout(() => {
      this.stateVectorCheck = null;
      if (behind()) void this.heal('another node has updates this one lacks');
    }, this.options.antiEntropyMs / 2);
  }

  /** Tells other nodes what this room has (the periodic anti-entropy check). */
  publishStateVector(): void {
    if (!this.broken) this.options.relay?.publish(this.name, 'stateVector', Y.encodeStateVector(this.doc));
  }

  /** Another node stopped: its clients leave presence, and what it published last may be lost. */
  nodeDown(nodeId: string): void {
    this.presence.dropNode(nodeId);
    void this.heal(`node ${nodeId} stopped`);
  }

  /** Sends `frame` once everything applied to the document so far is stored (never, if that fails). */
  private sendWhenStored(conn: SyncConnection, frame: () => Uint8Array): void {
    if (this.pending.length > 0) this.pendingWaiters.push(() => conn.send(frame()));
    else if (this.storingWaiters) this.storingWaiters.push(() => conn.send(frame()));
    else conn.send(frame());
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
    // One write for both.
    conn.sendShared(new SharedFrame(this.presence.hasStates ? [encodeSyncStep1(this.doc), this.presence.fullFrame()] : [encodeSyncStep1(this.doc)]));
  }

  leave(conn: SyncConnection): void {
    if (!this.conns.delete(conn)) return;
    this.backlogs.delete(conn);
    this.held.drop(conn);
    this.acksAfterHeld.delete(conn);
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
        // A newly announced client may be the author some held-back update waits for.
        if (this.held.size > 0) this.retryHeld();
        return;
      case 'queryAwareness':
        conn.send(this.presence.fullFrame());
        return;
      case 'stored':
        this.ackStored(conn, message.seq);
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * Answers `[stored, seq]` once everything the connection sent before it is stored: what was
   * applied goes out with the next batch, what is held back (waiting for what it builds on) must be
   * applied first, and a refused change is settled (the sender was told and corrected).
   */
  private ackStored(conn: SyncConnection, seq: number): void {
    // Storing failed: nothing more is stored (updates are dropped until the room reloads), so
    // nothing is said to be; the connection closes and the page sends its changes again.
    if (this.broken) return;
    if (this.held.has(conn)) this.acksAfterHeld.set(conn, seq);
    else this.sendWhenStored(conn, () => encodeStored(seq));
  }

  private replyToSyncStep1(conn: SyncConnection, stateVector: Uint8Array): void {
    if (!isValidStateVector(stateVector)) {
      conn.close(CloseCode.badMessage, 'invalid state vector');
      return;
    }
    // An empty state vector (`[0]`) is every new client: one encoding serves a whole join storm.
    // Encoded now (the document as it is) but sent once all of it is stored.
    let reply: Uint8Array;
    if (stateVector.byteLength === 1 && stateVector[0] === 0) reply = this.fullStateReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    else reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.sendWhenStored(conn, () => reply);
  }

  private receiveUpdate(conn: SyncConnection, update: Uint8Array): void {
    const inspected = inspectUpdate(update);
    if (!inspected.valid) {
      conn.close(CloseCode.badMessage, 'invalid update');
      return;
    }
    if (inspected.empty || this.broken) return;
    if (!conn.canWrite()) {
      conn.send(encodePermissionDenied(READ_ONLY_REASON));
      return;
    }
    if (!this.reserveBytes(update.byteLength)) {
      this.log.warn(`room ${this.name}: document limit reached, update refused`);
      conn.close(CloseCode.documentTooLarge, 'document too large');
      return;
    }
    const verdict = this.judge(conn, inspected.decoded);
    if (verdict === 'refused') return;
    if ('wait' in verdict) this.hold(conn, update, inspected.decoded, verdict.wait);
    else if (this.apply(conn, update, inspected.decoded, verdict.binds)) this.retryHeld();
  }

  /**
   * Checks an update against the document's write policy. A refused update is not applied, stored or
   * broadcast, and the client is told. One that cannot be judged yet is held back (see HeldUpdates).
   * Accepted: the client ids it introduces as the sender's own.
   */
  private judge(conn: SyncConnection, decoded: DecodedUpdate): { binds: number[] } | { wait: Need } | 'refused' {
    if (!this.policy) return { binds: [] };
    const writer = { principal: conn.principal, authorOf: (client: number) => this.authorOf(client) };
    const verdict = checkUpdate(this.doc, decoded, this.policy, writer, () => this.held.items());
    if (verdict.ok) return { binds: verdict.binds };
    if (verdict.wait) return { wait: verdict.wait };
    this.log.info(`room ${this.name}: update refused (${verdict.reason})`);
    this.options.metrics.refusedWrites++;
    conn.send(encodePermissionDenied(verdict.reason));
    // Keep the sender's clock range filled (so its next changes are not held back behind a gap) and
    // take the refused items back out of its document.
    const fix = neutralise(this.doc, decoded, (client) => this.authorOf(client)?.userId === conn.principal.userId);
    if (fix) {
      Y.applyUpdate(this.doc, fix.fill, conn);
      conn.send(encodeUpdate(fix.retract));
    }
    return 'refused';
  }

  /** Who writes as a Yjs client id: the connection whose presence claims it, or who first wrote as it. */
  private authorOf(client: number): Principal | undefined {
    return this.presence.ownerOf(client)?.principal ?? this.authors.get(client);
  }

  private apply(conn: SyncConnection, update: Uint8Array, decoded: DecodedUpdate, binds: number[]): boolean {
    const asIs = appliesAsIs(this.doc, decoded);
    try {
      if (asIs) {
        // The update is exactly the change: stored and broadcast as received, without Yjs encoding
        // the transaction again for an 'update' listener (which it does only when there is one).
        this.doc.off('update', this.onDocUpdate);
        try {
          Y.applyUpdate(this.doc, update, conn);
        } finally {
          this.doc.on('update', this.onDocUpdate);
        }
        this.onDocUpdate(update, conn);
      } else Y.applyUpdate(this.doc, update, conn);
      for (const client of binds) if (!this.authors.has(client)) this.authors.set(client, conn.principal);
      return true;
    } catch (err) {
      this.log.warn(`room ${this.name}: update could not be applied`, err);
      conn.close(CloseCode.badMessage, 'update could not be applied');
      // Whatever part of it the document took was not queued for storing: the room reloads from
      // storage, as when storing fails (never seen: a checked update does not fail half-way).
      if (asIs) this.dropUnstored();
      return false;
    }
  }

  private hold(conn: SyncConnection, update: Uint8Array, decoded: DecodedUpdate, need: Need): void {
    if (!this.held.add(conn, { update, decoded, need, checkedAt: this.version })) {
      conn.close(CloseCode.badMessage, 'too many updates building on changes the server does not have');
    }
  }

  /**
   * Checks held-back updates again, until none makes progress. Order does not matter to Yjs, and must
   * not here: the update a held one builds on (the client's sync reply) usually arrives after it.
   */
  private retryHeld(): void {
    for (let progress = true; progress && this.held.size > 0; ) {
      progress = false;
      for (const [conn, held] of this.held.ready(this.version, (client) => this.authorOf(client) !== undefined)) {
        const verdict = this.judge(conn, held.decoded);
        if (typeof verdict === 'object' && 'wait' in verdict) {
          held.need = verdict.wait;
          held.checkedAt = this.version;
          continue;
        }
        this.held.remove(conn, held);
        if (verdict !== 'refused' && this.apply(conn, held.update, held.decoded, verdict.binds)) progress = true;
      }
    }
    for (const [conn, seq] of this.acksAfterHeld) {
      if (this.held.has(conn)) continue;
      this.acksAfterHeld.delete(conn);
      this.sendWhenStored(conn, () => encodeStored(seq));
    }
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    if (this.pending.length === 0) this.pendingSince = performance.now();
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
    const waiters = this.pendingWaiters;
    const since = this.pendingSince;
    this.pending = [];
    this.pendingWaiters = [];
    if (batch.length === 0 || this.broken) return;
    this.storingWaiters = waiters;
    try {
      await this.storeThenShare(batch, since);
      if (!this.broken) for (const send of waiters) send();
    } finally {
      this.storingWaiters = null;
    }
  }

  private async storeThenShare(batch: Array<{ update: Uint8Array; origin: unknown }>, since: number): Promise<void> {
    const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    const merged = merge(batch.map((b) => b.update));
    // What came from another node was stored and relayed there; only first-hand changes are ours to.
    const firstHand = batch.filter((b) => b.origin !== RELAY_ORIGIN).map((b) => b.update);
    if (firstHand.length > 0) {
      const own = firstHand.length === batch.length ? merged : merge(firstHand);
      try {
        await this.docs.append(this.name, own);
      } catch (err) {
        // Store, then share: what storage lacks is neither broadcast nor relayed. The document
        // already holds it, so the room is dropped and reloaded from storage; its authors' clients
        // still hold it and send it again when they reconnect.
        this.options.metrics.appendFailures++;
        this.log.error(`room ${this.name}: storing an update failed; it is not shared and the room reloads`, err);
        this.dropUnstored();
        return;
      }
      this.options.relay?.publish(this.name, 'update', own);
    }
    this.lastBroadcastAt = Date.now();
    // Everyone gets the batch except its only author, if it has one (echoing is harmless but wasteful).
    const origins = new Set(batch.map((b) => b.origin));
    const author = origins.size === 1 ? batch[0].origin : undefined;
    const tick = new TickFrames();
    tick.add(encodeUpdate(merged), author);
    // Presence changes that are due go along: one write per client for both.
    const presence = this.presence.takeChangesIfDue();
    if (presence) tick.add(presence.payload, presence.skip);
    for (const conn of this.conns) this.deliver(conn, tick, merged, author);
    this.options.onBroadcast?.(batch.length, performance.now() - since);

    this.bytesSinceCompaction += merged.byteLength;
    if (this.bytesSinceCompaction >= Math.max(this.options.compactAfterBytes, this.approximateBytes)) {
      this.bytesSinceCompaction = 0;
      await this.docs.compact(this.name).catch((err) => this.log.warn(`room ${this.name}: compaction failed`, err));
    }
  }

  /**
   * Sends a tick's messages to a connection in one write, or, while the client is slow, adds the
   * update to its merged backlog (unless it is the update's only author) and skips the presence.
   */
  private deliver(conn: SyncConnection, tick: TickFrames, update: Uint8Array, author: unknown): void {
    const backlog = this.backlogs.get(conn);
    if (!backlog && !conn.congested()) {
      const frame = tick.for(conn);
      if (frame) conn.sendShared(frame);
      return;
    }
    if (conn === author) return;
    if (backlog) {
      backlog.push(update);
      if (backlog.length >= BACKLOG_MERGE_AT) backlog.splice(0, backlog.length, Y.mergeUpdates(backlog));
      return;
    }
    this.backlogs.set(conn, [update]);
    conn.onDrained(() => {
      const missed = this.backlogs.get(conn);
      this.backlogs.delete(conn);
      if (!missed || !this.conns.has(conn)) return;
      // What it missed and everyone's presence, in one write.
      conn.sendShared(new SharedFrame([encodeUpdate(missed.length === 1 ? missed[0] : Y.mergeUpdates(missed)), this.presence.fullFrame()]));
    });
  }

  /** The document holds changes storage lacks: nothing more is shared, and the room is reloaded. */
  private dropUnstored(): void {
    if (this.broken) return;
    this.broken = true;
    this.onStoreFailed(this);
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
    if (this.stateVectorCheck) clearTimeout(this.stateVectorCheck);
    await this.settle();
    await this.healing;
    // Broken: what the document holds beyond storage is not ours to store (see storeThenShare).
    if (!this.broken) await this.docs.compact(this.name).catch((err) => this.log.error(`room ${this.name}: compaction on unload failed`, err));
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
