import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { YJS_PATH } from '../../shared/protocol';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface RoomDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: ConnectionState;
  /** True once the server's state has been received on the current connection. */
  synced: boolean;
  /** True once the document has been synced at least once (stays true while offline). */
  loaded: boolean;
  /** Set when the server closed the connection for good (4400–4499: no reconnect). */
  closed: { code: number; reason: string } | null;
}

export function yjsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${YJS_PATH}`;
}

/**
 * Owns one Y.Doc and its WebsocketProvider for as long as the component is mounted with the same
 * room and token; destroys both on unmount. Null until the provider exists (first effect run), and
 * while `room` is null.
 */
export function useRoomDoc(room: string | null, token: string): RoomDoc | null {
  const [pair, setPair] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [status, setStatus] = useState<ConnectionState>('connecting');
  const [synced, setSynced] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [closed, setClosed] = useState<RoomDoc['closed']>(null);

  useEffect(() => {
    if (!room) return;
    const doc = new Y.Doc();
    // BroadcastChannel is off: another tab may hold a different (e.g. read-only) identity, and the
    // server must stay the only path between peers.
    const provider = new WebsocketProvider(yjsUrl(), room, doc, { params: { token }, disableBc: true });
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
      if (isSynced) setLoaded(true);
    };
    const onClosed = (event: { code: number; reason: string }) => {
      setClosed(event);
      setStatus('disconnected');
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    provider.on('connection-close', onConnectionClose);
    setStatus(provider.wsconnected ? 'connected' : 'connecting');
    setSynced(provider.synced);
    setLoaded(provider.synced);
    setClosed(null);
    setPair({ doc, provider });
    return () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      provider.destroy();
      doc.destroy();
      setPair(null);
    };
  }, [room, token]);

  // After an offline period the browser tells us before the backoff timer does: retry at once.
  useEffect(() => {
    if (!pair) return;
    const onOnline = () => {
      if (!pair.provider.wsconnected) {
        pair.provider.disconnect();
        pair.provider.connect();
      }
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [pair]);

  return pair ? { ...pair, status, synced, loaded, closed } : null;
}
