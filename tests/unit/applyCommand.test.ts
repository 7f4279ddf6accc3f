import { describe, expect, it } from 'vitest';
import { applyCommand, type CommandContext, type Effect, type Outcome } from '../../server/facilitation/applyCommand';
import { PARTICIPANT_COMMANDS, facilitationCommand, type CommandType, type FacilitationCommand } from '../../shared/commands';
import { MAX_VOTE_BUDGET } from '../../shared/facilitation';
import {
  STAGES,
  STAGE_DEFAULTS,
  emptyGroupCounts,
  initialFacilitation,
  publicFacilitation,
  timerRemaining,
  type FacilitationState,
  type VoteResults,
  type VoteRound,
} from '../../shared/facilitation';
import type { Agenda } from '../../shared/agenda';
import type { HeldQuestion } from '../../shared/facilitation';
import type { Principal } from '../../shared/protocol';
import { MAX_QUESTION_LENGTH, type Community, type Role } from '../../shared/schema';

// ---- helpers ------------------------------------------------------------------------------------

type OpenRound = Extract<VoteRound, { status: 'open' }>;
type ClosedRound = Extract<VoteRound, { status: 'closed' }>;
type Ok = Extract<Outcome, { ok: true }>;

const NOW = 1_000_000;

function principal(userId: string, role: Role, community: Community | null = null, name = `Name ${userId}`): Principal {
  return { userId, workshopId: 'wshop01', name, role, community };
}

const facilitator = principal('facil01', 'facilitator');
/** The workshop's creator: the wall's default presenter. */
const lead: Principal = { ...principal('lead0001', 'facilitator'), lead: true };
const commune = principal('commune01', 'commune');
const maker = principal('maker01', 'expert', 'maker');
const researcher = principal('resear01', 'expert', 'researcher');
const company = principal('compan01', 'expert', 'company');
const viewer = principal('viewer01', 'viewer');
const expertNoCommunity = principal('expert01', 'expert', null);

function ids(prefix = 'newid') {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}

function ctx(now = NOW, newId = ids()): CommandContext {
  return { now, newId };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Applies a command to a deep-frozen copy of the state and checks the input was left as it was. */
function apply(state: FacilitationState, actor: Principal, cmd: FacilitationCommand, c: CommandContext = ctx()): Outcome {
  const before = structuredClone(state);
  const frozen = deepFreeze(structuredClone(state));
  const out = applyCommand(frozen, actor, cmd, c);
  expect(frozen).toEqual(before);
  return out;
}

function ok(state: FacilitationState, actor: Principal, cmd: FacilitationCommand, c?: CommandContext): Ok {
  const out = apply(state, actor, cmd, c);
  if (!out.ok) throw new Error(`expected ${cmd.type} to succeed, got ${out.error}: ${out.message}`);
  return out;
}

function refused(state: FacilitationState, actor: Principal, cmd: FacilitationCommand, c?: CommandContext): string {
  const out = apply(state, actor, cmd, c);
  if (out.ok) throw new Error(`expected ${cmd.type} to be refused`);
  expect(typeof out.message).toBe('string');
  expect(out.message.length).toBeGreaterThan(0);
  return out.error;
}

const base = (over: Partial<FacilitationState> = {}): FacilitationState => ({ ...initialFacilitation(), ...over });

function withOpenRound(over: Partial<OpenRound> = {}, state: Partial<FacilitationState> = {}): FacilitationState {
  return base({
    ...state,
    vote: {
      status: 'open',
      id: 'round01',
      projectId: 'proj01',
      budget: 3,
      perItemCap: null,
      openedAt: NOW - 10_000,
      ballots: {},
      groups: {},
      ...over,
    },
  });
}

const openVote = (s: FacilitationState): OpenRound => {
  if (s.vote?.status !== 'open') throw new Error('no open round');
  return s.vote;
};
const closedVote = (s: FacilitationState): ClosedRound => {
  if (s.vote?.status !== 'closed') throw new Error('no closed round');
  return s.vote;
};

const cast = (itemId: string, delta: 1 | -1 = 1, roundId = 'round01'): FacilitationCommand => ({ type: 'vote.cast', roundId, itemId, delta });

// ---- one valid example per command type -----------------------------------------------------------

interface Example {
  cmd: FacilitationCommand;
  /** A state in which a facilitator's command succeeds (default: the initial state). */
  state?: FacilitationState;
}

const SMALL_AGENDA: Agenda = [
  {
    id: 'day001',
    date: '2026-05-12',
    steps: [
      { id: 'step01', stage: 'reverse-pitch', projectId: 'proj01', durationMs: 15 * 60_000 },
      { id: 'step02', stage: 'exchange', projectId: 'proj01', durationMs: 30 * 60_000 },
    ],
  },
  { id: 'day002', date: '2026-06-16', steps: [{ id: 'step03', stage: 'ideation', projectId: 'proj01', durationMs: 120 * 60_000 }] },
];
const HELD: HeldQuestion = {
  id: 'ques01',
  projectId: 'proj01',
  text: 'Who pays?',
  authorId: 'commune01',
  authorName: 'Name commune01',
  anonymous: false,
  askedAt: NOW - 5,
};

const runningTimer = base({ timer: { status: 'running', durationMs: 60_000, deadline: NOW + 30_000 } });
const pausedTimer = base({ timer: { status: 'paused', durationMs: 60_000, remainingMs: 20_000 } });
/** The wall handed to `facilitator` (not the lead), who presents. */
const presentedByFacilitator = base({ presenter: { userId: 'facil01', name: 'Name facil01' }, presenting: true });

/** Record<CommandType, …>: a command type without an example fails to type-check; see also the runtime check below. */
const EXAMPLES: Record<CommandType, Example> = {
  'stage.set': { cmd: { type: 'stage.set', stage: 'ideation', projectId: 'proj01' } },
  'focus.set': { cmd: { type: 'focus.set', projectId: 'proj01' } },
  'policy.set': { cmd: { type: 'policy.set', writers: 'facilitators', privateMode: true, projector: 'timer', chime: false } },
  'timer.start': { cmd: { type: 'timer.start', durationMs: 60_000 } },
  'timer.pause': { cmd: { type: 'timer.pause' }, state: runningTimer },
  'timer.resume': { cmd: { type: 'timer.resume' }, state: pausedTimer },
  'timer.add': { cmd: { type: 'timer.add', ms: 60_000 } },
  'timer.reset': { cmd: { type: 'timer.reset', durationMs: 300_000 } },
  'viewport.set': {
    cmd: { type: 'viewport.set', projectId: 'proj01', viewport: { x: -10.5, y: 20, zoom: 1.25, width: 1200, height: 700 } },
    state: presentedByFacilitator,
  },
  'spotlight.set': { cmd: { type: 'spotlight.set', spotlight: { projectId: 'proj01', noteId: 'note01' } } },
  'vote.open': { cmd: { type: 'vote.open', projectId: 'proj01', budget: 5, perItemCap: 2 } },
  'vote.close': { cmd: { type: 'vote.close', roundId: 'round01' }, state: withOpenRound() },
  'vote.cancel': { cmd: { type: 'vote.cancel', roundId: 'round01' }, state: withOpenRound() },
  'private.reveal': { cmd: { type: 'private.reveal', projectId: 'proj01', anonymous: true } },
  'hands.clear': { cmd: { type: 'hands.clear' } },
  'join.lock': { cmd: { type: 'join.lock', locked: true } },
  'participant.remove': { cmd: { type: 'participant.remove', userId: 'maker01' } },
  'question.show': { cmd: { type: 'question.show', projectId: 'proj01', questionId: 'ques01' } },
  'question.answer': { cmd: { type: 'question.answer', projectId: 'proj01', questionId: 'ques01', answered: true } },
  'vote.cast': { cmd: cast('note01'), state: withOpenRound() },
  'hand.raise': { cmd: { type: 'hand.raise' } },
  'hand.lower': { cmd: { type: 'hand.lower' } },
  'reaction.send': { cmd: { type: 'reaction.send', reaction: '💡' } },
  'question.ask': { cmd: { type: 'question.ask', projectId: 'proj01', text: 'How much does it cost?' } },
  'question.upvote': { cmd: { type: 'question.upvote', projectId: 'proj01', questionId: 'ques01' } },
  'attachment.show': { cmd: { type: 'attachment.show', projectId: 'proj01', attachmentId: 'file01', page: 3 } },
  'present.set': { cmd: { type: 'present.set', on: true }, state: base({ presenter: { userId: 'facil01', name: 'Name facil01' } }) },
  'presenter.set': { cmd: { type: 'presenter.set', userId: null }, state: presentedByFacilitator },
  'agenda.set': { cmd: { type: 'agenda.set', days: SMALL_AGENDA } },
  'agenda.next': { cmd: { type: 'agenda.next', from: null }, state: base({ agenda: SMALL_AGENDA }) },
  'agenda.go': { cmd: { type: 'agenda.go', stepId: 'step02' }, state: base({ agenda: SMALL_AGENDA }) },
  'options.set': { cmd: { type: 'options.set', clearHandsOnStage: false, questionApproval: true, anonymousQuestions: true } },
  'gather.set': { cmd: { type: 'gather.set', on: true } },
  'question.approve': { cmd: { type: 'question.approve', projectId: 'proj01', questionId: 'ques01' }, state: base({ heldQuestions: [HELD] }) },
  'question.hide': { cmd: { type: 'question.hide', projectId: 'proj01', questionId: 'ques01', hidden: true } },
  'question.delete': { cmd: { type: 'question.delete', projectId: 'proj01', questionId: 'ques01' } },
};

const unionTypes: string[] = facilitationCommand.options.map((o) => o.shape.type.value);
const exampleList = Object.entries(EXAMPLES) as Array<[CommandType, Example]>;
const facilitatorOnly = exampleList.filter(([t]) => !PARTICIPANT_COMMANDS.has(t));
const participantCmds = exampleList.filter(([t]) => PARTICIPANT_COMMANDS.has(t));

describe('command examples', () => {
  it('cover every member of the zod union, and nothing else', () => {
    expect(unionTypes.length).toBeGreaterThan(0);
    expect(new Set(unionTypes).size).toBe(unionTypes.length);
    expect(Object.keys(EXAMPLES).sort()).toEqual([...unionTypes].sort());
  });

  it('PARTICIPANT_COMMANDS only names real command types', () => {
    for (const t of PARTICIPANT_COMMANDS) expect(unionTypes).toContain(t);
  });

  it.each(exampleList)('%s example is accepted by the parser unchanged', (_type, { cmd }) => {
    const parsed = facilitationCommand.safeParse(cmd);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(cmd);
  });
});

// ---- permissions ----------------------------------------------------------------------------------

describe('permissions', () => {
  const nonFacilitators = [commune, maker, researcher, company, expertNoCommunity, viewer];

  describe.each(facilitatorOnly)('%s (facilitators only)', (_type, { cmd, state }) => {
    it.each(nonFacilitators.map((p) => [`${p.role}/${p.community ?? '-'}`, p] as const))('is forbidden for %s', (_label, actor) => {
      expect(refused(state ?? base(), actor, cmd)).toBe('forbidden');
    });
    it('is accepted for a facilitator', () => {
      const out = ok(state ?? base(), facilitator, cmd);
      expect(out.state).toBeDefined();
    });
  });

  describe.each(participantCmds)('%s (participants)', (type, { cmd, state }) => {
    const actors = [facilitator, commune, maker, researcher, company, ...(type === 'vote.cast' ? [] : [viewer])];
    it.each(actors.map((p) => [`${p.role}/${p.community ?? '-'}`, p] as const))('is accepted for %s', (_label, actor) => {
      ok(state ?? base(), actor, cmd);
    });
  });

  it('viewers and experts without a community may not vote', () => {
    expect(refused(withOpenRound(), viewer, cast('note01'))).toBe('forbidden');
    expect(refused(withOpenRound(), expertNoCommunity, cast('note01'))).toBe('forbidden');
  });
});

// ---- stage, focus, policy -------------------------------------------------------------------------

describe('stage.set', () => {
  const busy = (): FacilitationState =>
    base({
      stage: 'exchange',
      projectId: 'proj01',
      writers: 'facilitators',
      privateMode: true,
      projector: 'questions',
      timer: { status: 'running', durationMs: 1_000, deadline: NOW + 500 },
      chime: false,
      viewport: { projectId: 'proj01', x: 1, y: 2, zoom: 2 },
      spotlight: { projectId: 'proj01', noteId: 'note01' },
      hands: [{ userId: 'maker01', name: 'M', raisedAt: 1 }],
      joinLocked: true,
      shownQuestion: { projectId: 'proj01', questionId: 'ques01' },
    });

  it.each([...STAGES])('applies the defaults of %s', (stage) => {
    const s = busy();
    const out = ok(s, facilitator, { type: 'stage.set', stage });
    const d = STAGE_DEFAULTS[stage];
    expect(out.effects).toEqual([]);
    expect(out.state).toEqual({
      ...s,
      stage,
      projectId: 'proj01', // kept when not given
      writers: d.writers,
      privateMode: d.privateMode,
      projector: d.projector,
      timer: { status: 'idle', durationMs: d.durationMs },
      spotlight: null,
      shownQuestion: null,
      hands: [], // a new stage is a new conversation (the default option)
    });
  });

  it('keeps raised hands when the facilitator turned that option off', () => {
    const s = { ...busy(), options: { ...busy().options, clearHandsOnStage: false } };
    expect(ok(s, facilitator, { type: 'stage.set', stage: 'exchange' }).state.hands).toEqual(s.hands);
  });

  it('sets the project when given, and clears it with null', () => {
    expect(ok(busy(), facilitator, { type: 'stage.set', stage: 'pitch', projectId: 'proj02' }).state.projectId).toBe('proj02');
    expect(ok(busy(), facilitator, { type: 'stage.set', stage: 'pitch', projectId: null }).state.projectId).toBeNull();
  });
});

describe('focus.set, policy.set, spotlight.set, join.lock', () => {
  it('focus.set keeps a spotlight on the same project and drops one on another', () => {
    const s = base({ projectId: 'proj01', spotlight: { projectId: 'proj02', noteId: 'note01' } });
    const a = ok(s, facilitator, { type: 'focus.set', projectId: 'proj02' });
    expect(a.state).toEqual({ ...s, projectId: 'proj02' });
    const b = ok(s, facilitator, { type: 'focus.set', projectId: 'proj03' });
    expect(b.state).toEqual({ ...s, projectId: 'proj03', spotlight: null });
  });

  it('policy.set changes only the given fields', () => {
    const s = base();
    expect(ok(s, facilitator, { type: 'policy.set', writers: 'facilitators' }).state).toEqual({ ...s, writers: 'facilitators' });
    expect(ok(s, facilitator, { type: 'policy.set', privateMode: true, chime: false }).state).toEqual({ ...s, privateMode: true, chime: false });
    expect(ok(s, facilitator, { type: 'policy.set', projector: 'timer' }).state).toEqual({ ...s, projector: 'timer' });
    expect(ok(s, facilitator, { type: 'policy.set' }).state).toEqual(s);
  });

  it('spotlight.set sets and clears', () => {
    const a = ok(base(), facilitator, { type: 'spotlight.set', spotlight: { projectId: 'proj01', noteId: 'note01' } });
    expect(a.state.spotlight).toEqual({ projectId: 'proj01', noteId: 'note01' });
    expect(ok(a.state, facilitator, { type: 'spotlight.set', spotlight: null }).state.spotlight).toBeNull();
  });

  it('join.lock toggles joinLocked', () => {
    const a = ok(base(), facilitator, { type: 'join.lock', locked: true });
    expect(a.state).toEqual({ ...base(), joinLocked: true });
    expect(ok(a.state, facilitator, { type: 'join.lock', locked: false }).state.joinLocked).toBe(false);
  });
});

// ---- timer ----------------------------------------------------------------------------------------

describe('timer', () => {
  it('start uses the given duration', () => {
    const out = ok(base(), facilitator, { type: 'timer.start', durationMs: 90_000 });
    expect(out.state.timer).toEqual({ status: 'running', durationMs: 90_000, deadline: NOW + 90_000 });
    expect(out.effects).toEqual([]);
  });

  it('start without a duration uses the current one', () => {
    const s = base({ timer: { status: 'idle', durationMs: 15 * 60_000 } });
    expect(ok(s, facilitator, { type: 'timer.start' }).state.timer).toEqual({
      status: 'running',
      durationMs: 15 * 60_000,
      deadline: NOW + 15 * 60_000,
    });
  });

  it('start refuses a zero duration', () => {
    expect(refused(base(), facilitator, { type: 'timer.start' })).toBe('invalid'); // lobby: 0
    expect(refused(base({ timer: { status: 'idle', durationMs: 60_000 } }), facilitator, { type: 'timer.start', durationMs: 0 })).toBe('invalid');
  });

  it('pause computes the remainder from now', () => {
    const out = ok(runningTimer, facilitator, { type: 'timer.pause' }, ctx(NOW + 10_000));
    expect(out.state.timer).toEqual({ status: 'paused', durationMs: 60_000, remainingMs: 20_000 });
  });

  it('pause after the deadline keeps 0 remaining', () => {
    const out = ok(runningTimer, facilitator, { type: 'timer.pause' }, ctx(NOW + 100_000));
    expect(out.state.timer).toEqual({ status: 'paused', durationMs: 60_000, remainingMs: 0 });
  });

  it('pause when not running, and resume when not paused, conflict', () => {
    expect(refused(base(), facilitator, { type: 'timer.pause' })).toBe('conflict');
    expect(refused(pausedTimer, facilitator, { type: 'timer.pause' })).toBe('conflict');
    expect(refused(base(), facilitator, { type: 'timer.resume' })).toBe('conflict');
    expect(refused(runningTimer, facilitator, { type: 'timer.resume' })).toBe('conflict');
  });

  it('resume sets the deadline to now + remaining', () => {
    const out = ok(pausedTimer, facilitator, { type: 'timer.resume' }, ctx(NOW + 5_000));
    expect(out.state.timer).toEqual({ status: 'running', durationMs: 60_000, deadline: NOW + 5_000 + 20_000 });
  });

  it('pause then resume keeps the remaining time', () => {
    const paused = ok(runningTimer, facilitator, { type: 'timer.pause' }, ctx(NOW + 12_000)).state;
    const resumed = ok(paused, facilitator, { type: 'timer.resume' }, ctx(NOW + 500_000)).state;
    expect(timerRemaining(resumed.timer, NOW + 500_000)).toBe(18_000);
  });

  describe('add', () => {
    it('on idle changes the duration, never below 0', () => {
      const s = base({ timer: { status: 'idle', durationMs: 60_000 } });
      expect(ok(s, facilitator, { type: 'timer.add', ms: 30_000 }).state.timer).toEqual({ status: 'idle', durationMs: 90_000 });
      expect(ok(s, facilitator, { type: 'timer.add', ms: -30_000 }).state.timer).toEqual({ status: 'idle', durationMs: 30_000 });
      expect(ok(s, facilitator, { type: 'timer.add', ms: -3_600_000 }).state.timer).toEqual({ status: 'idle', durationMs: 0 });
    });

    it('on running moves the deadline, never before now', () => {
      expect(ok(runningTimer, facilitator, { type: 'timer.add', ms: 60_000 }).state.timer).toEqual({
        status: 'running',
        durationMs: 120_000,
        deadline: NOW + 90_000,
      });
      expect(ok(runningTimer, facilitator, { type: 'timer.add', ms: -10_000 }).state.timer).toEqual({
        status: 'running',
        durationMs: 50_000,
        deadline: NOW + 20_000,
      });
      const out = ok(runningTimer, facilitator, { type: 'timer.add', ms: -3_600_000 }, ctx(NOW + 1_000));
      expect(out.state.timer).toEqual({ status: 'running', durationMs: 0, deadline: NOW + 1_000 });
      expect(timerRemaining(out.state.timer, NOW + 1_000)).toBe(0);
    });

    it('on paused changes the remainder, never below 0', () => {
      expect(ok(pausedTimer, facilitator, { type: 'timer.add', ms: 60_000 }).state.timer).toEqual({
        status: 'paused',
        durationMs: 120_000,
        remainingMs: 80_000,
      });
      expect(ok(pausedTimer, facilitator, { type: 'timer.add', ms: -50_000 }).state.timer).toEqual({
        status: 'paused',
        durationMs: 10_000,
        remainingMs: 0,
      });
    });
  });

  it('reset goes idle with the given or current duration', () => {
    expect(ok(runningTimer, facilitator, { type: 'timer.reset' }).state.timer).toEqual({ status: 'idle', durationMs: 60_000 });
    expect(ok(pausedTimer, facilitator, { type: 'timer.reset', durationMs: 5_000 }).state.timer).toEqual({ status: 'idle', durationMs: 5_000 });
  });
});

// ---- votes ----------------------------------------------------------------------------------------

describe('votes', () => {
  it('open creates an empty round with an id from newId and returns it', () => {
    const out = ok(base(), facilitator, { type: 'vote.open', projectId: 'proj01', budget: 5 }, ctx(NOW, ids('round')));
    expect(out.state.vote).toEqual({
      status: 'open',
      id: 'round0001',
      projectId: 'proj01',
      budget: 5,
      perItemCap: null,
      openedAt: NOW,
      ballots: {},
      groups: {},
    });
    expect(out.data).toEqual({ roundId: 'round0001' });
    expect(out.effects).toEqual([]);
  });

  it('open keeps a per-item cap', () => {
    const out = ok(base(), facilitator, { type: 'vote.open', projectId: 'proj01', budget: 5, perItemCap: 2 });
    expect(openVote(out.state).perItemCap).toBe(2);
  });

  it('open conflicts while a round is open, but replaces a closed one', () => {
    expect(refused(withOpenRound(), facilitator, { type: 'vote.open', projectId: 'proj02', budget: 3 })).toBe('conflict');
    const closed = ok(withOpenRound(), facilitator, { type: 'vote.close', roundId: 'round01' }).state;
    const reopened = ok(closed, facilitator, { type: 'vote.open', projectId: 'proj02', budget: 3 }, ctx(NOW, ids('again')));
    expect(openVote(reopened.state).id).toBe('again0001');
  });

  it('cast records the dot, the group and returns my ballot and what remains', () => {
    const out = ok(withOpenRound(), maker, cast('note01'));
    expect(openVote(out.state).ballots).toEqual({ maker01: { note01: 1 } });
    expect(openVote(out.state).groups).toEqual({ maker01: 'maker' });
    expect(out.data).toEqual({ myVotes: { note01: 1 }, remaining: 2 });
    expect(out.effects).toEqual([]);
  });

  it('cast stops at the budget', () => {
    let s = withOpenRound({ budget: 3 });
    s = ok(s, commune, cast('note01')).state;
    s = ok(s, commune, cast('note01')).state;
    const third = ok(s, commune, cast('note02'));
    expect(third.data).toEqual({ myVotes: { note01: 2, note02: 1 }, remaining: 0 });
    expect(refused(third.state, commune, cast('note03'))).toBe('budget_exhausted');
    expect(refused(third.state, commune, cast('note01'))).toBe('budget_exhausted');
    // the budget is per voter
    expect(ok(third.state, maker, cast('note01')).data).toEqual({ myVotes: { note01: 1 }, remaining: 2 });
  });

  it('cast respects the per-item cap', () => {
    let s = withOpenRound({ budget: 5, perItemCap: 2 });
    s = ok(s, researcher, cast('note01')).state;
    s = ok(s, researcher, cast('note01')).state;
    expect(refused(s, researcher, cast('note01'))).toBe('cap_reached');
    expect(openVote(ok(s, researcher, cast('note02')).state).ballots.resear01).toEqual({ note01: 2, note02: 1 });
  });

  it('taking back a dot frees budget and removes zero entries', () => {
    let s = withOpenRound({ budget: 2 });
    s = ok(s, company, cast('note01')).state;
    s = ok(s, company, cast('note02')).state;
    expect(refused(s, company, cast('note03'))).toBe('budget_exhausted');
    const back = ok(s, company, cast('note01', -1));
    expect(openVote(back.state).ballots.compan01).toEqual({ note02: 1 });
    expect(back.data).toEqual({ myVotes: { note02: 1 }, remaining: 1 });
    const again = ok(back.state, company, cast('note03'));
    expect(openVote(again.state).ballots.compan01).toEqual({ note02: 1, note03: 1 });
  });

  it('taking back a dot you do not have is invalid', () => {
    expect(refused(withOpenRound(), commune, cast('note01', -1))).toBe('invalid');
    const s = ok(withOpenRound(), commune, cast('note01')).state;
    expect(refused(s, commune, cast('note02', -1))).toBe('invalid');
    // someone else's dot is not yours
    expect(refused(s, maker, cast('note01', -1))).toBe('invalid');
  });

  it('cast conflicts for a wrong, closed or missing round', () => {
    expect(refused(base(), commune, cast('note01'))).toBe('conflict');
    expect(refused(withOpenRound(), commune, cast('note01', 1, 'round99'))).toBe('conflict');
    const closed = ok(withOpenRound(), facilitator, { type: 'vote.close', roundId: 'round01' }).state;
    expect(refused(closed, commune, cast('note01'))).toBe('conflict');
    // a viewer on a wrong round: the round is checked first
    expect(refused(withOpenRound(), viewer, cast('note01', 1, 'round99'))).toBe('conflict');
  });

  describe('an item id that is an Object.prototype key ("constructor", a valid id)', () => {
    it('is accepted by the parser', () => {
      expect(facilitationCommand.safeParse(cast('constructor')).success).toBe(true);
    });

    it('counts one dot like any other item', () => {
      const out = apply(withOpenRound({ budget: 2 }), commune, cast('constructor'));
      expect(out.ok && out.data).toEqual({ myVotes: { constructor: 1 }, remaining: 1 });
      expect(out.ok && openVote(out.state).ballots.commune01).toEqual({ constructor: 1 });
    });

    it('cannot be used to get round the budget', () => {
      let s = withOpenRound({ budget: 1 });
      const outcomes: string[] = [];
      for (const item of ['constructor', 'constructor', 'note01', 'note02']) {
        const out = apply(s, commune, cast(item));
        outcomes.push(out.ok ? 'ok' : out.error);
        if (out.ok) s = out.state;
      }
      expect(outcomes).toEqual(['ok', 'budget_exhausted', 'budget_exhausted', 'budget_exhausted']);
    });

    it('tallies to a numeric total', () => {
      let s = withOpenRound({ budget: 3 });
      for (const who of [commune, maker]) {
        const out = apply(s, who, cast('constructor'));
        if (out.ok) s = out.state;
      }
      const closed = apply(s, facilitator, { type: 'vote.close', roundId: 'round01' });
      expect(closed.ok && closedVote(closed.state).results.items).toEqual([
        { itemId: 'constructor', total: 2, byGroup: { ...emptyGroupCounts(), commune: 1, maker: 1 } },
      ]);
    });
  });

  describe('close', () => {
    function ballotsOfEveryone(): FacilitationState {
      let s = withOpenRound({ budget: 3 });
      const votes: Array<[Principal, string, 1 | -1]> = [
        [commune, 'notebb', 1],
        [commune, 'notebb', 1],
        [commune, 'noteaa', 1],
        [maker, 'noteaa', 1],
        [maker, 'notecc', 1],
        [researcher, 'notebb', 1],
        [company, 'noteaa', 1],
        [facilitator, 'notecc', 1],
        [facilitator, 'notecc', 1],
        // someone who takes back their only dot has not voted
        [principal('maker02', 'expert', 'maker'), 'notedd', 1],
        [principal('maker02', 'expert', 'maker'), 'notedd', -1],
      ];
      for (const [who, item, delta] of votes) s = ok(s, who, cast(item, delta)).state;
      return s;
    }

    it('tallies by total then id, by group, counting only voters with dots', () => {
      const s = ballotsOfEveryone();
      const out = ok(s, facilitator, { type: 'vote.close', roundId: 'round01' }, ctx(NOW + 60_000));
      const expected: VoteResults = {
        roundId: 'round01',
        projectId: 'proj01',
        voters: 5,
        votersByGroup: { commune: 1, maker: 1, researcher: 1, company: 1, facilitator: 1 },
        items: [
          { itemId: 'noteaa', total: 3, byGroup: { ...emptyGroupCounts(), commune: 1, maker: 1, company: 1 } },
          { itemId: 'notebb', total: 3, byGroup: { ...emptyGroupCounts(), commune: 2, researcher: 1 } },
          { itemId: 'notecc', total: 3, byGroup: { ...emptyGroupCounts(), maker: 1, facilitator: 2 } },
        ],
        closedAt: NOW + 60_000,
      };
      expect(out.state.vote).toEqual({
        status: 'closed',
        id: 'round01',
        projectId: 'proj01',
        budget: 3,
        perItemCap: null,
        openedAt: NOW - 10_000,
        results: expected,
      });
      expect(closedVote(out.state)).not.toHaveProperty('ballots');
      expect(closedVote(out.state)).not.toHaveProperty('groups');
      expect(out.effects).toEqual([{ type: 'recordVotes', results: expected }]);
      expect(out.data).toEqual(expected);
    });

    it('sorts items by descending total', () => {
      let s = withOpenRound({ budget: 6 });
      for (const item of ['notelow', 'notehigh', 'notehigh', 'notehigh', 'notemid', 'notemid']) s = ok(s, commune, cast(item)).state;
      const out = ok(s, facilitator, { type: 'vote.close', roundId: 'round01' });
      expect(closedVote(out.state).results.items.map((i) => [i.itemId, i.total])).toEqual([
        ['notehigh', 3],
        ['notemid', 2],
        ['notelow', 1],
      ]);
    });

    it('conflicts for a wrong or already-closed round', () => {
      expect(refused(base(), facilitator, { type: 'vote.close', roundId: 'round01' })).toBe('conflict');
      expect(refused(withOpenRound(), facilitator, { type: 'vote.close', roundId: 'round99' })).toBe('conflict');
      const closed = ok(withOpenRound(), facilitator, { type: 'vote.close', roundId: 'round01' }).state;
      expect(refused(closed, facilitator, { type: 'vote.close', roundId: 'round01' })).toBe('conflict');
    });
  });

  it('cancel drops the round without recording', () => {
    const s = ok(withOpenRound(), commune, cast('note01')).state;
    const out = ok(s, facilitator, { type: 'vote.cancel', roundId: 'round01' });
    expect(out.state).toEqual({ ...s, vote: null });
    expect(out.effects).toEqual([]);
    expect(refused(s, facilitator, { type: 'vote.cancel', roundId: 'round99' })).toBe('conflict');
    expect(refused(base(), facilitator, { type: 'vote.cancel', roundId: 'round01' })).toBe('conflict');
  });

  describe('publicFacilitation of a round', () => {
    it('never leaks ballots, groups, item ids or voter ids while open', () => {
      let s = withOpenRound({ budget: 3 });
      s = ok(s, commune, cast('notesecret1')).state;
      s = ok(s, maker, cast('notesecret2')).state;
      s = ok(s, researcher, cast('notesecret1')).state;
      const p = publicFacilitation(s, NOW + 1);
      expect(p.vote).toEqual({ status: 'open', id: 'round01', projectId: 'proj01', budget: 3, perItemCap: null, voters: 3 });
      expect(p.serverNow).toBe(NOW + 1);
      const json = JSON.stringify(p);
      for (const secret of ['notesecret1', 'notesecret2', commune.userId, maker.userId, researcher.userId, 'ballots', 'groups'])
        expect(json).not.toContain(secret);
    });

    it('counts only voters who still have dots', () => {
      let s = withOpenRound({ budget: 3 });
      s = ok(s, commune, cast('note01')).state;
      s = ok(s, maker, cast('note01')).state;
      s = ok(s, maker, cast('note01', -1)).state;
      const p = publicFacilitation(s, NOW);
      expect(p.vote?.status === 'open' ? p.vote.voters : undefined).toBe(1);
    });

    it('exposes the results once closed', () => {
      let s = withOpenRound({ budget: 3 });
      s = ok(s, commune, cast('note01')).state;
      const closed = ok(s, facilitator, { type: 'vote.close', roundId: 'round01' }, ctx(NOW + 5));
      const p = publicFacilitation(closed.state, NOW + 6);
      expect(p.vote).toEqual({
        status: 'closed',
        id: 'round01',
        projectId: 'proj01',
        budget: 3,
        perItemCap: null,
        results: {
          roundId: 'round01',
          projectId: 'proj01',
          voters: 1,
          votersByGroup: { ...emptyGroupCounts(), commune: 1 },
          items: [{ itemId: 'note01', total: 1, byGroup: { ...emptyGroupCounts(), commune: 1 } }],
          closedAt: NOW + 5,
        },
      });
      expect(p.serverNow).toBe(NOW + 6);
    });
  });
});

// ---- private drafts, hands, participants, reactions, questions, viewport ---------------------------

describe('private.reveal', () => {
  it('turns private mode off and asks for a reveal', () => {
    const s = base({ privateMode: true });
    const out = ok(s, facilitator, { type: 'private.reveal', projectId: 'proj01', anonymous: false });
    expect(out.state).toEqual({ ...s, privateMode: false });
    expect(out.effects).toEqual([{ type: 'reveal', projectId: 'proj01', anonymous: false }]);
  });
});

describe('hands', () => {
  it('raise adds the actor once, with name and time', () => {
    const out = ok(base(), maker, { type: 'hand.raise' });
    expect(out.state.hands).toEqual([{ userId: 'maker01', name: 'Name maker01', raisedAt: NOW }]);
    const again = ok(out.state, maker, { type: 'hand.raise' }, ctx(NOW + 10_000));
    expect(again.state).toEqual(out.state);
    const other = ok(out.state, commune, { type: 'hand.raise' }, ctx(NOW + 1));
    expect(other.state.hands).toEqual([
      { userId: 'maker01', name: 'Name maker01', raisedAt: NOW },
      { userId: 'commune01', name: 'Name commune01', raisedAt: NOW + 1 },
    ]);
  });

  const twoHands = () =>
    base({
      hands: [
        { userId: 'maker01', name: 'M', raisedAt: 1 },
        { userId: 'commune01', name: 'C', raisedAt: 2 },
      ],
    });

  it('lower lowers your own hand', () => {
    const out = ok(twoHands(), maker, { type: 'hand.lower' });
    expect(out.state.hands).toEqual([{ userId: 'commune01', name: 'C', raisedAt: 2 }]);
    expect(ok(twoHands(), maker, { type: 'hand.lower', userId: 'maker01' }).state.hands).toEqual([{ userId: 'commune01', name: 'C', raisedAt: 2 }]);
    // lowering a hand that is not raised is harmless
    expect(ok(twoHands(), viewer, { type: 'hand.lower' }).state.hands).toEqual(twoHands().hands);
  });

  it("lowering someone else's hand is for facilitators only", () => {
    expect(refused(twoHands(), maker, { type: 'hand.lower', userId: 'commune01' })).toBe('forbidden');
    expect(refused(twoHands(), viewer, { type: 'hand.lower', userId: 'commune01' })).toBe('forbidden');
    expect(ok(twoHands(), facilitator, { type: 'hand.lower', userId: 'commune01' }).state.hands).toEqual([{ userId: 'maker01', name: 'M', raisedAt: 1 }]);
  });

  it('hands.clear lowers every hand', () => {
    const out = ok(twoHands(), facilitator, { type: 'hands.clear' });
    expect(out.state).toEqual({ ...twoHands(), hands: [] });
  });
});

describe('participant.remove', () => {
  it('removes the participant and their raised hand', () => {
    const s = base({
      hands: [
        { userId: 'maker01', name: 'M', raisedAt: 1 },
        { userId: 'commune01', name: 'C', raisedAt: 2 },
      ],
    });
    const out = ok(s, facilitator, { type: 'participant.remove', userId: 'maker01' });
    expect(out.state).toEqual({ ...s, hands: [{ userId: 'commune01', name: 'C', raisedAt: 2 }] });
    expect(out.effects).toEqual([{ type: 'removeParticipant', userId: 'maker01' }]);
  });

  it('refuses removing yourself', () => {
    expect(refused(base(), facilitator, { type: 'participant.remove', userId: 'facil01' })).toBe('invalid');
  });
});

describe('reaction.send', () => {
  it('relays the reaction quietly without changing the state', () => {
    const s = base({ stage: 'pitch' });
    const out = ok(s, viewer, { type: 'reaction.send', reaction: '👏' });
    expect(out.state).toEqual(s);
    expect(out.quiet).toBe(true);
    expect(out.effects).toEqual<Effect[]>([{ type: 'reaction', userId: 'viewer01', name: 'Name viewer01', reaction: '👏' }]);
  });
});

describe('questions', () => {
  it('ask adds a question by the actor with a new id, quietly', () => {
    const s = base({ stage: 'pitch' });
    const out = ok(s, viewer, { type: 'question.ask', projectId: 'proj01', text: 'Who pays?' }, ctx(NOW + 7, ids('quest')));
    expect(out.state).toEqual(s);
    expect(out.quiet).toBe(true);
    expect(out.data).toEqual({ questionId: 'quest0001', pending: false });
    expect(out.effects).toEqual<Effect[]>([
      {
        type: 'addQuestion',
        projectId: 'proj01',
        questionId: 'quest0001',
        text: 'Who pays?',
        authorId: 'viewer01',
        authorName: 'Name viewer01',
        askedAt: NOW + 7,
        anonymous: false,
      },
    ]);
  });

  it('show sets and clears the shown question', () => {
    const a = ok(base(), facilitator, { type: 'question.show', projectId: 'proj01', questionId: 'ques01' });
    expect(a.state).toEqual({ ...base(), shownQuestion: { projectId: 'proj01', questionId: 'ques01' } });
    const b = ok(a.state, facilitator, { type: 'question.show', projectId: 'proj01', questionId: null });
    expect(b.state).toEqual(base());
  });

  it('attachment.show puts an attachment page on the wall, turns pages and clears it', () => {
    const a = ok(base(), facilitator, { type: 'attachment.show', projectId: 'proj01', attachmentId: 'file01', page: 1 });
    expect(a.state).toEqual({ ...base(), shownAttachment: { projectId: 'proj01', attachmentId: 'file01', page: 1 } });
    const b = ok(a.state, facilitator, { type: 'attachment.show', projectId: 'proj01', attachmentId: 'file01', page: 2 });
    expect(b.state.shownAttachment).toEqual({ projectId: 'proj01', attachmentId: 'file01', page: 2 });
    const c = ok(b.state, facilitator, { type: 'attachment.show', projectId: 'proj01', attachmentId: null, page: 1 });
    expect(c.state).toEqual(base());
    expect(facilitationCommand.safeParse({ type: 'attachment.show', projectId: 'proj01', attachmentId: 'file01', page: 0 }).success).toBe(false);
  });

  it('answer and upvote are effects', () => {
    const s = base();
    const ans = ok(s, facilitator, { type: 'question.answer', projectId: 'proj01', questionId: 'ques01', answered: true });
    expect(ans.state).toEqual(s);
    expect(ans.effects).toEqual<Effect[]>([{ type: 'answerQuestion', projectId: 'proj01', questionId: 'ques01', answered: true }]);
    const up = ok(s, company, { type: 'question.upvote', projectId: 'proj01', questionId: 'ques01' });
    expect(up.state).toEqual(s);
    expect(up.effects).toEqual<Effect[]>([{ type: 'upvoteQuestion', projectId: 'proj01', questionId: 'ques01', userId: 'compan01' }]);
  });
});

describe('viewport.set', () => {
  it("stores the presenter's view and sends it quietly as an effect", () => {
    const s = presentedByFacilitator;
    const out = ok(s, facilitator, { type: 'viewport.set', projectId: 'proj02', viewport: { x: 10, y: -20, zoom: 0.5, width: 2400, height: 1500 } });
    const view = { projectId: 'proj02', x: 10, y: -20, zoom: 0.5, width: 2400, height: 1500 };
    expect(out.state).toEqual({ ...s, viewport: view });
    expect(out.quiet).toBe(true);
    expect(out.effects).toEqual<Effect[]>([{ type: 'viewport', view }]);
  });

  it("refuses a co-facilitator's view: one presenter at a time, the lead by default", () => {
    const vp = { type: 'viewport.set', projectId: 'proj01', viewport: { x: 0, y: 0, zoom: 1 } } as const;
    expect(refused(base({ presenting: true }), facilitator, vp)).toBe('forbidden');
    expect(ok(base({ presenting: true }), lead, vp).state.viewport).toMatchObject({ projectId: 'proj01' });
    // Handed over: now the lead's own panning is refused too.
    expect(refused(presentedByFacilitator, lead, vp)).toBe('forbidden');
  });

  it('refuses the presenter while not presenting (nothing reaches the wall or followers)', () => {
    const vp = { type: 'viewport.set', projectId: 'proj01', viewport: { x: 0, y: 0, zoom: 1 } } as const;
    expect(refused(base(), lead, vp)).toBe('conflict');
  });
});

describe('presenting and handing the wall over', () => {
  const co = principal('cofac001', 'facilitator', null, 'Zoé');
  const person = (p: Principal, revoked = false) => ({ userId: p.userId, name: p.name, role: p.role, revoked });

  it('the lead presents by default; starting and stopping is theirs', () => {
    const on = ok(base(), lead, { type: 'present.set', on: true });
    expect(on.state).toMatchObject({ presenter: null, presenting: true });
    const withView = ok(on.state, lead, { type: 'viewport.set', projectId: 'proj01', viewport: { x: 1, y: 2, zoom: 1 } }).state;
    const off = ok(withView, lead, { type: 'present.set', on: false });
    // Presenting stops: no view any more, so the wall shows the whole board.
    expect(off.state).toMatchObject({ presenting: false, viewport: null });
  });

  it('refuses a co-facilitator who starts presenting or hands the wall over without having it', () => {
    expect(refused(base(), co, { type: 'present.set', on: true })).toBe('forbidden');
    expect(refused(base({ presenting: true }), co, { type: 'present.set', on: false })).toBe('forbidden');
    expect(refused(base(), co, { type: 'presenter.set', userId: co.userId }, { ...ctx(), target: person(co) })).toBe('forbidden');
  });

  it('the lead hands the wall to a co-facilitator, who then presents; the lead can take it back', () => {
    const handed = ok(
      base({ presenting: true, viewport: { projectId: 'proj01', x: 0, y: 0, zoom: 1 } }),
      lead,
      { type: 'presenter.set', userId: co.userId },
      { ...ctx(), target: person(co) },
    );
    // The new presenter starts when ready: until then the wall shows the whole board.
    expect(handed.state).toMatchObject({ presenter: { userId: co.userId, name: 'Zoé' }, presenting: false, viewport: null });
    const live = ok(handed.state, co, { type: 'present.set', on: true }).state;
    expect(refused(live, lead, { type: 'present.set', on: true })).toBe('forbidden');
    // The lead may always stop it or take the wall back.
    expect(ok(live, lead, { type: 'present.set', on: false }).state.presenting).toBe(false);
    expect(ok(live, lead, { type: 'presenter.set', userId: null }).state).toMatchObject({ presenter: null, presenting: false });
    // The presenter may pass it on to someone else, or give it back.
    expect(ok(live, co, { type: 'presenter.set', userId: null }).state.presenter).toBeNull();
  });

  it('hands the wall only to a facilitator still in the workshop', () => {
    expect(refused(base(), lead, { type: 'presenter.set', userId: commune.userId }, { ...ctx(), target: person(commune) })).toBe('invalid');
    expect(refused(base(), lead, { type: 'presenter.set', userId: co.userId }, { ...ctx(), target: person(co, true) })).toBe('invalid');
    expect(refused(base(), lead, { type: 'presenter.set', userId: 'ghost001' }, { ...ctx(), target: null })).toBe('invalid');
  });

  it('removing the presenter gives the wall back to the lead', () => {
    const live = base({ presenter: { userId: co.userId, name: 'Zoé' }, presenting: true, viewport: { projectId: 'proj01', x: 0, y: 0, zoom: 1 } });
    expect(ok(live, lead, { type: 'participant.remove', userId: co.userId }).state).toMatchObject({ presenter: null, presenting: false, viewport: null });
  });
});

// ---- the parser -----------------------------------------------------------------------------------

describe('facilitationCommand parser', () => {
  const rejects = (input: unknown) => expect(facilitationCommand.safeParse(input).success).toBe(false);
  const accepts = (input: unknown) => expect(facilitationCommand.safeParse(input).success).toBe(true);

  it('rejects unknown or missing types and non-objects', () => {
    rejects({ type: 'timer.explode' });
    rejects({ type: 'Stage.set', stage: 'lobby' });
    rejects({});
    rejects(null);
    rejects('hand.raise');
  });

  it('rejects bad durations', () => {
    rejects({ type: 'timer.start', durationMs: -1 });
    rejects({ type: 'timer.start', durationMs: 1.5 });
    rejects({ type: 'timer.start', durationMs: 12 * 3_600_000 + 1 });
    rejects({ type: 'timer.reset', durationMs: -1000 });
    rejects({ type: 'timer.add', ms: 3_600_001 });
    rejects({ type: 'timer.add', ms: -3_600_001 });
    rejects({ type: 'timer.add' });
    accepts({ type: 'timer.start', durationMs: 0 });
    accepts({ type: 'timer.start', durationMs: 12 * 3_600_000 });
    accepts({ type: 'timer.add', ms: -3_600_000 });
  });

  it('rejects bad viewports', () => {
    const vp = (viewport: unknown) => ({ type: 'viewport.set', projectId: 'proj01', viewport });
    rejects(vp({ x: 0, y: 0, zoom: 0.04 }));
    rejects(vp({ x: 0, y: 0, zoom: 8.01 }));
    rejects(vp({ x: 0, y: 0, zoom: 0 }));
    rejects(vp({ x: Infinity, y: 0, zoom: 1 }));
    rejects(vp({ x: 0, y: Number.NaN, zoom: 1 }));
    rejects(vp({ x: 0, y: 0 }));
    accepts(vp({ x: 0, y: 0, zoom: 0.05 }));
    accepts(vp({ x: 0, y: 0, zoom: 8 }));
    rejects(vp({ x: 0, y: 0, zoom: 1, width: 0 }));
    rejects(vp({ x: 0, y: 0, zoom: 1, height: -5 }));
    rejects(vp({ x: 0, y: 0, zoom: 1, width: Infinity }));
    accepts(vp({ x: 0, y: 0, zoom: 1, width: 1600, height: 900 }));
  });

  it('rejects bad budgets and caps', () => {
    const open = (budget: unknown, perItemCap?: unknown) => ({ type: 'vote.open', projectId: 'proj01', budget, perItemCap });
    rejects(open(0));
    rejects(open(MAX_VOTE_BUDGET + 1));
    rejects(open(2.5));
    rejects(open(3, 0));
    rejects(open(3, MAX_VOTE_BUDGET + 1));
    accepts(open(1));
    accepts(open(MAX_VOTE_BUDGET, null));
    expect(MAX_VOTE_BUDGET).toBe(50);
  });

  it('rejects bad vote deltas', () => {
    rejects({ type: 'vote.cast', roundId: 'round01', itemId: 'note01', delta: 2 });
    rejects({ type: 'vote.cast', roundId: 'round01', itemId: 'note01', delta: 0 });
  });

  it('checks question text after trimming', () => {
    const ask = (text: unknown) => ({ type: 'question.ask', projectId: 'proj01', text });
    rejects(ask(''));
    rejects(ask('    \n\t '));
    rejects(ask('x'.repeat(MAX_QUESTION_LENGTH + 1)));
    rejects(ask(42));
    const padded = facilitationCommand.safeParse(ask(`  ${'x'.repeat(MAX_QUESTION_LENGTH)}  `));
    expect(padded.success).toBe(true);
    expect(padded.data).toEqual(ask('x'.repeat(MAX_QUESTION_LENGTH)));
    expect(facilitationCommand.parse(ask('  Why?  '))).toEqual(ask('Why?'));
    expect(MAX_QUESTION_LENGTH).toBe(280);
  });

  it('rejects bad ids', () => {
    for (const bad of ['ABCDEF', 'short', 'a'.repeat(33), 'has-dash1', 'has space', '', 'ümlaut1']) {
      rejects({ type: 'focus.set', projectId: bad });
      rejects({ type: 'participant.remove', userId: bad });
      rejects({ type: 'vote.cast', roundId: 'round01', itemId: bad, delta: 1 });
      rejects({ type: 'hand.lower', userId: bad });
    }
    accepts({ type: 'focus.set', projectId: 'a'.repeat(32) });
    accepts({ type: 'focus.set', projectId: 'abc123' });
    accepts({ type: 'focus.set', projectId: null });
  });

  it('rejects values outside the enums', () => {
    rejects({ type: 'stage.set', stage: 'lunch' });
    rejects({ type: 'policy.set', writers: 'nobody' });
    rejects({ type: 'policy.set', projector: 'disco' });
    rejects({ type: 'reaction.send', reaction: '💩' });
    rejects({ type: 'private.reveal', projectId: 'proj01' });
    rejects({ type: 'join.lock', locked: 'yes' });
  });
});

// ---- purity ---------------------------------------------------------------------------------------

describe('purity', () => {
  const actors = [facilitator, commune, maker, viewer];

  it.each(exampleList)('%s never mutates its input state (deep-frozen, compared with a clone)', (_type, { cmd, state }) => {
    const busy = (state ?? base()) as FacilitationState;
    const s: FacilitationState = {
      ...busy,
      hands: [{ userId: 'maker01', name: 'M', raisedAt: 1 }],
      spotlight: { projectId: 'proj01', noteId: 'note01' },
      shownQuestion: { projectId: 'proj01', questionId: 'ques01' },
    };
    for (const actor of actors) {
      const frozen = deepFreeze(structuredClone(s));
      const snapshot = structuredClone(frozen);
      expect(() => applyCommand(frozen, actor, cmd, ctx())).not.toThrow();
      expect(frozen).toEqual(snapshot);
    }
  });

  it('vote.cast leaves earlier states and ballots untouched', () => {
    const s0 = deepFreeze(withOpenRound({ budget: 3, ballots: { commune01: { note01: 1 } }, groups: { commune01: 'commune' } }));
    const s1 = ok(s0, commune, cast('note01')).state;
    const s2 = ok(s1, commune, cast('note01', -1)).state;
    expect(openVote(s0).ballots).toEqual({ commune01: { note01: 1 } });
    expect(openVote(s1).ballots).toEqual({ commune01: { note01: 2 } });
    expect(openVote(s2).ballots).toEqual({ commune01: { note01: 1 } });
  });
});
