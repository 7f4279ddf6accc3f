import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessState, AwarenessUser } from '../../shared/protocol';

export interface Peer {
  clientId: number;
  isSelf: boolean;
  user: AwarenessUser;
  cursor: { x: number; y: number } | null;
  /** The note this person is typing in, if any. */
  editing: string | null;
}

function isUser(v: unknown): v is AwarenessUser {
  if (!v || typeof v !== 'object') return false;
  const u = v as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string' && typeof u.color === 'string';
}

function isPoint(v: unknown): v is { x: number; y: number } {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return typeof p.x === 'number' && Number.isFinite(p.x) && typeof p.y === 'number' && Number.isFinite(p.y);
}

function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const s = state as Partial<AwarenessState>;
    if (!isUser(s.user)) return;
    peers.push({
      clientId,
      isSelf: clientId === awareness.clientID,
      user: s.user,
      cursor: isPoint(s.cursor) ? s.cursor : null,
      editing: typeof s.editing === 'string' && s.editing.length <= 64 ? s.editing : null,
    });
  });
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/** Everyone present in a room (self included), from the provider's awareness. */
export function usePresence(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  useEffect(() => {
    const onChange = () => setPeers(readPeers(awareness));
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return peers;
}

/** One entry per person: several tabs of the same user count once. */
export function uniqueUsers(peers: Peer[]): Peer[] {
  const seen = new Map<string, Peer>();
  for (const peer of peers) {
    const existing = seen.get(peer.user.id);
    if (!existing || (peer.isSelf && !existing.isSelf)) seen.set(peer.user.id, peer);
  }
  return [...seen.values()];
}
