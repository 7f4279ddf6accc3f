import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';
import type { PendingCopy } from './pendingCopy';
import { setUnsynced } from './unsyncedStore';
import { writeToCache } from './writeToCache';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** What a room's holders see of its connection; a new object on every change. */
export interface RoomState {
  status: ConnectionState;
  /** True once the server's state has been received on the current connection. */
  synced: boolean;
  /**
   * True once the document has content to show: synced with the server at least once, now or on an
   * earlier visit (restored from this device's cache). Stays true while offline.
   */
  loaded: boolean;
  /** Local changes made while not connected that the server has not received yet. */
  unsynced: number;
  /** Set when the server closed the connection for good (4400–4499: no reconnect). */
  closed: { code: number; reason: string } | null;
}

/** How a room is reached: a provider created with `connect: false`, and the device cache if any. */
export interface RoomTransport {
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | null;
  /** Whether this device cached the room on an earlier visit (then the connection waits for the cache, briefly). */
  cached: boolean;
  /** Remembers that the cache now holds a server-synced state. */
  markCached: () => void;
  /** Synchronous copy of local changes not yet safe (null without a usable storage). */
  pendingCopy: PendingCopy | null;
}
export type OpenTransport = (room: string, token: string, doc: Y.Doc) => RoomTransport;

/** Marks, in the cache's own key-value store, that the cache holds a server-synced state. */
const SYNCED_KEY = 'serverSynced';
/** Undelivered local changes, so a reload while offline still shows them as pending. */
const UNSYNCED_KEY = 'unsynced';
/** Connect after the cache has loaded (the first sync then only exchanges the difference), but never wait longer than this. */
const CACHE_WAIT_MS = 800;
const DELIVERY_POLL_MS = 250;
/** A change made online and not confirmed stored by then counts as not sent (a stalled connection). */
const UNCONFIRMED_AFTER_MS = 2000;
/** At most one "stored?" request per this long while someone types. */
const ASK_STORED_MS = 150;
/** Origin of the changes put back from the pending copy: already in it, not to be recorded again. */
const RESTORED = Symbol('restored from the pending copy');

let instances = 0;

/**
 * One room's Y.Doc, provider and cache, shared by every component of the page that needs the room.
 * The document renders from the cache at once; the server connection opens once the cache is
 * loaded, and Yjs merges whatever was changed on either side meanwhile. Nobody appears in the
 * room's presence until a holder sets its awareness state (the canvas does; panels reading the
 * document never do).
 */
export class PooledRoom {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | null;
  private state: RoomState = { status: 'connecting', synced: false, loaded: false, unsynced: 0, closed: null };
  private readonly listeners = new Set<() => void>();
  private readonly key = `room#${++instances}`;
  private destroyed = false;
  private pending = 0;
  private poll: ReturnType<typeof setInterval> | null = null;
  private failed = false;
  private readonly cleanups: Array<() => void> = [];
  private readonly copy: PendingCopy | null;
  /** A cache write of the copy is in flight; `secureAgain`: the copy grew meanwhile. */
  private securing = false;
  private secureAgain = false;
  /** The copy is cleared by the server's sync instead (no usable cache). */
  private copyAwaitsServer = false;
  /**
   * "Stored?" requests on the current connection (see MessageType.stored): the last one sent, the
   * last one answered, and the one that covers the latest local change.
   */
  private asked = 0;
  private answered = 0;
  private needed = 0;
  /**
   * Changes made online so far, and how many of them an answer covers (`covers`: for each request
   * in flight, how many had been made when it was sent). The difference counts as not sent only
   * when the server stops answering for UNCONFIRMED_AFTER_MS (`stallTimer`, re-armed by each answer).
   */
  private made = 0;
  private confirmed = 0;
  private readonly covers = new Map<number, number>();
  private askTimer: ReturnType<typeof setTimeout> | null = null;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(room: string, token: string, open: OpenTransport) {
    const transport = open(room, token, this.doc);
    this.provider = transport.provider;
    this.persistence = transport.persistence;
    this.copy = transport.pendingCopy;
    this.provider.awareness.setLocalState(null);
    this.provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => this.onStored(decoding.readVarUint(decoder));
    const onSync = (isSynced: boolean) => this.onSync(isSynced, transport.markCached);
    const onClosed = (event: { code: number; reason: string }) => this.set({ closed: event, status: 'disconnected' });
    const onConnectionClose = () => {
      this.failed = true;
      this.set({ status: 'disconnected', synced: false });
    };
    this.doc.on('update', this.onUpdate);
    this.restoreCopy();
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    this.provider.on('connection-close', onConnectionClose);
    this.cleanups.push(() => {
      this.doc.off('update', this.onUpdate);
      this.provider.off('status', this.onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
      this.provider.off('connection-close', onConnectionClose);
    });
    // After an offline period the browser tells us before the backoff timer does: retry at once.
    if (typeof window !== 'undefined') {
      const onOnline = () => {
        if (this.provider.shouldConnect && !this.provider.wsconnected) {
          this.provider.disconnect();
          this.provider.connect();
        }
      };
      window.addEventListener('online', onOnline);
      this.cleanups.push(() => window.removeEventListener('online', onOnline));
    }
    this.loadCacheThenConnect(transport.cached);
  }

  readonly getState = (): RoomState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.destroyed = true;
    if (this.poll) clearInterval(this.poll);
    if (this.askTimer) clearTimeout(this.askTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    setUnsynced(this.key, 0);
    for (const cleanup of this.cleanups) cleanup();
    this.provider.destroy();
    // Closes the database; the cached document stays for the next visit.
    void this.persistence?.destroy();
    this.doc.destroy();
  }

  private set(patch: Partial<RoomState>) {
    const next = { ...this.state, ...patch };
    if ((Object.keys(patch) as Array<keyof RoomState>).every((k) => Object.is(next[k], this.state[k]))) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  // ---- undelivered local changes ---------------------------------------------------------------
  private publishPending(save: boolean) {
    this.set({ unsynced: this.pending });
    setUnsynced(this.key, this.pending);
    if (save && this.persistence && !this.destroyed) this.persistence.set(UNSYNCED_KEY, this.pending).catch(() => undefined);
  }
  /** Everything local is in the server's storage: the "stored?" covering the latest change was answered. */
  private delivered = () => this.provider.wsconnected && this.provider.synced && (this.provider.ws?.bufferedAmount ?? 0) === 0 && this.answered >= this.needed;
  private readonly checkDelivered = () => {
    if (!this.delivered()) return;
    if (this.copyAwaitsServer) {
      // Everything recorded so far has been sent: local changes go out as they are made on a synced
      // connection, and the sync on (re)connection carries all the server lacked.
      this.copyAwaitsServer = false;
      const snapshot = this.copy?.snapshot();
      if (snapshot) this.copy?.clear(snapshot);
    }
    if (this.pending > 0) {
      this.pending = 0;
      this.publishPending(true);
    }
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  };
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider || origin === RESTORED || (this.persistence && origin === this.persistence)) return;
    this.copy?.record(update);
    this.secureCopy();
    // Sent straight away on a live, synced connection (and said stored shortly after); anything
    // else waits for the next sync.
    if (this.provider.wsconnected && this.provider.synced) this.awaitStored();
    else this.addPending();
  };

  // ---- "stored?" on a live connection ----------------------------------------------------------
  private awaitStored() {
    this.made++;
    this.needed = this.asked + 1;
    this.askTimer ??= setTimeout(() => {
      this.askTimer = null;
      this.askStored();
    }, ASK_STORED_MS);
    this.stallTimer ??= setTimeout(this.onStall, UNCONFIRMED_AFTER_MS);
  }
  private askStored() {
    const ws = this.provider.ws;
    if (!ws || !this.provider.wsconnected || this.destroyed) return;
    const seq = ++this.asked;
    this.needed = Math.max(this.needed, seq);
    this.covers.set(seq, this.made);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.stored);
    encoding.writeVarUint(encoder, seq);
    ws.send(encoding.toUint8Array(encoder));
  }
  private onStored(seq: number) {
    this.answered = Math.max(this.answered, seq);
    this.confirmed = Math.max(this.confirmed, this.covers.get(seq) ?? 0);
    for (const s of this.covers.keys()) if (s <= seq) this.covers.delete(s);
    // The server answers: not stalled. Watch again while something is still unconfirmed (typing on).
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = this.made > this.confirmed ? setTimeout(this.onStall, UNCONFIRMED_AFTER_MS) : null;
    this.checkDelivered();
  }
  /** No answer in time: what was made since counts as not sent, until the server says it is stored. */
  private readonly onStall = () => {
    this.stallTimer = null;
    this.unconfirmedToPending();
  };
  private unconfirmedToPending() {
    if (this.made === this.confirmed) return;
    this.pending += this.made - this.confirmed;
    this.confirmed = this.made;
    this.publishPending(true);
    this.poll ??= setInterval(this.checkDelivered, DELIVERY_POLL_MS);
  }
  private addPending() {
    this.pending++;
    this.publishPending(true);
    this.poll ??= setInterval(this.checkDelivered, DELIVERY_POLL_MS);
  }

  // ---- the pending copy (see PendingCopy) ------------------------------------------------------
  /** Puts back what an earlier page recorded but may not have cached (a reload in the instant after typing). */
  private restoreCopy() {
    const snapshot = this.copy?.snapshot();
    const restored = this.copy?.read();
    if (!snapshot || !restored) return;
    try {
      Y.applyUpdate(this.doc, restored, RESTORED);
    } catch {
      // Unreadable: dropped, so it never reaches the cache (where y-indexeddb would fail on it at every load).
      this.copy?.clear(snapshot);
      return;
    }
    // Not through onUpdate: changes that follow ones only the cache holds wait inside Yjs until the
    // cache has loaded, without an update event; they are pending all the same.
    this.addPending();
    this.secureCopy();
  }
  /**
   * The rule for clearing the copy: once the changes it holds are safe on this device, i.e. a cache
   * transaction that wrote them has committed — the cache is loaded on every visit, online or not,
   * and syncs to the server on the next connection. Without a usable cache (private browsing,
   * storage refused), once the server has them (see checkDelivered). The server alone is not the
   * rule when there is a cache: "delivered" only means handed to the socket, and the copy costs
   * nothing to keep a few milliseconds more.
   */
  private secureCopy() {
    if (!this.copy || this.destroyed) return;
    if (this.securing) {
      this.secureAgain = true;
      return;
    }
    const snapshot = this.copy.snapshot();
    const update = this.copy.read();
    if (!snapshot || !update) return;
    if (!this.persistence) return this.awaitServer();
    this.securing = true;
    this.secureAgain = false;
    writeToCache(this.persistence, update).then(
      () => {
        this.copy?.clear(snapshot);
        this.securing = false;
        if (this.secureAgain) this.secureCopy();
      },
      () => {
        this.securing = false;
        this.awaitServer();
      },
    );
  }
  private awaitServer() {
    if (this.destroyed) return;
    this.copyAwaitsServer = true;
    this.poll ??= setInterval(this.checkDelivered, DELIVERY_POLL_MS);
  }

  // ---- cache, then connection ------------------------------------------------------------------
  private loadCacheThenConnect(cached: boolean) {
    // With a cached copy, the connection waits (briefly) for it: the first sync then only carries
    // what changed since, instead of the whole document a second time.
    const connect = () => {
      if (!this.destroyed && !this.provider.shouldConnect) this.provider.connect();
    };
    const persistence = this.persistence;
    // Nothing cached here yet (first visit): no reason to wait for the cache before connecting.
    if (!persistence || !cached) connect();
    if (!persistence) return;
    const fallback = setTimeout(connect, CACHE_WAIT_MS);
    persistence.whenSynced
      .then(async () => {
        clearTimeout(fallback);
        if (this.destroyed) return;
        const [wasSynced, stored] = await Promise.all([persistence.get(SYNCED_KEY).catch(() => null), persistence.get(UNSYNCED_KEY).catch(() => 0)]);
        if (this.destroyed) return;
        if (wasSynced || this.doc.store.clients.size > 0) this.set({ loaded: true });
        if (typeof stored === 'number' && stored > 0 && !this.delivered()) {
          this.pending += stored;
          this.publishPending(false);
          this.poll ??= setInterval(this.checkDelivered, DELIVERY_POLL_MS);
        }
        connect();
      })
      .catch(connect);
  }

  // ---- connection state ------------------------------------------------------------------------
  // y-websocket reports 'connecting' again right after a drop and keeps retrying; for people that
  // is still "offline" until a connection actually opens.
  private readonly onStatus = ({ status: next }: { status: ConnectionState }) => {
    if (next === 'connected') this.failed = false;
    if (next === 'disconnected') this.failed = true;
    if (next !== 'connected') {
      // Answers to this connection's requests will never come; the next connection asks again.
      this.unconfirmedToPending();
      this.asked = this.answered = this.needed = 0;
      this.covers.clear();
    }
    this.set({ status: next === 'connecting' && this.failed ? 'disconnected' : next, ...(next !== 'connected' ? { synced: false } : {}) });
  };
  private onSync(isSynced: boolean, markCached: () => void) {
    this.set({ synced: isSynced });
    if (!isSynced) return;
    this.set({ loaded: true });
    this.persistence
      ?.set(SYNCED_KEY, Date.now())
      .then(markCached)
      .catch(() => undefined);
    // What the sync sent the server (our changes it lacked) counts as delivered once it is stored.
    if (this.pending > 0 || this.copyAwaitsServer) this.askStored();
    this.checkDelivered();
  }
}

/**
 * The page's open rooms, reference-counted: the canvas, a panel showing the same project's
 * questions and the outline share one document and one connection. A room whose last holder lets go
 * stays open for `lingerMs`, so going from a canvas to its outline (or React's development double
 * mount) does not reconnect.
 */
export class DocPool {
  private readonly rooms = new Map<string, { room: PooledRoom; holders: number; closing: ReturnType<typeof setTimeout> | null }>();

  constructor(
    private readonly open: OpenTransport,
    private readonly lingerMs = 1500,
  ) {}

  acquire(room: string, token: string): PooledRoom {
    const key = `${room}\u0000${token}`;
    let entry = this.rooms.get(key);
    if (!entry) {
      entry = { room: new PooledRoom(room, token, this.open), holders: 0, closing: null };
      this.rooms.set(key, entry);
    }
    if (entry.closing) clearTimeout(entry.closing);
    entry.closing = null;
    entry.holders++;
    return entry.room;
  }

  release(room: PooledRoom): void {
    for (const [key, entry] of this.rooms) {
      if (entry.room !== room) continue;
      entry.holders--;
      if (entry.holders > 0) return;
      const close = () => {
        this.rooms.delete(key);
        room.destroy();
      };
      if (this.lingerMs > 0) entry.closing = setTimeout(close, this.lingerMs);
      else close();
      return;
    }
  }

  /** Rooms open now (held or lingering). */
  get size(): number {
    return this.rooms.size;
  }
}
