import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { projectRoom } from '../../shared/rooms';
import { useRoomDoc } from './useRoomDoc';

/**
 * Opens one project document without presence and hands it up: as soon as it has content, or with
 * `fresh`, only once it holds the server's state (or the server is unreachable: then the cached copy
 * is all there is).
 */
function DocLoader({ room, token, fresh, onDoc }: { room: string; token: string; fresh: boolean; onDoc: (doc: Y.Doc | null) => void }) {
  const rd = useRoomDoc(room, token);
  const ready = rd?.loaded && (!fresh || rd.synced || rd.status === 'disconnected');
  const doc = ready ? rd.doc : null;
  useEffect(() => {
    onDoc(doc);
    return () => onDoc(null);
  }, [doc, onDoc]);
  return null;
}

export interface LazyDocs {
  /** Loaded documents by project id (only those synced once). */
  docs: Record<string, Y.Doc>;
  /** Bumps on every change of any loaded document. */
  version: number;
  /** Render these somewhere: they hold the connections while mounted. */
  loaders: ReactNode;
  /** True once every requested document is loaded. */
  complete: boolean;
}

/**
 * The canvas documents of other projects, opened only while `enabled` (a panel showing similar
 * notes, a workshop report), and closed again when it is not: participants on one project do not
 * download the others unless they ask.
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
  const key = projectIds.join(',');
  const setters = useCallback(
    (projectId: string) => (doc: Y.Doc | null) =>
      setDocs((prev) => {
        if (doc && prev[projectId] === doc) return prev;
        if (!doc && !prev[projectId]) return prev;
        const next = { ...prev };
        if (doc) next[projectId] = doc;
        else delete next[projectId];
        return next;
      }),
    [],
  );
  const [callbacks] = useState(() => new Map<string, (doc: Y.Doc | null) => void>());
  const callbackFor = (id: string) => {
    let cb = callbacks.get(id);
    if (!cb) {
      cb = setters(id);
      callbacks.set(id, cb);
    }
    return cb;
  };

  useEffect(() => {
    const list = Object.values(docs);
    if (list.length === 0) return;
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    list.forEach((d) => d.on('update', bump));
    setVersion((v) => v + 1);
    return () => {
      list.forEach((d) => d.off('update', bump));
      if (frame) cancelAnimationFrame(frame);
    };
  }, [docs]);

  const ids = enabled ? key.split(',').filter(Boolean) : [];
  const loaders = ids.map((id) => <DocLoader key={id} room={projectRoom(workshopId, id)} token={token} fresh={options.fresh ?? false} onDoc={callbackFor(id)} />);
  const shown = enabled ? docs : {};
  return { docs: shown, version, loaders, complete: ids.every((id) => shown[id]) };
}
