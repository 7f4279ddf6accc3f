import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { YJS_PATH } from '../../shared/protocol';
import { parseRoom } from '../../shared/rooms';
import { ticketedSocket } from './ticketedSocket';
import { DocPool, type ConnectionState, type OpenTransport, type PooledRoom, type RoomState } from './docPool';
import { PendingCopy, pendingCopyKey } from './pendingCopy';

export type { ConnectionState };

/** A room as a component holds it: the shared document and connection, and the connection's state. */
export interface RoomDoc extends RoomState {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function yjsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${YJS_PATH}`;
}

/** The IndexedDB database that caches a room on this device. */
export const cacheName = (room: string) => `croisee:${room}`;

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

function openPendingCopy(room: string): PendingCopy | null {
  try {
    return new PendingCopy(localStorage, pendingCopyKey(room));
  } catch {
    // storage disabled (reading `localStorage` throws): the cache alone keeps local changes
    return null;
  }
}

/** The browser's way to a room: y-websocket over a ticketed socket, and the IndexedDB cache. */
const browserTransport: OpenTransport = (room, token, doc) => {
  // BroadcastChannel is off: another tab may hold a different (e.g. read-only) identity, and the
  // server must stay the only path between peers. No params: each connection carries a fresh
  // room ticket (ticketedSocket), never the long-lived token.
  const workshopId = parseRoom(room)?.workshopId ?? room;
  const provider = new WebsocketProvider(yjsUrl(), room, doc, {
    WebSocketPolyfill: ticketedSocket(workshopId, token),
    disableBc: true,
    connect: false,
  });
  return {
    provider,
    persistence: openCache(room, doc),
    cached: hasCache(room),
    markCached: () => markCached(room),
    pendingCopy: openPendingCopy(room),
  };
};

/** Every room this page has open, shared between the components that use it. */
export const docPool = new DocPool(browserTransport);

const noSubscription = () => () => undefined;
const noState = () => null;

/**
 * A room for as long as the component is mounted with the same room and token: the page's shared
 * document and connection for it (see DocPool), with its connection state. Null until the first
 * effect ran, and while `room` is null.
 */
export function useRoomDoc(room: string | null, token: string): RoomDoc | null {
  const [held, setHeld] = useState<PooledRoom | null>(null);
  useEffect(() => {
    if (!room) return;
    const pooled = docPool.acquire(room, token);
    setHeld(pooled);
    return () => {
      docPool.release(pooled);
      setHeld(null);
    };
  }, [room, token]);
  const state = useSyncExternalStore(held ? held.subscribe : noSubscription, held ? held.getState : noState);
  return held && state ? { doc: held.doc, provider: held.provider, ...state } : null;
}

/**
 * Opens rooms before the components that show them mount, and holds them as long as the caller does:
 * a canvas link then syncs its document while the identity check and the board's code are still on
 * their way, instead of after both. The components take the same pooled rooms when they mount.
 */
export function useOpenRoomsEarly(rooms: readonly string[], token: string | null): void {
  const key = rooms.join('\n');
  useEffect(() => {
    if (!token || !key) return;
    const held = key.split('\n').map((room) => docPool.acquire(room, token));
    return () => {
      for (const room of held) docPool.release(room);
    };
  }, [key, token]);
}
