import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, setNoteText, type NoteInit } from '../../shared/operations';
import { CANVAS_LIMIT, NOTE_HEIGHT, NOTE_WIDTH, notesMap, readNotes } from '../../shared/schema';
import {
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  MIN_CLUSTER_HEIGHT,
  MIN_CLUSTER_WIDTH,
  addCluster,
  arrangeCluster,
  assignNotes,
  gridLayout,
  moveCluster,
  noteClusterId,
  readClusters,
  removeCluster,
  renameCluster,
  resizeCluster,
  unassignNotes,
} from '../../shared/clusters';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const note = (id: string, x: number, y: number, createdAt: number): NoteInit => ({
  id,
  x,
  y,
  kind: 'idea',
  text: `text ${id}`,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt,
});

function canvas(): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, note('n1', 110, 160, 1));
  addNote(doc, note('n2', 400, 160, 2));
  addNote(doc, note('n3', 900, 900, 3));
  addCluster(doc, { id: 'k1', name: ' Capteurs ', x: 100, y: 100, width: 700, height: 300, createdAt: 10 });
  assignNotes(doc, 'k1', ['n1', 'n2']);
  return doc;
}

const pos = (doc: Y.Doc) => Object.fromEntries(readNotes(doc).map((n) => [n.id, [n.x, n.y]]));

describe('clusters', () => {
  it('adds a cluster (name trimmed, size at least one note) and reads its members', () => {
    const doc = canvas();
    addCluster(doc, { id: 'k2', name: 'Tiny', x: 0, y: 0, width: 10, height: 10, createdAt: 20 });
    expect(readClusters(doc)).toEqual([
      { id: 'k1', name: 'Capteurs', x: 100, y: 100, width: 700, height: 300, createdAt: 10, noteIds: ['n1', 'n2'] },
      { id: 'k2', name: 'Tiny', x: 0, y: 0, width: MIN_CLUSTER_WIDTH, height: MIN_CLUSTER_HEIGHT, createdAt: 20, noteIds: [] },
    ]);
  });

  it('renames and resizes; unknown clusters are no-ops', () => {
    const doc = canvas();
    expect(renameCluster(doc, 'k1', 'Réseau LoRaWAN')).toBe(true);
    expect(resizeCluster(doc, 'k1', 500, 1)).toBe(true);
    expect(readClusters(doc)[0]).toMatchObject({ name: 'Réseau LoRaWAN', width: 500, height: MIN_CLUSTER_HEIGHT });
    expect(renameCluster(doc, 'nope', 'x')).toBe(false);
    expect(resizeCluster(doc, 'nope', 1, 1)).toBe(false);
    expect(moveCluster(doc, 'nope', 1, 1)).toBe(false);
    expect(arrangeCluster(doc, 'nope')).toBe(false);
    expect(removeCluster(doc, 'nope')).toBe(false);
  });

  it('moves the frame and its member notes by the same offset, in one update', () => {
    const doc = canvas();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(moveCluster(doc, 'k1', 150, 50)).toBe(true);
    expect(updates).toBe(1);
    expect(readClusters(doc)[0]).toMatchObject({ x: 150, y: 50 });
    expect(pos(doc)).toEqual({ n1: [160, 110], n2: [450, 110], n3: [900, 900] });
    moveCluster(doc, 'k1', CANVAS_LIMIT * 10, 50);
    expect(readClusters(doc)[0].x).toBe(CANVAS_LIMIT);
    expect(pos(doc).n1[0]).toBe(CANVAS_LIMIT);
  });

  it('assigns and unassigns notes; a note is in one cluster at most', () => {
    const doc = canvas();
    addCluster(doc, { id: 'k2', name: 'Données', x: 0, y: 1000, width: 500, height: 300, createdAt: 20 });
    expect(assignNotes(doc, 'k2', ['n2', 'n3', 'missing'])).toBe(true);
    expect(readClusters(doc).map((k) => k.noteIds)).toEqual([['n1'], ['n2', 'n3']]);
    expect(assignNotes(doc, 'nope', ['n1'])).toBe(false);
    expect(unassignNotes(doc, ['n3'])).toBe(true);
    expect(unassignNotes(doc, ['missing'])).toBe(false);
    expect(readClusters(doc).map((k) => k.noteIds)).toEqual([['n1'], ['n2']]);
    expect(noteClusterId(doc, notesMap(doc).get('n3')!)).toBeNull();
  });

  it('removing a cluster keeps its notes in place, unassigned', () => {
    const doc = canvas();
    const before = pos(doc);
    expect(removeCluster(doc, 'k1')).toBe(true);
    expect(readClusters(doc)).toEqual([]);
    expect(pos(doc)).toEqual(before);
    expect([...notesMap(doc).values()].some((n) => n.has('clusterId'))).toBe(false);
  });

  it('a note assigned concurrently with the cluster’s removal reads as unclustered', () => {
    const a = canvas();
    const b = new Y.Doc();
    sync(a, b);
    removeCluster(a, 'k1');
    assignNotes(b, 'k1', ['n3']);
    sync(a, b);
    expect(readClusters(a)).toEqual([]);
    expect(noteClusterId(a, notesMap(a).get('n3')!)).toBeNull();
  });

  it('moving a cluster while someone edits a member note keeps both changes', () => {
    const a = canvas();
    const b = new Y.Doc();
    sync(a, b);
    moveCluster(a, 'k1', 300, 300);
    setNoteText(b, 'n1', 'text n1 — capteurs de CO2');
    sync(a, b);
    for (const doc of [a, b]) {
      const n1 = readNotes(doc).find((n) => n.id === 'n1')!;
      expect([n1.x, n1.y, n1.text]).toEqual([310, 360, 'text n1 — capteurs de CO2']);
    }
  });

  it('a member note deleted while the cluster moves stays deleted', () => {
    const a = canvas();
    const b = new Y.Doc();
    sync(a, b);
    moveCluster(a, 'k1', 0, 0);
    deleteNote(b, 'n2');
    sync(a, b);
    expect(readNotes(a).map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(readClusters(b)[0].noteIds).toEqual(['n1']);
  });
});

describe('grid layout', () => {
  it('fills rows as wide as the frame allows, below the header', () => {
    const frame = { x: 100, y: 100, width: 2 * CLUSTER_PADDING + 3 * NOTE_WIDTH + 2 * CLUSTER_GAP, height: 200 };
    const layout = gridLayout(frame, 4);
    const top = 100 + CLUSTER_HEADER + CLUSTER_PADDING;
    expect(layout.positions).toEqual([
      { x: 120, y: top },
      { x: 120 + NOTE_WIDTH + CLUSTER_GAP, y: top },
      { x: 120 + 2 * (NOTE_WIDTH + CLUSTER_GAP), y: top },
      { x: 120, y: top + NOTE_HEIGHT + CLUSTER_GAP },
    ]);
    expect(layout.width).toBe(frame.width);
    expect(layout.height).toBe(CLUSTER_HEADER + 2 * CLUSTER_PADDING + 2 * NOTE_HEIGHT + CLUSTER_GAP);
  });

  it('keeps a tall enough frame and uses one column in a narrow one', () => {
    expect(gridLayout({ x: 0, y: 0, width: 10, height: 5000 }, 2)).toEqual({
      positions: [
        { x: CLUSTER_PADDING, y: CLUSTER_HEADER + CLUSTER_PADDING },
        { x: CLUSTER_PADDING, y: CLUSTER_HEADER + CLUSTER_PADDING + NOTE_HEIGHT + CLUSTER_GAP },
      ],
      width: MIN_CLUSTER_WIDTH,
      height: 5000,
    });
    expect(gridLayout({ x: 0, y: 0, width: 500, height: 10 }, 0)).toEqual({ positions: [], width: 500, height: MIN_CLUSTER_HEIGHT });
  });

  it('arranges a cluster’s notes in creation order and grows the frame to fit', () => {
    const doc = canvas();
    addNote(doc, note('n4', 0, 0, 4));
    assignNotes(doc, 'k1', ['n4']);
    resizeCluster(doc, 'k1', 480, 100);
    expect(arrangeCluster(doc, 'k1')).toBe(true);
    const top = 100 + CLUSTER_HEADER + CLUSTER_PADDING;
    expect(pos(doc)).toEqual({ n1: [120, top], n2: [340, top], n3: [900, 900], n4: [120, top + NOTE_HEIGHT + CLUSTER_GAP] });
    expect(readClusters(doc)[0].height).toBe(CLUSTER_HEADER + 2 * CLUSTER_PADDING + 2 * NOTE_HEIGHT + CLUSTER_GAP);
    // Arranging again changes nothing.
    let updates = 0;
    doc.on('update', () => updates++);
    arrangeCluster(doc, 'k1');
    expect(updates).toBe(0);
  });
});
