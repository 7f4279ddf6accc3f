import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addProject, initWorkshop } from '../../shared/operations';
import { addCluster } from '../../shared/clusters';
import { addComment } from '../../shared/comments';
import { createChallengeFromNote } from '../../shared/challenges';
import { buildSearchEntries, placeHits, search, type SearchEntry } from '../../shared/search';

function fixture(): SearchEntry[] {
  const workshop = new Y.Doc();
  initWorkshop(workshop, { title: 'W', createdAt: 1, themes: [] });
  addProject(workshop, { id: 'namur', name: 'Air', commune: 'Namur', themeId: null, createdAt: 1 });
  addProject(workshop, { id: 'ciney', name: 'Budget', commune: 'Ciney', themeId: null, createdAt: 2 });
  const namur = new Y.Doc();
  addNote(namur, { id: 'n1', x: 0, y: 0, kind: 'technology', text: "Capteurs de qualité de l'air", authorId: 'u', authorName: 'A', createdAt: 1 });
  addNote(namur, {
    id: 'n2',
    x: 0,
    y: 0,
    kind: 'need',
    text: 'Budget pour la maintenance des capteurs et du réseau LoRaWAN',
    authorId: 'u',
    authorName: 'A',
    createdAt: 2,
  });
  addCluster(namur, { id: 'k1', name: 'Réseau de capteurs', x: 0, y: 0, width: 400, height: 300, createdAt: 3 });
  addComment(namur, {
    id: 'c1',
    target: { type: 'note', id: 'n1' },
    text: 'Calibrer les capteurs chaque année',
    authorId: 'e',
    authorName: 'E',
    authorRole: 'expert',
    authorCommunity: 'researcher',
    createdAt: 4,
  });
  addComment(namur, {
    id: 'c2',
    target: { type: 'project' },
    text: 'Impliquer les écoles',
    authorId: 'e',
    authorName: 'E',
    authorRole: 'expert',
    authorCommunity: 'maker',
    createdAt: 5,
  });
  const ciney = new Y.Doc();
  addNote(ciney, { id: 'm1', x: 0, y: 0, kind: 'idea', text: 'Budget participatif en ligne', authorId: 'u', authorName: 'A', createdAt: 1 });
  createChallengeFromNote(workshop, {
    id: 'ch1',
    title: 'Maintenir un réseau de capteurs',
    description: 'Qui paie ?',
    projectId: 'namur',
    noteId: 'n2',
    createdBy: 'u',
    createdAt: 9,
  });
  return buildSearchEntries(workshop, { namur, ciney });
}

describe('search', () => {
  const entries = fixture();

  it('builds entries for challenges, notes, clusters and comments with where they are', () => {
    expect(entries.map((e) => [e.kind, e.id])).toEqual([
      ['challenge', 'ch1'],
      ['note', 'n1'],
      ['note', 'n2'],
      ['cluster', 'k1'],
      ['comment', 'c1'],
      ['comment', 'c2'],
      ['note', 'm1'],
    ]);
    expect(entries.find((e) => e.id === 'c1')?.location).toEqual({ projectId: 'namur', noteId: 'n1', clusterId: null, challengeId: null, commentId: 'c1' });
    expect(entries.find((e) => e.id === 'ch1')?.text).toBe('Maintenir un réseau de capteurs\nQui paie ?');
  });

  it('finds every kind across projects, accents and plurals ignored, ranked', () => {
    const hits = search(entries, 'capteur');
    expect(hits.map((h) => h.id)).toEqual(['k1', 'n1', 'ch1', 'c1', 'n2']);
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1].score)).toBe(true);
    expect(search(entries, 'QUALITE AIR').map((h) => h.id)).toEqual(['n1']);
  });

  it('needs every word; matches word starts while typing; ranks exact phrases first', () => {
    expect(search(entries, 'budget capteurs').map((h) => h.id)).toEqual(['n2']);
    expect(search(entries, 'lora').map((h) => h.id)).toEqual(['n2']);
    expect(search(entries, 'budget participatif').map((h) => h.id)).toEqual(['m1']);
    expect(search(entries, 'budget').map((h) => h.id)).toEqual(['m1', 'n2']);
  });

  it('filters by kind and project, limits, and ignores empty queries', () => {
    expect(search(entries, 'capteurs', { kinds: ['comment'] }).map((h) => h.id)).toEqual(['c1']);
    expect(search(entries, 'budget', { projectId: 'ciney' }).map((h) => h.id)).toEqual(['m1']);
    expect(search(entries, 'capteurs', { limit: 2 })).toHaveLength(2);
    expect(search(entries, '  de la ')).toEqual([]);
    expect(search(entries, 'blockchain')).toEqual([]);
  });
});

describe('placeHits', () => {
  it('names the project and commune of each hit; workshop-level hits have none', () => {
    const nowhere = { projectId: null, noteId: null, clusterId: null, challengeId: null, commentId: null };
    const hits = [
      { kind: 'note' as const, id: 'n1', text: 'capteurs', score: 2, location: { ...nowhere, projectId: 'p1', noteId: 'n1' } },
      { kind: 'challenge' as const, id: 'c1', text: 'données', score: 1, location: { ...nowhere, challengeId: 'c1' } },
      { kind: 'note' as const, id: 'n2', text: 'orphan', score: 1, location: { ...nowhere, projectId: 'gone', noteId: 'n2' } },
    ];
    expect(placeHits(hits, [{ id: 'p1', name: 'Air sain', commune: 'Namur' }]).map((h) => h.project)).toEqual([
      { name: 'Air sain', commune: 'Namur' },
      null,
      null,
    ]);
  });
});
