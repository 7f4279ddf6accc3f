import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { projectRoom } from '../../shared/rooms';
import type { PooledRoom } from './docPool';
import { docPool } from './useRoomDoc';

export interface LazyDocs {
  /** Loaded documents by project id (only those with content; with `fresh`, only server-synced ones). */
  docs: Record<string, Y.Doc>;
  /** Bumps on every change of any loaded document. */
  version: number;
  /** True once every requested document is loaded. */
  complete: boolean;
}

/**
 * The canvas documents of other projects, taken from the page's pool only while `enabled` (a panel
 * showing similar notes, a workshop report) and let go when it is not: participants on one project
 * do not download the others unless they ask. A document counts once it has content, or with
 * `fresh`, once it holds the server's state (or the server is unreachable: then the cached copy is
 * all there is).
 */
export function useLazyProjectDocs(
  workshopId: string,
  token: string,
  projectIds: readonly string[],
  enabled: boolean,
  options: { fresh?: boolean } = {},
): LazyDocs {
  const [docs, setDocs] = useState<Record<string, Y.Doc>>({});
  const [version, setVersion] = useState(0);
  const key = enabled ? projectIds.join(',') : '';
  const fresh = options.fresh ?? false;

  useEffect(() => {
    const ids = key.split(',').filter(Boolean);
    const held: Array<[string, PooledRoom]> = ids.map((id) => [id, docPool.acquire(projectRoom(workshopId, id), token)]);
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const ready = (room: PooledRoom) => {
      const s = room.getState();
      return s.loaded && (!fresh || s.synced || s.status === 'disconnected');
    };
    const refresh = () => {
      const next: Record<string, Y.Doc> = {};
      for (const [id, room] of held) if (ready(room)) next[id] = room.doc;
      setDocs((prev) => (Object.keys(next).length === Object.keys(prev).length && Object.entries(next).every(([id, d]) => prev[id] === d) ? prev : next));
      bump();
    };
    const unsubscribe = held.map(([, room]) => room.subscribe(refresh));
    for (const [, room] of held) room.doc.on('update', bump);
    refresh();
    return () => {
      for (const off of unsubscribe) off();
      for (const [, room] of held) {
        room.doc.off('update', bump);
        docPool.release(room);
      }
      if (frame) cancelAnimationFrame(frame);
      setDocs({});
    };
  }, [workshopId, token, key, fresh]);

  const ids = key.split(',').filter(Boolean);
  return { docs, version, complete: ids.every((id) => docs[id]) };
}
