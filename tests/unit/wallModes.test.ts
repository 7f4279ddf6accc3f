import { describe, expect, it } from 'vitest';
import { emptyGroupCounts, initialFacilitation, type FacilitationState, type VoteResults } from '../../shared/facilitation';
import { joinAdvertised, projectSummary, rankVoteResults, wallView } from '../../shared/wallModes';

const known = new Set(['proj01', 'proj02']);
const has = (id: string) => known.has(id);
const state = (over: Partial<FacilitationState> = {}) => ({ ...initialFacilitation(), ...over, vote: null as { status: string } | null });
const view = { projectId: 'proj02', x: 10, y: 20, zoom: 1, width: 1600, height: 900 };

describe('wallView', () => {
  it("canvas: the presenter's exact view while they present, else the whole board of the focus", () => {
    expect(wallView(state({ projector: 'canvas', projectId: 'proj01', presenting: true }), view, has)).toEqual({
      kind: 'presenter',
      projectId: 'proj02',
      view,
    });
    // Presenting stopped (or no view yet): the whole board, never a frozen last view.
    expect(wallView(state({ projector: 'canvas', projectId: 'proj01', presenting: false }), view, has)).toEqual({ kind: 'board', projectId: 'proj01' });
    expect(wallView(state({ projector: 'canvas', projectId: 'proj01', presenting: true }), null, has)).toEqual({ kind: 'board', projectId: 'proj01' });
    // A view of a project that was removed is not shown.
    expect(wallView(state({ projector: 'canvas', projectId: 'proj01', presenting: true }), { ...view, projectId: 'gone0001' }, has)).toEqual({
      kind: 'board',
      projectId: 'proj01',
    });
    expect(wallView(state({ projector: 'canvas', projectId: null }), null, has)).toEqual({ kind: 'overview' });
  });

  it('board ignores the presenter; modes needing a project fall back to the overview without one', () => {
    expect(wallView(state({ projector: 'board', projectId: 'proj01', presenting: true }), view, has)).toEqual({ kind: 'board', projectId: 'proj01' });
    for (const projector of ['board', 'summary', 'questions'] as const) {
      expect(wallView(state({ projector, projectId: null }), null, has)).toEqual({ kind: 'overview' });
      expect(wallView(state({ projector, projectId: 'nope0001' }), null, has)).toEqual({ kind: 'overview' });
    }
    expect(wallView(state({ projector: 'summary', projectId: 'proj01' }), null, has)).toEqual({ kind: 'summary', projectId: 'proj01' });
  });

  it('questions: the project of the shown question, else the focus', () => {
    expect(wallView(state({ projector: 'questions', projectId: 'proj01', shownQuestion: { projectId: 'proj02', questionId: 'q1' } }), null, has)).toEqual({
      kind: 'question',
      projectId: 'proj02',
    });
    expect(wallView(state({ projector: 'questions', projectId: 'proj01' }), null, has)).toEqual({ kind: 'question', projectId: 'proj01' });
  });

  it('ranking needs a vote round; timer and challenges always show', () => {
    expect(wallView(state({ projector: 'ranking' }), null, has)).toEqual({ kind: 'overview' });
    expect(wallView({ ...state({ projector: 'ranking' }), vote: { status: 'open' } }, null, has)).toEqual({ kind: 'ranking' });
    expect(wallView(state({ projector: 'timer' }), null, has)).toEqual({ kind: 'timer' });
    expect(wallView(state({ projector: 'challenges' }), null, has)).toEqual({ kind: 'challenges' });
  });

  it('never shows the join QR while joining is locked or once the workshop is closed', () => {
    expect(wallView(state({ projector: 'join' }), null, has)).toEqual({ kind: 'join' });
    expect(wallView(state({ projector: 'join', joinLocked: true }), null, has)).toEqual({ kind: 'overview' });
    expect(wallView(state({ projector: 'join', stage: 'closed' }), null, has)).toEqual({ kind: 'overview' });
    expect(joinAdvertised(state())).toBe(true);
    expect(joinAdvertised(state({ joinLocked: true }))).toBe(false);
    expect(joinAdvertised(state({ stage: 'closed' }))).toBe(false);
  });
});

const results = (items: Array<[string, Partial<Record<'commune' | 'maker' | 'researcher' | 'company' | 'facilitator', number>>]>): VoteResults => ({
  roundId: 'r1',
  projectId: 'proj01',
  voters: 3,
  votersByGroup: emptyGroupCounts(),
  closedAt: 1,
  items: items.map(([itemId, by]) => {
    const byGroup = { ...emptyGroupCounts(), ...by };
    return { itemId, byGroup, total: Object.values(byGroup).reduce((a, b) => a + b, 0) };
  }),
});

describe('rankVoteResults', () => {
  it('ranks by dots (ties share a rank), scales bars to the leader, splits them by group, lists the legend', () => {
    const r = rankVoteResults(
      results([
        ['a', { maker: 3, commune: 1 }],
        ['b', { company: 2 }],
        ['c', { researcher: 2 }],
        ['d', { maker: 1 }],
      ]),
      (id) => (id === 'd' ? null : `note ${id}`),
    );
    expect(r.items.map((i) => [i.itemId, i.rank, i.total, i.width])).toEqual([
      ['a', 1, 4, 1],
      ['b', 2, 2, 0.5],
      ['c', 2, 2, 0.5],
      ['d', 4, 1, 0.25],
    ]);
    expect(r.items[0].segments).toEqual([
      { group: 'commune', dots: 1 },
      { group: 'maker', dots: 3 },
    ]);
    expect(r.items[3].text).toBeNull();
    expect(r.groups).toEqual(['commune', 'maker', 'researcher', 'company']);
  });

  it('keeps only the first items, and the legend of what is shown', () => {
    const r = rankVoteResults(
      results([
        ['a', { maker: 3 }],
        ['b', { company: 1 }],
      ]),
      () => 'x',
      1,
    );
    expect(r.items).toHaveLength(1);
    expect(r.groups).toEqual(['maker']);
  });
});

describe('projectSummary', () => {
  const notes = [
    { id: 'n1', text: 'Capteurs aux écoles', kind: 'idea', x: 0, y: 0 },
    { id: 'n2', text: 'LoRaWAN', kind: 'technology', x: 220, y: 0 },
    { id: 'n3', text: 'Portail citoyen', kind: 'idea', x: 0, y: 400 },
    { id: 'n4', text: '  ', kind: 'technology', x: 220, y: 400 },
  ];
  const clusters = [
    { id: 'c2', name: 'Participation', noteIds: ['n3', 'n4'], x: 0, y: 380 },
    { id: 'c1', name: 'Mesure', noteIds: ['n2', 'n1', 'gone'], x: 0, y: -20 },
  ];
  const tags: Record<string, string[]> = { n1: ['Capteurs & IoT', 'Données ouvertes'], n2: ['Capteurs & IoT'], n3: ['Plateforme citoyenne'] };

  it('lists each cluster as a component, top to bottom, with its tags and technology notes once each', () => {
    const s = projectSummary(notes, clusters, (id) => tags[id] ?? [], null);
    expect(s.components).toEqual([
      { id: 'c1', name: 'Mesure', technologies: ['Capteurs & IoT', 'Données ouvertes', 'LoRaWAN'], notes: 2 },
      { id: 'c2', name: 'Participation', technologies: ['Plateforme citoyenne'], notes: 2 },
    ]);
    expect(s.top).toEqual([]);
  });

  it('keeps the top-voted items that still exist', () => {
    const s = projectSummary(
      notes,
      clusters,
      () => [],
      results([
        ['n3', { maker: 5 }],
        ['gone', { maker: 4 }],
        ['n1', { commune: 2 }],
        ['n2', { company: 1 }],
        ['n4', { company: 1 }],
      ]),
      2,
    );
    expect(s.top).toEqual([
      { itemId: 'n3', text: 'Portail citoyen', total: 5 },
      { itemId: 'n1', text: 'Capteurs aux écoles', total: 2 },
    ]);
  });
});
