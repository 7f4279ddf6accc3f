import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProject, initWorkshop } from '../../shared/operations';
import { emptyGroupCounts } from '../../shared/facilitation';
import {
  addChallenge,
  challengeBacklinks,
  challengeCountsPerProject,
  createChallengeFromNote,
  describeChallenge,
  linkNote,
  linkProject,
  mergeChallenges,
  readChallengeRecords,
  readChallenges,
  recordChallengeDots,
  removeChallenge,
  renameChallenge,
  resolveChallengeId,
  setChallengeTheme,
  toggleChallengeVote,
  unlink,
} from '../../shared/challenges';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

function workshop(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, {
    title: 'Regards croisés',
    createdAt: 1,
    themes: [
      { id: 'citizen', name: 'Implication citoyenne' },
      { id: 'techdata', name: 'Technologie et données' },
    ],
  });
  addProject(doc, { id: 'namur', name: 'Capteurs', commune: 'Namur', themeId: 'techdata', createdAt: 2 });
  addProject(doc, { id: 'ciney', name: 'Budget participatif', commune: 'Ciney', themeId: 'citizen', createdAt: 3 });
  addProject(doc, { id: 'dinant', name: 'Parking', commune: 'Dinant', themeId: 'techdata', createdAt: 4 });
  return doc;
}

function withChallenges(): Y.Doc {
  const doc = workshop();
  createChallengeFromNote(doc, { id: 'ch1', title: '  Gouvernance   des données ', projectId: 'namur', noteId: 'n1', createdBy: 'u1', createdAt: 10 });
  addChallenge(doc, {
    id: 'ch2',
    title: 'Impliquer les citoyens',
    description: 'Toucher tous les publics',
    themeId: 'citizen',
    createdBy: 'u2',
    createdAt: 11,
  });
  linkProject(doc, 'ch2', 'ciney');
  return doc;
}

describe('common challenges', () => {
  it('creates one from a note, keeping the note as source and link', () => {
    const doc = withChallenges();
    const [ch1] = readChallenges(doc, { sort: 'oldest' });
    expect(ch1).toEqual({
      id: 'ch1',
      title: 'Gouvernance des données',
      description: '',
      themeId: null,
      createdBy: 'u1',
      createdAt: 10,
      source: { projectId: 'namur', noteId: 'n1' },
      links: [{ projectId: 'namur', noteId: 'n1' }],
      projectIds: ['namur'],
      voters: [],
      votes: 0,
      dots: 0,
      mergedFrom: [],
    });
    expect(addChallenge(doc, { id: 'x', title: '  ', createdBy: 'u', createdAt: 1 })).toBe(false);
    expect(createChallengeFromNote(doc, { id: 'y', title: '', projectId: 'namur', noteId: 'n1', createdBy: 'u', createdAt: 1 })).toBe(false);
  });

  it('renames, describes, sets the theme, removes; unknown ids are no-ops', () => {
    const doc = withChallenges();
    expect(renameChallenge(doc, 'ch1', 'Données partagées')).toBe(true);
    expect(renameChallenge(doc, 'ch1', '   ')).toBe(false);
    expect(describeChallenge(doc, 'ch1', ' Qui possède les données ? ')).toBe(true);
    expect(setChallengeTheme(doc, 'ch1', 'techdata')).toBe(true);
    expect(readChallenges(doc, { sort: 'oldest' })[0]).toMatchObject({
      title: 'Données partagées',
      description: 'Qui possède les données ?',
      themeId: 'techdata',
    });
    expect(renameChallenge(doc, 'nope', 'x')).toBe(false);
    expect(linkNote(doc, 'nope', 'namur', 'n1')).toBe(false);
    expect(toggleChallengeVote(doc, 'nope', 'u1')).toBe(false);
    expect(removeChallenge(doc, 'ch2')).toBe(true);
    expect(removeChallenge(doc, 'ch2')).toBe(false);
    expect(readChallenges(doc).map((c) => c.id)).toEqual(['ch1']);
  });

  it('links notes and projects, unlinks them, and answers backlinks', () => {
    const doc = withChallenges();
    expect(linkNote(doc, 'ch1', 'dinant', 'd7')).toBe(true);
    expect(linkNote(doc, 'ch1', 'dinant', 'd8')).toBe(true);
    expect(linkProject(doc, 'ch1', 'ciney')).toBe(true);
    expect(readChallenges(doc, { sort: 'oldest' })[0].projectIds).toEqual(['ciney', 'dinant', 'namur']);
    expect(challengeBacklinks(doc, 'dinant', 'd7').map((c) => c.id)).toEqual(['ch1']);
    expect(challengeBacklinks(doc, 'dinant', 'zz')).toEqual([]);
    expect(challengeBacklinks(doc, 'ciney').map((c) => c.id)).toEqual(['ch1', 'ch2']);
    expect(unlink(doc, 'ch1', { projectId: 'dinant', noteId: 'd7' })).toBe(true);
    expect(challengeBacklinks(doc, 'dinant', 'd7')).toEqual([]);
    expect(challengeBacklinks(doc, 'dinant').map((c) => c.id)).toEqual(['ch1']);
    expect(unlink(doc, 'ch1', { projectId: 'dinant', noteId: null })).toBe(true);
    expect(challengeBacklinks(doc, 'dinant')).toEqual([]);
    expect(challengeCountsPerProject(doc)).toEqual({ namur: 1, ciney: 2 });
  });

  it('counts one vote per person, toggled, and orders by votes then dots', () => {
    const doc = withChallenges();
    addChallenge(doc, { id: 'ch3', title: 'Financement', createdBy: 'u3', createdAt: 12 });
    toggleChallengeVote(doc, 'ch2', 'u1');
    toggleChallengeVote(doc, 'ch2', 'u2');
    toggleChallengeVote(doc, 'ch3', 'u1');
    toggleChallengeVote(doc, 'ch3', 'u1');
    toggleChallengeVote(doc, 'ch3', 'u2');
    expect(readChallenges(doc).map((c) => [c.id, c.votes])).toEqual([
      ['ch2', 2],
      ['ch3', 1],
      ['ch1', 0],
    ]);
    expect(readChallenges(doc)[1].voters).toEqual(['u2']);
    const results = {
      roundId: 'r1',
      projectId: '',
      voters: 2,
      votersByGroup: emptyGroupCounts(),
      closedAt: 50,
      items: [
        { itemId: 'ch1', total: 7, byGroup: emptyGroupCounts() },
        { itemId: 'ch3', total: 2, byGroup: emptyGroupCounts() },
        { itemId: 'gone', total: 1, byGroup: emptyGroupCounts() },
      ],
    };
    expect(recordChallengeDots(doc, results)).toBe(2);
    expect(readChallenges(doc, { sort: 'dots' }).map((c) => [c.id, c.dots])).toEqual([
      ['ch1', 7],
      ['ch3', 2],
      ['ch2', 0],
    ]);
    expect(readChallenges(doc, { sort: 'newest' }).map((c) => c.id)).toEqual(['ch3', 'ch2', 'ch1']);
  });

  it('filters by theme (its own or its projects’) and by project', () => {
    const doc = withChallenges();
    addChallenge(doc, { id: 'ch3', title: 'Stationnement', createdBy: 'u3', createdAt: 12 });
    linkProject(doc, 'ch3', 'dinant');
    expect(readChallenges(doc, { themeId: 'techdata', sort: 'oldest' }).map((c) => c.id)).toEqual(['ch1', 'ch3']);
    expect(readChallenges(doc, { themeId: 'citizen' }).map((c) => c.id)).toEqual(['ch2']);
    expect(readChallenges(doc, { projectId: 'dinant' }).map((c) => c.id)).toEqual(['ch3']);
    expect(readChallenges(doc, { projectId: 'dinant', themeId: 'citizen' })).toEqual([]);
  });

  it('merges a duplicate: one challenge with both links, voters and dots; votes still one per person', () => {
    const doc = withChallenges();
    toggleChallengeVote(doc, 'ch1', 'u1');
    toggleChallengeVote(doc, 'ch2', 'u1');
    toggleChallengeVote(doc, 'ch2', 'u2');
    recordChallengeDots(doc, {
      roundId: 'r1',
      projectId: '',
      voters: 1,
      votersByGroup: emptyGroupCounts(),
      closedAt: 1,
      items: [
        { itemId: 'ch1', total: 3, byGroup: emptyGroupCounts() },
        { itemId: 'ch2', total: 4, byGroup: emptyGroupCounts() },
      ],
    });
    expect(mergeChallenges(doc, { sourceId: 'ch2', targetId: 'ch1', mergedAt: 99 })).toBe(true);
    expect(mergeChallenges(doc, { sourceId: 'ch2', targetId: 'ch1', mergedAt: 99 })).toBe(false);
    expect(mergeChallenges(doc, { sourceId: 'nope', targetId: 'ch1', mergedAt: 99 })).toBe(false);
    const list = readChallenges(doc);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: 'ch1',
      links: [
        { projectId: 'ciney', noteId: null },
        { projectId: 'namur', noteId: 'n1' },
      ],
      projectIds: ['ciney', 'namur'],
      voters: ['u1', 'u2'],
      votes: 2,
      dots: 7,
      mergedFrom: ['ch2'],
    });
    expect(readChallengeRecords(doc).find((r) => r.id === 'ch2')).toMatchObject({ mergedInto: 'ch1', mergedAt: 99 });
    // Acting on the merged id acts on the survivor; taking back a vote removes it everywhere.
    expect(resolveChallengeId(doc, 'ch2')).toBe('ch1');
    toggleChallengeVote(doc, 'ch2', 'u2');
    expect(readChallenges(doc)[0].voters).toEqual(['u1']);
    linkNote(doc, 'ch2', 'dinant', 'd1');
    expect(challengeBacklinks(doc, 'dinant', 'd1').map((c) => c.id)).toEqual(['ch1']);
    expect(challengeCountsPerProject(doc)).toEqual({ ciney: 1, dinant: 1, namur: 1 });
  });

  it('keeps a vote and a link that land on the duplicate concurrently with the merge', () => {
    const a = withChallenges();
    const b = new Y.Doc();
    sync(a, b);
    mergeChallenges(a, { sourceId: 'ch2', targetId: 'ch1', mergedAt: 20 });
    toggleChallengeVote(b, 'ch2', 'u9');
    linkNote(b, 'ch2', 'dinant', 'd3');
    sync(a, b);
    for (const doc of [a, b]) {
      const [merged] = readChallenges(doc);
      expect(merged).toMatchObject({ id: 'ch1', voters: ['u9'], mergedFrom: ['ch2'] });
      expect(merged.links).toContainEqual({ projectId: 'dinant', noteId: 'd3' });
    }
  });

  it('converges when two people merge A into B and B into A at once', () => {
    const a = withChallenges();
    const b = new Y.Doc();
    sync(a, b);
    mergeChallenges(a, { sourceId: 'ch2', targetId: 'ch1', mergedAt: 20 });
    mergeChallenges(b, { sourceId: 'ch1', targetId: 'ch2', mergedAt: 20 });
    sync(a, b);
    expect(readChallenges(a)).toEqual(readChallenges(b));
    expect(readChallenges(a).map((c) => [c.id, c.mergedFrom])).toEqual([['ch1', ['ch2']]]);
  });
});
