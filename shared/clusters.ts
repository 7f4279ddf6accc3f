import * as Y from 'yjs';
import { CANVAS_LIMIT, MAX_TITLE, NOTE_HEIGHT, NOTE_WIDTH, notesMap } from './schema';
import { truncate } from './textDiff';

/**
 * Clusters: named frames on a project canvas that group notes — the project's components.
 *
 * Project document:  clusters: Y.Map<clusterId, Y.Map { id, name, x, y, width, height, createdAt }>
 *                    notes.<noteId>.clusterId: string   (absent when the note is in no cluster)
 *
 * Membership lives on the note, so a note is in at most one cluster and assigning it never races
 * with someone else's assignment of another note. A `clusterId` naming a removed cluster reads as
 * "no cluster" (someone may assign a note while another removes the cluster).
 */

/** Space between the frame and the notes, and between notes. */
export const CLUSTER_PADDING = 20;
export const CLUSTER_GAP = 20;
/** Room for the cluster's name above its first row of notes. */
export const CLUSTER_HEADER = 40;
export const MIN_CLUSTER_WIDTH = NOTE_WIDTH + 2 * CLUSTER_PADDING;
export const MIN_CLUSTER_HEIGHT = NOTE_HEIGHT + 2 * CLUSTER_PADDING + CLUSTER_HEADER;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ClusterInit extends Rect {
  id: string;
  name: string;
  createdAt: number;
}

export interface ClusterView extends ClusterInit {
  /** Member notes in creation order. */
  noteIds: string[];
}

export const clustersMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('clusters');

const clampCoord = (v: number) => Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0));
const clampSize = (v: number, min: number) => Math.max(min, Math.min(2 * CANVAS_LIMIT, Number.isFinite(v) ? v : min));
const cleanName = (s: string) => truncate(s.trim(), MAX_TITLE).trim();
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function addCluster(doc: Y.Doc, args: ClusterInit, origin?: unknown): void {
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    c.set('id', args.id);
    c.set('name', cleanName(args.name));
    c.set('x', clampCoord(args.x));
    c.set('y', clampCoord(args.y));
    c.set('width', clampSize(args.width, MIN_CLUSTER_WIDTH));
    c.set('height', clampSize(args.height, MIN_CLUSTER_HEIGHT));
    c.set('createdAt', args.createdAt);
    clustersMap(doc).set(args.id, c);
  }, origin);
}

function updateCluster(doc: Y.Doc, id: string, change: (c: Y.Map<unknown>) => void, origin: unknown): boolean {
  const cluster = clustersMap(doc).get(id);
  if (!cluster) return false;
  doc.transact(() => change(cluster), origin);
  return true;
}

export const renameCluster = (doc: Y.Doc, id: string, name: string, origin?: unknown) => updateCluster(doc, id, (c) => c.set('name', cleanName(name)), origin);

export const resizeCluster = (doc: Y.Doc, id: string, width: number, height: number, origin?: unknown) =>
  updateCluster(
    doc,
    id,
    (c) => {
      c.set('width', clampSize(width, MIN_CLUSTER_WIDTH));
      c.set('height', clampSize(height, MIN_CLUSTER_HEIGHT));
    },
    origin,
  );

/** Member note maps of a cluster, in creation order. */
function members(doc: Y.Doc, clusterId: string): Y.Map<unknown>[] {
  return [...notesMap(doc).values()]
    .filter((n) => n.get('clusterId') === clusterId)
    .sort((a, b) => num(a.get('createdAt')) - num(b.get('createdAt')) || String(a.get('id')).localeCompare(String(b.get('id'))));
}

/**
 * Moves the frame to (x, y) and its notes by the same offset, in one transaction, so everyone sees
 * the component move as a whole. Only the notes' x/y change: someone typing in a member note keeps
 * their text.
 */
export function moveCluster(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): boolean {
  const cluster = clustersMap(doc).get(id);
  if (!cluster) return false;
  doc.transact(() => {
    const nx = clampCoord(x);
    const ny = clampCoord(y);
    const dx = nx - num(cluster.get('x'));
    const dy = ny - num(cluster.get('y'));
    cluster.set('x', nx);
    cluster.set('y', ny);
    if (dx === 0 && dy === 0) return;
    for (const note of members(doc, id)) {
      note.set('x', clampCoord(num(note.get('x')) + dx));
      note.set('y', clampCoord(num(note.get('y')) + dy));
    }
  }, origin);
  return true;
}

/** Removes the frame; its notes stay where they are, in no cluster. */
export function removeCluster(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const clusters = clustersMap(doc);
  if (!clusters.has(id)) return false;
  doc.transact(() => {
    for (const note of members(doc, id)) note.delete('clusterId');
    clusters.delete(id);
  }, origin);
  return true;
}

/** Puts existing notes in the cluster (moving them out of any other); unknown notes are skipped. */
export function assignNotes(doc: Y.Doc, clusterId: string, noteIds: readonly string[], origin?: unknown): boolean {
  if (!clustersMap(doc).has(clusterId)) return false;
  const notes = notesMap(doc);
  doc.transact(() => {
    for (const noteId of noteIds) {
      const note = notes.get(noteId);
      if (note && note.get('clusterId') !== clusterId) note.set('clusterId', clusterId);
    }
  }, origin);
  return true;
}

export function unassignNotes(doc: Y.Doc, noteIds: readonly string[], origin?: unknown): boolean {
  const notes = notesMap(doc);
  const present = noteIds.map((id) => notes.get(id)).filter((n): n is Y.Map<unknown> => n !== undefined);
  if (present.length === 0) return false;
  doc.transact(() => {
    for (const note of present) if (note.has('clusterId')) note.delete('clusterId');
  }, origin);
  return true;
}

/** The cluster a note belongs to, or null (also when the cluster was removed). */
export function noteClusterId(doc: Y.Doc, note: Y.Map<unknown>): string | null {
  const id = note.get('clusterId');
  return typeof id === 'string' && clustersMap(doc).has(id) ? id : null;
}

export interface GridLayout {
  positions: Array<{ x: number; y: number }>;
  /** The frame size that holds every note: the given width, the height grown when needed. */
  width: number;
  height: number;
}

/**
 * Places `count` notes in rows inside a frame: as many columns as fit the frame's width, below the
 * header. The frame keeps its width and grows in height when the notes need it.
 */
export function gridLayout(frame: Rect, count: number): GridLayout {
  const width = Math.max(MIN_CLUSTER_WIDTH, frame.width);
  const columns = Math.max(1, Math.floor((width - 2 * CLUSTER_PADDING + CLUSTER_GAP) / (NOTE_WIDTH + CLUSTER_GAP)));
  const rows = Math.ceil(count / columns);
  const positions = Array.from({ length: count }, (_, i) => ({
    x: frame.x + CLUSTER_PADDING + (i % columns) * (NOTE_WIDTH + CLUSTER_GAP),
    y: frame.y + CLUSTER_HEADER + CLUSTER_PADDING + Math.floor(i / columns) * (NOTE_HEIGHT + CLUSTER_GAP),
  }));
  const needed = CLUSTER_HEADER + 2 * CLUSTER_PADDING + rows * NOTE_HEIGHT + Math.max(0, rows - 1) * CLUSTER_GAP;
  return { positions, width, height: Math.max(frame.height, needed, MIN_CLUSTER_HEIGHT) };
}

/**
 * The frame that holds exactly these notes: CLUSTER_PADDING around them and the header band above
 * them. With no notes, a two-note-wide empty frame centred on `centre`.
 */
export function clusterFrameFor(notes: ReadonlyArray<{ x: number; y: number }>, centre: { x: number; y: number } = { x: 0, y: 0 }): Rect {
  if (notes.length === 0) {
    const width = Math.max(2 * NOTE_WIDTH + 3 * CLUSTER_PADDING, MIN_CLUSTER_WIDTH);
    return { x: Math.round(centre.x - width / 2), y: Math.round(centre.y - MIN_CLUSTER_HEIGHT / 2), width, height: MIN_CLUSTER_HEIGHT };
  }
  const x0 = Math.min(...notes.map((n) => n.x));
  const y0 = Math.min(...notes.map((n) => n.y));
  const x1 = Math.max(...notes.map((n) => n.x + NOTE_WIDTH));
  const y1 = Math.max(...notes.map((n) => n.y + NOTE_HEIGHT));
  return {
    x: x0 - CLUSTER_PADDING,
    y: y0 - CLUSTER_PADDING - CLUSTER_HEADER,
    width: x1 - x0 + 2 * CLUSTER_PADDING,
    height: y1 - y0 + 2 * CLUSTER_PADDING + CLUSTER_HEADER,
  };
}

/**
 * Makes the frames of these clusters fit their notes exactly (grow and shrink). A cluster left
 * with no notes after a regrouping is removed, so no empty frame stays hidden under another.
 */
export function fitClusters(doc: Y.Doc, ids: Iterable<string>, origin?: unknown, opts: { removeEmpty?: boolean } = {}): void {
  const clusters = clustersMap(doc);
  doc.transact(() => {
    for (const id of new Set(ids)) {
      const cluster = clusters.get(id);
      if (!cluster) continue;
      const notes = members(doc, id).map((n) => ({ x: num(n.get('x')), y: num(n.get('y')) }));
      if (notes.length === 0) {
        if (opts.removeEmpty) clusters.delete(id);
        continue;
      }
      const f = clusterFrameFor(notes);
      if (cluster.get('x') !== f.x) cluster.set('x', clampCoord(f.x));
      if (cluster.get('y') !== f.y) cluster.set('y', clampCoord(f.y));
      if (cluster.get('width') !== f.width) cluster.set('width', clampSize(f.width, MIN_CLUSTER_WIDTH));
      if (cluster.get('height') !== f.height) cluster.set('height', clampSize(f.height, MIN_CLUSTER_HEIGHT));
    }
  }, origin);
}

/** Lays the cluster's notes out in a grid (creation order), growing the frame if they do not fit. */
export function arrangeCluster(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const cluster = clustersMap(doc).get(id);
  if (!cluster) return false;
  doc.transact(() => {
    const notes = members(doc, id);
    const frame = { x: num(cluster.get('x')), y: num(cluster.get('y')), width: num(cluster.get('width')), height: num(cluster.get('height')) };
    const layout = gridLayout(frame, notes.length);
    notes.forEach((note, i) => {
      const { x, y } = layout.positions[i];
      if (note.get('x') !== x) note.set('x', clampCoord(x));
      if (note.get('y') !== y) note.set('y', clampCoord(y));
    });
    if (notes.length > 0) fitClusters(doc, [id], origin);
    else if (layout.height !== frame.height) cluster.set('height', layout.height);
  }, origin);
  return true;
}

export function readCluster(doc: Y.Doc, m: Y.Map<unknown>): ClusterView {
  const id = typeof m.get('id') === 'string' ? (m.get('id') as string) : '';
  return {
    id,
    name: typeof m.get('name') === 'string' ? (m.get('name') as string) : '',
    x: num(m.get('x')),
    y: num(m.get('y')),
    width: num(m.get('width')),
    height: num(m.get('height')),
    createdAt: num(m.get('createdAt')),
    noteIds: members(doc, id).map((n) => String(n.get('id'))),
  };
}

/** Clusters in creation order, with their member notes. */
export function readClusters(doc: Y.Doc): ClusterView[] {
  return [...clustersMap(doc).values()].map((m) => readCluster(doc, m)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
