import type { FacilitationCommand } from '../../shared/commands';
import { PARTICIPANT_COMMANDS } from '../../shared/commands';
import { currentAfterEdit, findStep, nextStep, type AgendaStep } from '../../shared/agenda';
import {
  MAX_HELD_QUESTIONS,
  STAGE_DEFAULTS,
  isPresenter,
  type FacilitationState,
  type Stage,
  type Reaction,
  type FacilitatorView,
  type VoteResults,
  tallyVotes,
  timerRemaining,
  voterGroup,
} from '../../shared/facilitation';
import type { CommandError, Principal } from '../../shared/protocol';
import type { Role } from '../../shared/schema';

/**
 * The rules of facilitation, as a pure function: a command from an authenticated actor, applied to
 * the current state at server time `now`, gives a new state and the effects the server must carry
 * out (writing into documents, disconnecting someone, relaying a reaction) — or a refusal.
 */

export type Effect =
  | { type: 'viewport'; view: FacilitatorView }
  | { type: 'reaction'; userId: string; name: string; reaction: Reaction }
  | { type: 'recordVotes'; results: VoteResults }
  | { type: 'reveal'; projectId: string; anonymous: boolean }
  | { type: 'removeParticipant'; userId: string }
  | { type: 'addQuestion'; projectId: string; questionId: string; text: string; authorId: string; authorName: string; askedAt: number; anonymous: boolean }
  | { type: 'upvoteQuestion'; projectId: string; questionId: string; userId: string }
  | { type: 'answerQuestion'; projectId: string; questionId: string; answered: boolean }
  | { type: 'hideQuestion'; projectId: string; questionId: string; hidden: boolean }
  | { type: 'deleteQuestion'; projectId: string; questionId: string };

export type RefusalCode = Extract<CommandError, 'forbidden' | 'invalid' | 'conflict' | 'budget_exhausted' | 'cap_reached'>;

export type Outcome =
  | {
      ok: true;
      state: FacilitationState;
      effects: Effect[];
      /** Returned to the sender in the acknowledgement. */
      data?: unknown;
      /** The change need not be broadcast as a full state (it travels as an effect). */
      quiet?: boolean;
    }
  | { ok: false; error: RefusalCode; message: string };

export interface CommandContext {
  now: number;
  newId: () => string;
  /** The person a command names (`presenter.set`), as the registry knows them; looked up by the service. */
  target?: { userId: string; name: string; role: Role; revoked: boolean } | null;
}

const refuse = (error: RefusalCode, message: string): Outcome => ({ ok: false, error, message });
const done = (state: FacilitationState, effects: Effect[] = [], extra: { data?: unknown; quiet?: boolean } = {}): Outcome => ({
  ok: true,
  state,
  effects,
  ...extra,
});

/**
 * A stage with its defaults (writing policy, private mode, wall, timer). Transient things end with
 * it: the spotlight, the question on the wall, and (an option) raised hands: a new stage is a new
 * conversation.
 */
function enterStage(state: FacilitationState, stage: Stage, projectId: string | null): FacilitationState {
  const d = STAGE_DEFAULTS[stage];
  return {
    ...state,
    stage,
    projectId,
    writers: d.writers,
    privateMode: d.privateMode,
    projector: d.projector,
    timer: { status: 'idle', durationMs: d.durationMs },
    spotlight: null,
    shownQuestion: null,
    hands: state.options.clearHandsOnStage ? [] : state.hands,
    viewport: projectId === state.projectId ? state.viewport : null,
  };
}

/** An agenda step: its stage and focus, and its own timer started at once (0: no timer). */
function enterStep(state: FacilitationState, step: AgendaStep, now: number): FacilitationState {
  const entered = enterStage(state, step.stage, step.projectId);
  const timer: FacilitationState['timer'] =
    step.durationMs > 0 ? { status: 'running', durationMs: step.durationMs, deadline: now + step.durationMs } : { status: 'idle', durationMs: 0 };
  return { ...entered, timer, agendaStepId: step.id };
}

const isShown = (state: FacilitationState, projectId: string, questionId: string) =>
  state.shownQuestion?.projectId === projectId && state.shownQuestion.questionId === questionId;

export function applyCommand(state: FacilitationState, actor: Principal, cmd: FacilitationCommand, ctx: CommandContext): Outcome {
  const isFacilitator = actor.role === 'facilitator';
  if (!isFacilitator && !PARTICIPANT_COMMANDS.has(cmd.type)) {
    return refuse('forbidden', `only facilitators may use ${cmd.type}`);
  }
  const { now } = ctx;

  switch (cmd.type) {
    case 'stage.set':
      return done(enterStage(state, cmd.stage, cmd.projectId === undefined ? state.projectId : cmd.projectId));
    case 'focus.set':
      return done({
        ...state,
        projectId: cmd.projectId,
        spotlight: state.spotlight?.projectId === cmd.projectId ? state.spotlight : null,
        // A viewport of another project is no follow-me target any more.
        viewport: state.viewport?.projectId === cmd.projectId ? state.viewport : null,
      });
    case 'policy.set':
      return done({
        ...state,
        writers: cmd.writers ?? state.writers,
        privateMode: cmd.privateMode ?? state.privateMode,
        projector: cmd.projector ?? state.projector,
        chime: cmd.chime ?? state.chime,
      });

    case 'timer.start': {
      const durationMs = cmd.durationMs ?? state.timer.durationMs;
      if (durationMs <= 0) return refuse('invalid', 'the timer needs a duration');
      return done({ ...state, timer: { status: 'running', durationMs, deadline: now + durationMs } });
    }
    case 'timer.pause':
      if (state.timer.status !== 'running') return refuse('conflict', 'the timer is not running');
      return done({ ...state, timer: { status: 'paused', durationMs: state.timer.durationMs, remainingMs: timerRemaining(state.timer, now) } });
    case 'timer.resume':
      if (state.timer.status !== 'paused') return refuse('conflict', 'the timer is not paused');
      return done({ ...state, timer: { status: 'running', durationMs: state.timer.durationMs, deadline: now + state.timer.remainingMs } });
    case 'timer.add': {
      const t = state.timer;
      const durationMs = Math.max(0, t.durationMs + cmd.ms);
      switch (t.status) {
        case 'idle':
          return done({ ...state, timer: { status: 'idle', durationMs } });
        case 'running':
          return done({ ...state, timer: { status: 'running', durationMs, deadline: Math.max(now, t.deadline + cmd.ms) } });
        case 'paused':
          return done({ ...state, timer: { status: 'paused', durationMs, remainingMs: Math.max(0, t.remainingMs + cmd.ms) } });
      }
      break;
    }
    case 'timer.reset':
      return done({ ...state, timer: { status: 'idle', durationMs: cmd.durationMs ?? state.timer.durationMs } });

    case 'viewport.set': {
      // One presenter at a time: anyone else's panning never reaches the wall or the followers.
      if (!isPresenter(state, actor)) return refuse('forbidden', `${presenterName(state)} presents the wall: ask them to hand it over`);
      if (!state.presenting) return refuse('conflict', 'you are not presenting');
      const view: FacilitatorView = { projectId: cmd.projectId, ...cmd.viewport };
      return done({ ...state, viewport: view }, [{ type: 'viewport', view }], { quiet: true });
    }
    case 'spotlight.set':
      return done({ ...state, spotlight: cmd.spotlight });

    case 'vote.open': {
      if (state.vote?.status === 'open') return refuse('conflict', 'a vote round is already open');
      const round = {
        status: 'open' as const,
        id: ctx.newId(),
        projectId: cmd.projectId,
        budget: cmd.budget,
        perItemCap: cmd.perItemCap ?? null,
        openedAt: now,
        ballots: {},
        groups: {},
      };
      return done({ ...state, vote: round }, [], { data: { roundId: round.id } });
    }
    case 'vote.cast': {
      const round = state.vote;
      if (round?.status !== 'open' || round.id !== cmd.roundId) return refuse('conflict', 'this vote round is not open');
      const group = voterGroup(actor.role, actor.community);
      if (!group) return refuse('forbidden', 'observers do not vote');
      // Own properties only: an item id like "constructor" must not read Object's prototype.
      const ballot: Record<string, number> = { ...(Object.hasOwn(round.ballots, actor.userId) ? round.ballots[actor.userId] : {}) };
      const current = Object.hasOwn(ballot, cmd.itemId) ? ballot[cmd.itemId] : 0;
      const next = current + cmd.delta;
      if (next < 0) return refuse('invalid', 'no dot to take back on this item');
      const used = Object.values(ballot).reduce((a, b) => a + b, 0) + cmd.delta;
      if (used > round.budget) return refuse('budget_exhausted', `all ${round.budget} dots are used`);
      if (round.perItemCap !== null && next > round.perItemCap) return refuse('cap_reached', `at most ${round.perItemCap} dots per item`);
      if (next === 0) delete ballot[cmd.itemId];
      else ballot[cmd.itemId] = next;
      // Someone who took every dot back is no longer a voter.
      const { [actor.userId]: _previous, ...otherBallots } = round.ballots;
      const ballots = Object.keys(ballot).length > 0 ? { ...otherBallots, [actor.userId]: ballot } : otherBallots;
      return done(
        {
          ...state,
          vote: { ...round, ballots, groups: { ...round.groups, [actor.userId]: group } },
        },
        [],
        { data: { myVotes: ballot, remaining: round.budget - used } },
      );
    }
    case 'vote.close': {
      const round = state.vote;
      if (round?.status !== 'open' || round.id !== cmd.roundId) return refuse('conflict', 'this vote round is not open');
      const results = tallyVotes(round, now);
      const { ballots: _b, groups: _g, ...rest } = round;
      return done({ ...state, vote: { ...rest, status: 'closed', results } }, [{ type: 'recordVotes', results }], { data: results });
    }
    case 'vote.cancel':
      if (state.vote?.id !== cmd.roundId) return refuse('conflict', 'no such vote round');
      return done({ ...state, vote: null });

    case 'private.reveal':
      return done({ ...state, privateMode: false }, [{ type: 'reveal', projectId: cmd.projectId, anonymous: cmd.anonymous }]);

    case 'hand.raise':
      if (state.hands.some((h) => h.userId === actor.userId)) return done(state);
      return done({ ...state, hands: [...state.hands, { userId: actor.userId, name: actor.name, raisedAt: now }] });
    case 'hand.lower': {
      const userId = cmd.userId ?? actor.userId;
      if (userId !== actor.userId && !isFacilitator) return refuse('forbidden', "only facilitators lower someone else's hand");
      return done({ ...state, hands: state.hands.filter((h) => h.userId !== userId) });
    }
    case 'hands.clear':
      return done({ ...state, hands: [] });

    case 'reaction.send':
      return done(state, [{ type: 'reaction', userId: actor.userId, name: actor.name, reaction: cmd.reaction }], { quiet: true });

    case 'join.lock':
      return done({ ...state, joinLocked: cmd.locked });
    case 'participant.remove':
      if (cmd.userId === actor.userId) return refuse('invalid', 'you cannot remove yourself');
      return done(
        {
          ...state,
          hands: state.hands.filter((h) => h.userId !== cmd.userId),
          // Someone removed no longer presents: the wall goes back to the lead.
          ...(state.presenter?.userId === cmd.userId ? { presenter: null, presenting: false, viewport: null } : {}),
        },
        [{ type: 'removeParticipant', userId: cmd.userId }],
      );

    case 'question.ask': {
      const anonymous = cmd.anonymous === true;
      if (anonymous && !state.options.anonymousQuestions) return refuse('forbidden', 'anonymous questions are not open in this workshop');
      const questionId = ctx.newId();
      const author = anonymous ? { authorId: '', authorName: '' } : { authorId: actor.userId, authorName: actor.name };
      if (state.options.questionApproval && !isFacilitator) {
        if (state.heldQuestions.length >= MAX_HELD_QUESTIONS) return refuse('conflict', 'too many questions await approval: try again in a moment');
        const held = { id: questionId, projectId: cmd.projectId, text: cmd.text, ...author, anonymous, askedAt: now };
        return done({ ...state, heldQuestions: [...state.heldQuestions, held] }, [], { data: { questionId, pending: true }, quiet: true });
      }
      return done(state, [{ type: 'addQuestion', projectId: cmd.projectId, questionId, text: cmd.text, ...author, askedAt: now, anonymous }], {
        data: { questionId, pending: false },
        quiet: true,
      });
    }
    case 'question.upvote':
      return done(state, [{ type: 'upvoteQuestion', projectId: cmd.projectId, questionId: cmd.questionId, userId: actor.userId }], { quiet: true });
    case 'question.show':
      return done({ ...state, shownQuestion: cmd.questionId ? { projectId: cmd.projectId, questionId: cmd.questionId } : null });
    case 'question.answer': {
      const effects: Effect[] = [{ type: 'answerQuestion', projectId: cmd.projectId, questionId: cmd.questionId, answered: cmd.answered }];
      // An answered question leaves the wall.
      if (cmd.answered && isShown(state, cmd.projectId, cmd.questionId)) return done({ ...state, shownQuestion: null }, effects);
      return done(state, effects, { quiet: true });
    }
    case 'question.approve': {
      const held = state.heldQuestions.find((q) => q.id === cmd.questionId && q.projectId === cmd.projectId);
      if (!held) return refuse('conflict', 'this question is not awaiting approval');
      const { id, projectId, text, authorId, authorName, askedAt, anonymous } = held;
      return done(
        { ...state, heldQuestions: state.heldQuestions.filter((q) => q !== held) },
        [{ type: 'addQuestion', projectId, questionId: id, text, authorId, authorName, askedAt, anonymous }],
        { quiet: true },
      );
    }
    case 'question.hide': {
      const effects: Effect[] = [{ type: 'hideQuestion', projectId: cmd.projectId, questionId: cmd.questionId, hidden: cmd.hidden }];
      if (cmd.hidden && isShown(state, cmd.projectId, cmd.questionId)) return done({ ...state, shownQuestion: null }, effects);
      return done(state, effects, { quiet: true });
    }
    case 'question.delete': {
      // A question awaiting approval is only in the state; a published one is in the project's document.
      if (state.heldQuestions.some((q) => q.id === cmd.questionId && q.projectId === cmd.projectId)) {
        return done({ ...state, heldQuestions: state.heldQuestions.filter((q) => q.id !== cmd.questionId) }, [], { quiet: true });
      }
      const effects: Effect[] = [{ type: 'deleteQuestion', projectId: cmd.projectId, questionId: cmd.questionId }];
      if (isShown(state, cmd.projectId, cmd.questionId)) return done({ ...state, shownQuestion: null }, effects);
      return done(state, effects, { quiet: true });
    }

    case 'agenda.set':
      return done({ ...state, agenda: cmd.days, agendaStepId: currentAfterEdit(state.agenda, cmd.days, state.agendaStepId) });
    case 'agenda.next': {
      if (cmd.from !== undefined && cmd.from !== state.agendaStepId) return refuse('conflict', 'the agenda has moved on already');
      if (!state.agenda.some((d) => d.steps.length > 0)) return refuse('conflict', 'the agenda has no steps');
      const next = nextStep(state.agenda, state.agendaStepId);
      if (!next) return refuse('conflict', 'this was the last step of the agenda');
      return done(enterStep(state, next.step, now), [], { data: { stepId: next.step.id } });
    }
    case 'agenda.go': {
      const at = findStep(state.agenda, cmd.stepId);
      if (!at) return refuse('invalid', 'the agenda has no such step');
      return done(enterStep(state, at.step, now), [], { data: { stepId: at.step.id } });
    }
    case 'options.set':
      return done({
        ...state,
        options: {
          clearHandsOnStage: cmd.clearHandsOnStage ?? state.options.clearHandsOnStage,
          questionApproval: cmd.questionApproval ?? state.options.questionApproval,
          anonymousQuestions: cmd.anonymousQuestions ?? state.options.anonymousQuestions,
        },
      });
    case 'gather.set':
      return done({ ...state, gather: cmd.on ? now : null });
    case 'attachment.show':
      return done({ ...state, shownAttachment: cmd.attachmentId ? { projectId: cmd.projectId, attachmentId: cmd.attachmentId, page: cmd.page } : null });

    case 'present.set': {
      const presenter = isPresenter(state, actor);
      if (cmd.on) {
        if (!presenter) return refuse('forbidden', `${presenterName(state)} presents the wall: ask them to hand it over`);
        return done({ ...state, presenting: true });
      }
      if (!presenter && !actor.lead) return refuse('forbidden', 'only the presenter or the lead facilitator stops the presentation');
      // No view any more: the wall shows the whole board, followers stay where they are.
      return done({ ...state, presenting: false, viewport: null });
    }
    case 'presenter.set': {
      if (!isPresenter(state, actor) && !actor.lead) return refuse('forbidden', 'only the presenter or the lead facilitator hands the wall over');
      if (cmd.userId === null) return done({ ...state, presenter: null, presenting: false, viewport: null });
      const target = ctx.target;
      if (!target || target.userId !== cmd.userId || target.revoked) return refuse('invalid', 'this person is not in the workshop');
      if (target.role !== 'facilitator') return refuse('invalid', 'the wall can only be handed to a facilitator');
      // The new presenter starts presenting when ready; until then the wall shows the whole board.
      return done({ ...state, presenter: { userId: target.userId, name: target.name }, presenting: false, viewport: null });
    }
  }
  return assertNever(cmd);
}

const presenterName = (state: FacilitationState) => state.presenter?.name ?? 'the lead facilitator';

function assertNever(x: never): never {
  throw new Error(`unhandled command ${JSON.stringify(x)}`);
}
