import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCluster,
  assignNotes,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  clusterFrameFor,
  clustersMap,
  fitClusters,
  readClusters,
  unassignNotes,
} from '../../shared/clusters';
import { addNote, moveNote } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

const note = (doc: Y.Doc, id: string, x: number, y: number) =>
  addNote(doc, { id, x, y, kind: 'idea', text: id, authorId: 'u', authorName: 'U', createdAt: x + y });
const inside = (f: { x: number; y: number; width: number; height: number }, n: { x: number; y: number }) =>
  n.x >= f.x && n.y >= f.y + CLUSTER_HEADER && n.x + NOTE_WIDTH <= f.x + f.width && n.y + NOTE_HEIGHT <= f.y + f.height;

describe('cluster frames fit their notes', () => {
  it('the frame for some notes holds exactly them, with the title band above them', () => {
    const f = clusterFrameFor([
      { x: 100, y: 200 },
      { x: 400, y: 260 },
    ]);
    expect(f).toEqual({
      x: 100 - CLUSTER_PADDING,
      y: 200 - CLUSTER_PADDING - CLUSTER_HEADER,
      width: 300 + NOTE_WIDTH + 2 * CLUSTER_PADDING,
      height: 60 + NOTE_HEIGHT + 2 * CLUSTER_PADDING + CLUSTER_HEADER,
    });
    expect(inside(f, { x: 100, y: 200 })).toBe(true);
    expect(inside(f, { x: 400, y: 260 })).toBe(true);
  });

  it('grows when a note joins, shrinks when one leaves, and an emptied frame is removed when asked', () => {
    const doc = new Y.Doc();
    note(doc, 'a', 0, 0);
    note(doc, 'b', 240, 0);
    note(doc, 'c', 0, 600);
    addCluster(doc, {
      id: 'k',
      name: 'K',
      ...clusterFrameFor([
        { x: 0, y: 0 },
        { x: 240, y: 0 },
      ]),
      createdAt: 1,
    });
    assignNotes(doc, 'k', ['a', 'b']);
    const fitted = readClusters(doc)[0];
    assignNotes(doc, 'k', ['c']);
    fitClusters(doc, ['k']);
    const grown = readClusters(doc)[0];
    expect(grown.height).toBeGreaterThan(fitted.height);
    for (const [x, y] of [
      [0, 0],
      [240, 0],
      [0, 600],
    ])
      expect(inside(grown, { x, y })).toBe(true);
    unassignNotes(doc, ['c']);
    moveNote(doc, 'b', 240, 40);
    fitClusters(doc, ['k']);
    const shrunk = readClusters(doc)[0];
    expect(shrunk).toMatchObject(
      clusterFrameFor([
        { x: 0, y: 0 },
        { x: 240, y: 40 },
      ]),
    );
    unassignNotes(doc, ['a', 'b']);
    fitClusters(doc, ['k']);
    expect(clustersMap(doc).has('k')).toBe(true); // an empty frame someone is building stays
    fitClusters(doc, ['k'], undefined, { removeEmpty: true });
    expect(clustersMap(doc).has('k')).toBe(false);
  });
});
