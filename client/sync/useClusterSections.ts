import { useMemo } from 'react';
import type * as Y from 'yjs';
import { noteClusterId, type ClusterView } from '../../shared/clusters';
import { notesMap, type NoteView } from '../../shared/schema';
import { useDocValue } from './useDocValue';

export interface ClusterSection {
  cluster: ClusterView | null;
  notes: NoteView[];
}

/**
 * The notes of a project as list sections: one per cluster in order, then the notes in none (the
 * last section, possibly empty). Used wherever the board is read as a list (outline, phone).
 */
export function useClusterSections(doc: Y.Doc, notes: readonly NoteView[], clusters: readonly ClusterView[]): ClusterSection[] {
  // Membership as one string: a note moved or typed in does not change it, so nothing re-renders.
  const clusterOf = useDocValue(doc, (d) => {
    const out: Record<string, string | null> = {};
    for (const [id, m] of notesMap(d).entries()) out[id] = noteClusterId(d, m);
    return JSON.stringify(out);
  });
  return useMemo(() => {
    const membership = JSON.parse(clusterOf) as Record<string, string | null>;
    return [
      ...clusters.map((c) => ({ cluster: c, notes: notes.filter((n) => membership[n.id] === c.id) })),
      { cluster: null, notes: notes.filter((n) => !membership[n.id]) },
    ];
  }, [clusterOf, clusters, notes]);
}
