import * as Y from 'yjs';
import { clustersMap, readClusters, type ClusterView } from '../../shared/clusters';
import { notesMap } from '../../shared/schema';
import { readNoteTagIds } from '../../shared/taxonomy';

type Listener = () => void;

/** Which notes a batch of deep events on the notes map touched, and which of their keys. */
function touchedNotes(map: Y.Map<Y.Map<unknown>>, events: Array<Y.YEvent<Y.AbstractType<unknown>>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (note: string, key: string) => {
    let keys = out.get(note);
    if (!keys) out.set(note, (keys = new Set()));
    keys.add(key);
  };
  for (const event of events) {
    if (event.target === map) {
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) add(key, '*');
    } else {
      const [note, field] = event.path as [string, string | undefined];
      if (typeof note !== 'string') continue;
      if (field === undefined) for (const key of (event as Y.YMapEvent<unknown>).keysChanged ?? []) add(note, key);
      else add(note, String(field));
    }
  }
  return out;
}

/**
 * Incremental indexes over a project document for the canvas read hooks, so a change costs what
 * it touched (a note moved or typed in costs nothing here, a 5,000-note board included):
 * - clusters with their members: re-read only when a frame changes or a note joins, leaves,
 *   appears or goes;
 * - tag ids per note: only the touched notes' tags are re-read, the rest keep their arrays.
 */
export class ContentIndex {
  private clusters: ClusterView[] | null = null;
  private tags: Record<string, string[]> = {};
  /** Cluster of each note, as last seen (a deleted note's cluster is still known: restore puts it back). */
  private readonly clusterOf = new Map<string, string>();
  private readonly clusterListeners = new Set<Listener>();
  private readonly tagListeners = new Set<Listener>();

  constructor(private readonly doc: Y.Doc) {
    const notes = notesMap(doc);
    notes.forEach((m, id) => {
      if (m instanceof Y.Map) {
        this.tags[id] = readNoteTagIds(m);
        const c = m.get('clusterId');
        if (typeof c === 'string') this.clusterOf.set(id, c);
      }
    });
    clustersMap(doc).observeDeep(() => this.invalidateClusters());
    notes.observeDeep(this.onNotes);
  }

  readonly getClusters = (): ClusterView[] => (this.clusters ??= readClusters(this.doc));
  readonly getTags = (): Record<string, string[]> => this.tags;
  /** The cluster the note was last seen in (also just after it was deleted). */
  lastClusterOf(noteId: string): string | null {
    return this.clusterOf.get(noteId) ?? null;
  }
  readonly subscribeClusters = (l: Listener) => {
    this.clusterListeners.add(l);
    return () => this.clusterListeners.delete(l);
  };
  readonly subscribeTags = (l: Listener) => {
    this.tagListeners.add(l);
    return () => this.tagListeners.delete(l);
  };

  private invalidateClusters() {
    this.clusters = null;
    for (const l of this.clusterListeners) l();
  }

  private readonly onNotes = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const map = notesMap(this.doc);
    const touched = touchedNotes(map, events);
    let membership = false;
    let tags: Record<string, string[]> | null = null;
    for (const [id, keys] of touched) {
      const whole = keys.has('*');
      if (whole || keys.has('clusterId')) {
        membership = true;
        const c = map.get(id)?.get('clusterId');
        if (typeof c === 'string') this.clusterOf.set(id, c);
        else if (map.has(id)) this.clusterOf.delete(id);
      }
      if (!whole && !keys.has('tags')) continue;
      const m = map.get(id);
      const next = m instanceof Y.Map ? readNoteTagIds(m) : undefined;
      const prev = this.tags[id];
      if (next?.join('\u0000') === prev?.join('\u0000') && (next === undefined) === (prev === undefined)) continue;
      tags ??= { ...this.tags };
      if (next) tags[id] = next;
      else delete tags[id];
    }
    if (tags) {
      this.tags = tags;
      for (const l of this.tagListeners) l();
    }
    if (membership) this.invalidateClusters();
  };
}

const indexes = new WeakMap<Y.Doc, ContentIndex>();

/** The index of a document, created on first use and kept for the document's lifetime. */
export function contentIndexOf(doc: Y.Doc): ContentIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = new ContentIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}
