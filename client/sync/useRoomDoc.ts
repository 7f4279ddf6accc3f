import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { YJS_PATH } from '../../shared/protocol';
import { parseRoom } from '../../shared/rooms';
import { ticketedSocket } from './ticketedSocket';
import { setUnsynced } from './unsyncedStore';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface RoomDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
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

export function yjsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${YJS_PATH}`;
}

/** The IndexedDB database that caches a room on this device. */
export const cacheName = (room: string) => `croisee:${room}`;

/** Marks, in the cache's own key-value store, that the cache holds a server-synced state. */
const SYNCED_KEY = 'serverSynced';
/** Undelivered local changes, so a reload while offline still shows them as pending. */
const UNSYNCED_KEY = 'unsynced';
/** Connect after the cache has loaded (the first sync then only exchanges the difference), but never wait longer than this. */
const CACHE_WAIT_MS = 800;
const DELIVERY_POLL_MS = 250;
/** localStorage flag: this device holds a cached copy of the room (worth loading before connecting). */
const cachedFlag = (room: string) => `croisee.cached.${room}`;

function hasCache(room: string): boolean {
  try {
    return localStorage.getItem(cachedFlag(room)) !== null;
  } catch {
    return false;
  }
}
function markCached(room: string): void {
  try {
    localStorage.setItem(cachedFlag(room), '1');
  } catch {
    // storage disabled: the next visit simply connects without waiting for the cache
  }
}

let instances = 0;

function openCache(room: string, doc: Y.Doc): IndexeddbPersistence | null {
  try {
    if (typeof indexedDB === 'undefined') return null;
    const persistence = new IndexeddbPersistence(cacheName(room), doc);
    // Private browsing or a full disk: carry on without the cache.
    persistence._db.catch(() => undefined);
    return persistence;
  } catch {
    return null;
  }
}

/**
 * Owns one Y.Doc, its IndexedDB cache and its WebsocketProvider for as long as the component is
 * mounted with the same room and token; destroys them on unmount (the cached data stays). The
 * document renders from the cache at once; the server connection opens once the cache is loaded,
 * and Yjs merges whatever was changed on either side meanwhile (same updates are never applied
 * twice). Null until the provider exists (first effect run), and while `room` is null.
 */
export function useRoomDoc(room: string | null, token: string): RoomDoc | null {
  const [pair, setPair] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [status, setStatus] = useState<ConnectionState>('connecting');
  const [synced, setSynced] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [unsynced, setUnsyncedState] = useState(0);
  const [closed, setClosed] = useState<RoomDoc['closed']>(null);

  useEffect(() => {
    if (!room) return;
    const key = `${room}#${++instances}`;
    const doc = new Y.Doc();
    const persistence = openCache(room, doc);
    // BroadcastChannel is off: another tab may hold a different (e.g. read-only) identity, and the
    // server must stay the only path between peers. No params: each connection carries a fresh
    // room ticket (ticketedSocket), never the long-lived token.
    const workshopId = parseRoom(room)?.workshopId ?? room;
    const provider = new WebsocketProvider(yjsUrl(), room, doc, {
      WebSocketPolyfill: ticketedSocket(workshopId, token),
      disableBc: true,
      connect: false,
    });
    let destroyed = false;

    // ---- undelivered local changes -------------------------------------------------------------
    let pending = 0;
    let poll: ReturnType<typeof setInterval> | null = null;
    const publish = (save: boolean) => {
      setUnsyncedState(pending);
      setUnsynced(key, pending);
      if (save && persistence && !destroyed) persistence.set(UNSYNCED_KEY, pending).catch(() => undefined);
    };
    const delivered = () => provider.wsconnected && provider.synced && (provider.ws?.bufferedAmount ?? 0) === 0;
    const checkDelivered = () => {
      if (pending === 0 || !delivered()) return;
      pending = 0;
      publish(true);
      if (poll) clearInterval(poll);
      poll = null;
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || (persistence && origin === persistence)) return;
      // Sent straight away on a live, synced connection; anything else waits for the next sync.
      if (delivered()) return;
      pending++;
      publish(true);
      poll ??= setInterval(checkDelivered, DELIVERY_POLL_MS);
    };
    doc.on('update', onUpdate);

    // ---- cache, then connection ----------------------------------------------------------------
    // With a cached copy, the connection waits (briefly) for it: the first sync then only carries
    // what changed since, instead of the whole document a second time.
    const connect = () => {
      if (!destroyed && !provider.shouldConnect) provider.connect();
    };
    // Nothing cached here yet (first visit): no reason to wait for the cache before connecting.
    if (!persistence || !hasCache(room)) connect();
    if (persistence) {
      const fallback = setTimeout(connect, CACHE_WAIT_MS);
      persistence.whenSynced
        .then(async () => {
          clearTimeout(fallback);
          if (destroyed) return;
          const [wasSynced, stored] = await Promise.all([
            persistence.get(SYNCED_KEY).catch(() => null),
            persistence.get(UNSYNCED_KEY).catch(() => 0),
          ]);
          if (destroyed) return;
          if (wasSynced || doc.store.clients.size > 0) setLoaded(true);
          if (typeof stored === 'number' && stored > 0 && !delivered()) {
            pending += stored;
            publish(false);
            poll ??= setInterval(checkDelivered, DELIVERY_POLL_MS);
          }
          connect();
        })
        .catch(connect);
    }

    // ---- connection state ----------------------------------------------------------------------
    // y-websocket reports 'connecting' again right after a drop and keeps retrying; for people that
    // is still "offline" until a connection actually opens.
    let failed = false;
    const onStatus = ({ status: next }: { status: ConnectionState }) => {
      if (next === 'connected') failed = false;
      if (next === 'disconnected') failed = true;
      setStatus(next === 'connecting' && failed ? 'disconnected' : next);
      if (next !== 'connected') setSynced(false);
    };
    const onConnectionClose = () => {
      failed = true;
      setStatus('disconnected');
      setSynced(false);
    };
    const onSync = (isSynced: boolean) => {
      setSynced(isSynced);
      if (!isSynced) return;
      setLoaded(true);
      persistence
        ?.set(SYNCED_KEY, Date.now())
        .then(() => markCached(room))
        .catch(() => undefined);
      checkDelivered();
    };
    const onClosed = (event: { code: number; reason: string }) => {
      setClosed(event);
      setStatus('disconnected');
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    provider.on('connection-close', onConnectionClose);
    setStatus('connecting');
    setSynced(false);
    setLoaded(false);
    setUnsyncedState(0);
    setClosed(null);
    setPair({ doc, provider });
    return () => {
      destroyed = true;
      if (poll) clearInterval(poll);
      setUnsynced(key, 0);
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      provider.destroy();
      // Closes the database; the cached document stays for the next visit.
      void persistence?.destroy();
      doc.destroy();
      setPair(null);
    };
  }, [room, token]);

  // After an offline period the browser tells us before the backoff timer does: retry at once.
  useEffect(() => {
    if (!pair) return;
    const onOnline = () => {
      if (pair.provider.shouldConnect && !pair.provider.wsconnected) {
        pair.provider.disconnect();
        pair.provider.connect();
      }
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [pair]);

  return pair ? { ...pair, status, synced, loaded, unsynced, closed } : null;
}
