import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCluster, assignNotes } from '../../shared/clusters';
import { addNote, deleteNote, moveNote, setNoteText } from '../../shared/operations';
import { notesMap, readNotes } from '../../shared/schema';
import { readNoteTags, setNoteTags } from '../../shared/taxonomy';
import { contentIndexOf } from '../../client/sync/contentIndex';
import { deletedNotesOf } from '../../client/sync/deletedNotes';
import { notesStoreOf } from '../../client/sync/notesStore';

function board(n: number) {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < n; i++)
      addNote(doc, { id: `n${i}`, x: i * 220, y: 0, kind: 'idea', text: `idée ${i}`, authorId: 'u1', authorName: 'Ada', createdAt: i });
    addCluster(doc, { id: 'k1', name: 'Capteurs', x: -20, y: -60, width: 700, height: 250, createdAt: 1 });
    assignNotes(doc, 'k1', ['n0', 'n1']);
    setNoteTags(doc, 'n0', ['iot']);
  });
  return doc;
}

describe('incremental indexes behind the canvas read hooks', () => {
  it('moving or typing in a note re-reads no cluster and keeps every tag array', () => {
    const doc = board(50);
    const index = contentIndexOf(doc);
    const clusters = index.getClusters();
    const tags = index.getTags();
    let heard = 0;
    index.subscribeClusters(() => heard++);
    index.subscribeTags(() => heard++);
    moveNote(doc, 'n3', 999, 999);
    setNoteText(doc, 'n0', 'capteurs LoRa');
    expect(heard).toBe(0);
    expect(index.getClusters()).toBe(clusters);
    expect(index.getTags()).toBe(tags);
  });

  it('a tag change replaces that note’s tags only; a note joining a cluster refreshes the clusters', () => {
    const doc = board(20);
    const index = contentIndexOf(doc);
    const before = index.getTags();
    setNoteTags(doc, 'n5', ['opendata']);
    const after = index.getTags();
    expect(after).not.toBe(before);
    expect(after.n5).toEqual(['opendata']);
    expect(after.n0).toBe(before.n0);
    const clusters = index.getClusters();
    assignNotes(doc, 'k1', ['n7']);
    expect(index.getClusters()).not.toBe(clusters);
    expect(index.getClusters()[0].noteIds).toEqual(['n0', 'n1', 'n7']);
  });
});

describe('recently deleted notes', () => {
  it('records a note deleted by anyone and restores it — text, place, tags, cluster — in one change', () => {
    const doc = board(5);
    notesStoreOf(doc);
    const log = deletedNotesOf(doc);
    const before = readNotes(doc).find((n) => n.id === 'n0')!;
    // Someone else deletes it (a remote update).
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u));
    deleteNote(remote, 'n0');
    expect(notesMap(doc).has('n0')).toBe(false);
    expect(log.getSnapshot().map((d) => d.note.id)).toEqual(['n0']);

    let updates = 0;
    doc.on('update', () => updates++);
    expect(log.restore('n0', null)).toBe(true);
    expect(updates).toBe(1);
    expect(readNotes(doc).find((n) => n.id === 'n0')).toEqual(before);
    expect(readNoteTags(doc, 'n0')).toEqual(['iot']);
    expect(contentIndexOf(doc).getClusters()[0].noteIds).toContain('n0');
    expect(log.getSnapshot()).toEqual([]);
  });
});
