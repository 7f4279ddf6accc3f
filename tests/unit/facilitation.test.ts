import { describe, expect, it } from 'vitest';
import {
  PROJECTOR_MODES,
  STAGES,
  STAGE_DEFAULTS,
  VOTER_GROUPS,
  WRITERS,
  emptyGroupCounts,
  initialFacilitation,
  mayWriteCanvas,
  publicFacilitation,
  tallyVotes,
  timerRemaining,
  voterGroup,
  type FacilitationState,
  type VoteRound,
} from '../../shared/facilitation';
import { COMMUNITIES, ROLES, type Role } from '../../shared/schema';

type OpenRound = Extract<VoteRound, { status: 'open' }>;

const MIN = 60_000;

function openRound(over: Partial<OpenRound> = {}): OpenRound {
  return {
    status: 'open',
    id: 'round01',
    projectId: 'proj01',
    budget: 5,
    perItemCap: null,
    openedAt: 1_000,
    ballots: {},
    groups: {},
    ...over,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

describe('STAGE_DEFAULTS and initialFacilitation', () => {
  it('defines defaults for every stage with valid values', () => {
    expect(Object.keys(STAGE_DEFAULTS).sort()).toEqual([...STAGES].sort());
    for (const stage of STAGES) {
      const d = STAGE_DEFAULTS[stage];
      expect(WRITERS).toContain(d.writers);
      expect(PROJECTOR_MODES).toContain(d.projector);
      expect(Number.isInteger(d.durationMs) && d.durationMs >= 0).toBe(true);
      expect(typeof d.privateMode).toBe('boolean');
    }
  });

  it('follows the "Regards croisés" programme', () => {
    expect(STAGE_DEFAULTS['reverse-pitch']).toEqual({ durationMs: 15 * MIN, writers: 'everyone', privateMode: false, projector: 'canvas' });
    expect(STAGE_DEFAULTS.ideation.durationMs).toBe(120 * MIN);
    expect(STAGE_DEFAULTS.pitch).toEqual({ durationMs: 10 * MIN, writers: 'facilitators', privateMode: false, projector: 'questions' });
    expect(STAGE_DEFAULTS.break.projector).toBe('timer');
    expect(STAGE_DEFAULTS.break.writers).toBe('facilitators');
    expect(STAGE_DEFAULTS.closed.writers).toBe('facilitators');
  });

  it('starts in the lobby with lobby defaults and nothing going on', () => {
    expect(initialFacilitation()).toEqual({
      stage: 'lobby',
      projectId: null,
      writers: 'everyone',
      privateMode: false,
      projector: 'overview',
      timer: { status: 'idle', durationMs: 0 },
      chime: true,
      viewport: null,
      spotlight: null,
      vote: null,
      hands: [],
      joinLocked: false,
      shownQuestion: null,
      shownAttachment: null,
      presenter: null,
      presenting: false,
      agenda: [],
      agendaStepId: null,
      options: { clearHandsOnStage: true, questionApproval: false, anonymousQuestions: false },
      gather: null,
      heldQuestions: [],
    });
    // fresh objects each time
    const a = initialFacilitation();
    const b = initialFacilitation();
    expect(a).not.toBe(b);
    expect(a.hands).not.toBe(b.hands);
  });
});

describe('timerRemaining', () => {
  it('idle: the full duration, whatever the time', () => {
    expect(timerRemaining({ status: 'idle', durationMs: 90_000 }, 0)).toBe(90_000);
    expect(timerRemaining({ status: 'idle', durationMs: 90_000 }, 10_000_000)).toBe(90_000);
    expect(timerRemaining({ status: 'idle', durationMs: 0 }, 5)).toBe(0);
  });

  it('running: deadline minus now, clamped at 0', () => {
    const t = { status: 'running' as const, durationMs: 60_000, deadline: 100_000 };
    expect(timerRemaining(t, 40_000)).toBe(60_000);
    expect(timerRemaining(t, 99_999)).toBe(1);
    expect(timerRemaining(t, 100_000)).toBe(0);
    expect(timerRemaining(t, 250_000)).toBe(0);
  });

  it('paused: the frozen remainder, whatever the time', () => {
    const t = { status: 'paused' as const, durationMs: 60_000, remainingMs: 12_345 };
    expect(timerRemaining(t, 0)).toBe(12_345);
    expect(timerRemaining(t, 1e12)).toBe(12_345);
  });

  it('is never negative for any status', () => {
    const timers = [
      { status: 'idle' as const, durationMs: 0 },
      { status: 'running' as const, durationMs: 1, deadline: 0 },
      { status: 'paused' as const, durationMs: 1, remainingMs: 0 },
    ];
    for (const t of timers) for (const now of [0, 1, 1e9]) expect(timerRemaining(t, now)).toBeGreaterThanOrEqual(0);
  });
});

describe('voterGroup', () => {
  it('maps the role, or the community for experts', () => {
    expect(voterGroup('commune', null)).toBe('commune');
    expect(voterGroup('facilitator', null)).toBe('facilitator');
    expect(voterGroup('expert', 'maker')).toBe('maker');
    expect(voterGroup('expert', 'researcher')).toBe('researcher');
    expect(voterGroup('expert', 'company')).toBe('company');
  });

  it('has no group for viewers or experts without a community', () => {
    expect(voterGroup('viewer', null)).toBeNull();
    expect(voterGroup('viewer', 'maker')).toBeNull();
    expect(voterGroup('expert', null)).toBeNull();
  });

  it('only ever returns a known voter group', () => {
    for (const role of ROLES)
      for (const community of [null, ...COMMUNITIES]) {
        const g = voterGroup(role, community);
        if (g !== null) expect(VOTER_GROUPS).toContain(g);
      }
  });
});

describe('mayWriteCanvas', () => {
  const table: Array<[Role, 'everyone' | 'facilitators', boolean]> = [
    ['facilitator', 'everyone', true],
    ['facilitator', 'facilitators', true],
    ['commune', 'everyone', true],
    ['commune', 'facilitators', false],
    ['expert', 'everyone', true],
    ['expert', 'facilitators', false],
    ['viewer', 'everyone', false],
    ['viewer', 'facilitators', false],
  ];
  it.each(table)('%s with writers=%s → %s', (role, writers, expected) => {
    expect(mayWriteCanvas(role, { ...initialFacilitation(), writers })).toBe(expected);
  });
});

describe('tallyVotes', () => {
  it('totals dots per item with the breakdown by group, sorted by total desc then id', () => {
    const round = openRound({
      ballots: {
        ucommune1: { notebb: 2, noteaa: 1 },
        umaker001: { notebb: 1, notecc: 3 },
        uresear01: { noteaa: 2 },
        ucompany1: { notedd: 1 },
        ufacil001: { notecc: 1 },
      },
      groups: { ucommune1: 'commune', umaker001: 'maker', uresear01: 'researcher', ucompany1: 'company', ufacil001: 'facilitator' },
    });
    const r = tallyVotes(deepFreeze(round), 5_000);
    expect(r.roundId).toBe('round01');
    expect(r.projectId).toBe('proj01');
    expect(r.closedAt).toBe(5_000);
    expect(r.voters).toBe(5);
    expect(r.votersByGroup).toEqual({ commune: 1, maker: 1, researcher: 1, company: 1, facilitator: 1 });
    expect(r.items).toEqual([
      { itemId: 'notecc', total: 4, byGroup: { ...emptyGroupCounts(), maker: 3, facilitator: 1 } },
      { itemId: 'noteaa', total: 3, byGroup: { ...emptyGroupCounts(), commune: 1, researcher: 2 } },
      { itemId: 'notebb', total: 3, byGroup: { ...emptyGroupCounts(), commune: 2, maker: 1 } },
      { itemId: 'notedd', total: 1, byGroup: { ...emptyGroupCounts(), company: 1 } },
    ]);
  });

  it('adds several voters of one group together', () => {
    const round = openRound({
      ballots: { umaker001: { note01: 2 }, umaker002: { note01: 1, note02: 1 } },
      groups: { umaker001: 'maker', umaker002: 'maker' },
    });
    const r = tallyVotes(round, 1);
    expect(r.voters).toBe(2);
    expect(r.votersByGroup).toEqual({ ...emptyGroupCounts(), maker: 2 });
    expect(r.items).toEqual([
      { itemId: 'note01', total: 3, byGroup: { ...emptyGroupCounts(), maker: 3 } },
      { itemId: 'note02', total: 1, byGroup: { ...emptyGroupCounts(), maker: 1 } },
    ]);
  });

  it('counts only voters with more than zero dots, and ignores zero entries', () => {
    const round = openRound({
      ballots: { ucommune1: {}, umaker001: { note01: 0 }, uresear01: { note02: 1, note01: 0 } },
      groups: { ucommune1: 'commune', umaker001: 'maker', uresear01: 'researcher' },
    });
    const r = tallyVotes(round, 1);
    expect(r.voters).toBe(1);
    expect(r.votersByGroup).toEqual({ ...emptyGroupCounts(), researcher: 1 });
    expect(r.items).toEqual([{ itemId: 'note02', total: 1, byGroup: { ...emptyGroupCounts(), researcher: 1 } }]);
  });

  it('gives empty results for a round nobody voted in', () => {
    expect(tallyVotes(openRound(), 7)).toEqual({
      roundId: 'round01',
      projectId: 'proj01',
      voters: 0,
      votersByGroup: emptyGroupCounts(),
      items: [],
      closedAt: 7,
    });
  });
});

describe('publicFacilitation', () => {
  const voters = ['ucommune1', 'umaker001', 'uempty001'];
  const items = ['notesecret1', 'notesecret2'];

  function stateWithOpenRound(): FacilitationState {
    return {
      ...initialFacilitation(),
      stage: 'ideation',
      projectId: 'proj01',
      vote: openRound({
        budget: 3,
        perItemCap: 2,
        ballots: { ucommune1: { notesecret1: 2 }, umaker001: { notesecret1: 1, notesecret2: 1 } },
        groups: { ucommune1: 'commune', umaker001: 'maker' },
      }),
    };
  }

  it('shows an open round without ballots or groups, only the voter count', () => {
    const state = deepFreeze(stateWithOpenRound());
    const p = publicFacilitation(state, 42_000);
    expect(p.vote).toEqual({ status: 'open', id: 'round01', projectId: 'proj01', budget: 3, perItemCap: 2, voters: 2 });
    const json = JSON.stringify(p);
    for (const id of [...voters, ...items]) expect(json).not.toContain(id);
    expect(json).not.toContain('ballots');
    expect(json).not.toContain('groups');
  });

  it('counts as voters only people who have dots on the ballot (same rule as the tally)', () => {
    // Someone who cast a dot and took it back keeps an empty ballot on the server.
    const base = stateWithOpenRound();
    const round = base.vote as OpenRound;
    const state: FacilitationState = {
      ...base,
      vote: { ...round, ballots: { ...round.ballots, uempty001: {} }, groups: { ...round.groups, uempty001: 'researcher' } },
    };
    const p = publicFacilitation(state, 1);
    expect(p.vote?.status === 'open' && p.vote.voters).toBe(tallyVotes(state.vote as OpenRound, 1).voters);
    expect(p.vote?.status === 'open' && p.vote.voters).toBe(2);
  });

  it('exposes the results once the round is closed', () => {
    const open = stateWithOpenRound().vote as OpenRound;
    const results = tallyVotes(open, 9_000);
    const state: FacilitationState = {
      ...stateWithOpenRound(),
      vote: { status: 'closed', id: open.id, projectId: open.projectId, budget: 3, perItemCap: 2, openedAt: open.openedAt, results },
    };
    const p = publicFacilitation(state, 10_000);
    expect(p.vote).toEqual({ status: 'closed', id: 'round01', projectId: 'proj01', budget: 3, perItemCap: 2, results });
    expect(JSON.stringify(p)).toContain('notesecret1');
  });

  it('copies the rest of the state and adds serverNow', () => {
    const state: FacilitationState = {
      ...initialFacilitation(),
      stage: 'pitch',
      projectId: 'proj01',
      writers: 'facilitators',
      timer: { status: 'running', durationMs: 600_000, deadline: 700_000 },
      hands: [{ userId: 'user01', name: 'Ada', raisedAt: 5 }],
      shownQuestion: { projectId: 'proj01', questionId: 'ques01' },
      spotlight: { projectId: 'proj01', noteId: 'note01' },
      viewport: { projectId: 'proj01', x: 1, y: 2, zoom: 1.5 },
      joinLocked: true,
      chime: false,
    };
    const p = publicFacilitation(deepFreeze(state), 123_456);
    const { vote: _v, heldQuestions: _h, ...rest } = state;
    expect(p).toEqual({ ...rest, vote: null, serverNow: 123_456 });
  });
});
