import type { Agenda } from './agenda';
import type { Community, Role } from './schema';

/**
 * The facilitation state of one workshop and the rules that change it. The server owns this state;
 * clients receive a public projection of it (`publicFacilitation`) and send commands
 * (`FacilitationCommand` in commands.ts), which `applyCommand` (server) checks and applies.
 * Everything here is pure: time comes in as `now` (server epoch milliseconds).
 */

export const STAGES = ['lobby', 'reverse-pitch', 'exchange', 'ideation', 'pitch', 'break', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** Who may change the canvases: everyone who can write, or facilitators only (while someone presents). */
export const WRITERS = ['everyone', 'facilitators'] as const;
export type Writers = (typeof WRITERS)[number];

/**
 * What the projector wall shows. `canvas`: the presenter's view while someone presents, else the whole
 * board of the project in focus; `board`: always the whole board; `questions`: the audience question;
 * `ranking`: the vote ranking; `challenges`: the common challenges; `summary`: the focused project's
 * summary for the public pitch; `join`: the QR code and join code, full screen.
 */
export const PROJECTOR_MODES = ['overview', 'canvas', 'questions', 'timer', 'board', 'ranking', 'challenges', 'summary', 'join'] as const;
export type ProjectorMode = (typeof PROJECTOR_MODES)[number];

/** Reactions anyone can send (shown briefly on the projector). */
export const REACTIONS = ['👍', '❤️', '💡', '👏', '😮', '❓'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const MAX_VOTE_BUDGET = 50;

export interface StageDefaults {
  durationMs: number;
  writers: Writers;
  privateMode: boolean;
  projector: ProjectorMode;
}

const MIN = 60_000;

/**
 * Defaults of each stage of the "Regards croisés" programme; the facilitator can override each of
 * them afterwards. Reverse pitch: the commune presents (15 min) while people note first ideas;
 * exchange: everyone adds; ideation: two hours per project; pitch: public presentation with
 * audience questions; break and closed freeze the canvases.
 */
export const STAGE_DEFAULTS: Record<Stage, StageDefaults> = {
  lobby: { durationMs: 0, writers: 'everyone', privateMode: false, projector: 'overview' },
  'reverse-pitch': { durationMs: 15 * MIN, writers: 'everyone', privateMode: false, projector: 'canvas' },
  exchange: { durationMs: 30 * MIN, writers: 'everyone', privateMode: false, projector: 'canvas' },
  ideation: { durationMs: 120 * MIN, writers: 'everyone', privateMode: false, projector: 'canvas' },
  pitch: { durationMs: 10 * MIN, writers: 'facilitators', privateMode: false, projector: 'questions' },
  break: { durationMs: 15 * MIN, writers: 'facilitators', privateMode: false, projector: 'timer' },
  closed: { durationMs: 0, writers: 'facilitators', privateMode: false, projector: 'overview' },
};

export type TimerState =
  | { status: 'idle'; durationMs: number }
  | { status: 'running'; durationMs: number; deadline: number }
  | { status: 'paused'; durationMs: number; remainingMs: number };

/** Milliseconds left (0 when elapsed), as the server computes it at `now`. */
export function timerRemaining(timer: TimerState, now: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'running':
      return Math.max(0, timer.deadline - now);
    case 'paused':
      return timer.remainingMs;
  }
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Where the facilitator is looking: which project, and its pan/zoom. */
export interface FacilitatorView extends Viewport {
  projectId: string;
  /**
   * The canvas area the presenter sees, in canvas units (absent from older clients): the wall shows
   * exactly this rectangle, fitted to its own aspect ratio.
   */
  width?: number;
  height?: number;
}

export interface Spotlight {
  projectId: string;
  noteId: string;
}

export interface RaisedHand {
  userId: string;
  name: string;
  raisedAt: number;
}

/**
 * The group a vote is counted under in results: the expert's community, or the role for others.
 */
export const VOTER_GROUPS = ['commune', 'maker', 'researcher', 'company', 'facilitator'] as const;
export type VoterGroup = (typeof VOTER_GROUPS)[number];

export function voterGroup(role: Role, community: Community | null): VoterGroup | null {
  switch (role) {
    case 'expert':
      return community ?? null;
    case 'commune':
    case 'facilitator':
      return role;
    case 'viewer':
    // Partners and funders (networking day) declare interest; they do not weigh in the communes' votes.
    case 'partner':
      return null;
  }
}

export type GroupCounts = Record<VoterGroup, number>;
export const emptyGroupCounts = (): GroupCounts => ({ commune: 0, maker: 0, researcher: 0, company: 0, facilitator: 0 });

export interface VoteItemResult {
  itemId: string;
  total: number;
  byGroup: GroupCounts;
}

export interface VoteResults {
  roundId: string;
  projectId: string;
  voters: number;
  votersByGroup: GroupCounts;
  items: VoteItemResult[];
  closedAt: number;
}

/** A dot-voting round over the notes of one project. Ballots stay on the server until it closes. */
export type VoteRound =
  | {
      status: 'open';
      id: string;
      projectId: string;
      budget: number;
      perItemCap: number | null;
      openedAt: number;
      /** userId → noteId → dots */
      ballots: Record<string, Record<string, number>>;
      groups: Record<string, VoterGroup>;
    }
  | {
      status: 'closed';
      id: string;
      projectId: string;
      budget: number;
      perItemCap: number | null;
      openedAt: number;
      results: VoteResults;
    };

export interface FacilitationState {
  stage: Stage;
  /** The project in focus (what the projector and "follow me" show). */
  projectId: string | null;
  writers: Writers;
  privateMode: boolean;
  projector: ProjectorMode;
  timer: TimerState;
  chime: boolean;
  /** The facilitator's project and viewport, for follow-me. */
  viewport: FacilitatorView | null;
  spotlight: Spotlight | null;
  vote: VoteRound | null;
  hands: RaisedHand[];
  joinLocked: boolean;
  /** The audience question shown on the projector during a pitch. */
  shownQuestion: { projectId: string; questionId: string } | null;
  /** The attachment page shown on the projector (a commune's slides during the reverse pitch). */
  shownAttachment: ShownAttachment | null;
  /** Who drives the wall's view; null: the lead facilitator (the workshop's creator). */
  presenter: Presenter | null;
  /** The presenter shares their view now: the wall (in `canvas` mode) and followers show it. */
  presenting: boolean;
  /** The programme (days of steps) and the step the room is at. */
  agenda: Agenda;
  agendaStepId: string | null;
  options: RoomOptions;
  /** "Bring everyone to me": when it was last asked (each ask brings everyone again), or null. */
  gather: number | null;
  /** Questions awaiting approval: kept by the server, in no document until a facilitator approves. */
  heldQuestions: HeldQuestion[];
}

export interface Presenter {
  userId: string;
  name: string;
}

/**
 * Whether this person drives the wall: the facilitator it was handed to, or by default the lead
 * facilitator. One presenter at a time, so a co-facilitator panning on a laptop never moves the wall.
 */
export function isPresenter(state: Pick<FacilitationState, 'presenter'>, who: { userId: string; role: Role; lead?: boolean }): boolean {
  if (who.role !== 'facilitator') return false;
  return state.presenter ? state.presenter.userId === who.userId : who.lead === true;
}

/** How the facilitator runs the room. */
export interface RoomOptions {
  /** Raised hands are lowered when the stage changes (a new step is a new conversation). */
  clearHandsOnStage: boolean;
  /** Participants' questions wait for a facilitator's approval before anyone else sees them. */
  questionApproval: boolean;
  /** Participants may ask without their name. */
  anonymousQuestions: boolean;
}

export const DEFAULT_ROOM_OPTIONS: RoomOptions = { clearHandsOnStage: true, questionApproval: false, anonymousQuestions: false };

/** At most this many questions wait for approval in a workshop (the state is stored on every command). */
export const MAX_HELD_QUESTIONS = 100;

export interface HeldQuestion {
  id: string;
  projectId: string;
  text: string;
  /** Empty for an anonymous question: not even facilitators learn who asked. */
  authorId: string;
  authorName: string;
  anonymous: boolean;
  askedAt: number;
}

/** "The wall shows attachment X, page N" (page 1 for an image). */
export interface ShownAttachment {
  projectId: string;
  attachmentId: string;
  page: number;
}

/** Longest PDF a page number may point into (a bound for the command, not a limit on files). */
export const MAX_ATTACHMENT_PAGE = 10_000;

export function initialFacilitation(): FacilitationState {
  const d = STAGE_DEFAULTS.lobby;
  return {
    stage: 'lobby',
    projectId: null,
    writers: d.writers,
    privateMode: d.privateMode,
    projector: d.projector,
    timer: { status: 'idle', durationMs: d.durationMs },
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
    options: { ...DEFAULT_ROOM_OPTIONS },
    gather: null,
    heldQuestions: [],
  };
}

/**
 * What every client sees of a vote round: while open, only how many have voted (each voter gets their
 * own ballot separately); totals only once the facilitator closes it.
 */
export type PublicVoteRound =
  | { status: 'open'; id: string; projectId: string; budget: number; perItemCap: number | null; voters: number }
  | { status: 'closed'; id: string; projectId: string; budget: number; perItemCap: number | null; results: VoteResults };

export interface PublicFacilitation extends Omit<FacilitationState, 'vote' | 'heldQuestions'> {
  vote: PublicVoteRound | null;
  /** Server clock when this was sent, so clients show the timer from the server's time. */
  serverNow: number;
}

/** The same for everyone in the workshop, so it is encoded once per broadcast. */
export function publicFacilitation(state: FacilitationState, now: number): PublicFacilitation {
  // Held questions go to facilitators only (see `heldQuestions` events).
  const { vote, heldQuestions: _held, ...rest } = state;
  let publicVote: PublicVoteRound | null = null;
  if (vote?.status === 'open') {
    const { id, projectId, budget, perItemCap } = vote;
    const voters = Object.values(vote.ballots).filter((ballot) => Object.values(ballot).some((dots) => dots > 0)).length;
    publicVote = { status: 'open', id, projectId, budget, perItemCap, voters };
  } else if (vote?.status === 'closed') {
    const { id, projectId, budget, perItemCap, results } = vote;
    publicVote = { status: 'closed', id, projectId, budget, perItemCap, results };
  }
  return { ...rest, vote: publicVote, serverNow: now };
}

/** A voter's own ballot in the open round. */
export interface MyBallot {
  roundId: string;
  votes: Record<string, number>;
  remaining: number;
}

/** Whether a principal may change canvas documents under the current policy. */
export function mayWriteCanvas(role: Role, state: Pick<FacilitationState, 'writers'>): boolean {
  if (role === 'viewer') return false;
  if (role === 'facilitator') return true;
  return state.writers === 'everyone';
}

/** Totals of a round's ballots, with the breakdown by group. Items in descending order of dots. */
export function tallyVotes(round: Extract<VoteRound, { status: 'open' }>, closedAt: number): VoteResults {
  const items = new Map<string, VoteItemResult>();
  const votersByGroup = emptyGroupCounts();
  let voters = 0;
  for (const [userId, ballot] of Object.entries(round.ballots)) {
    const group = round.groups[userId];
    if (!group) continue;
    let cast = false;
    for (const [itemId, dots] of Object.entries(ballot)) {
      if (dots <= 0) continue;
      cast = true;
      const item = items.get(itemId) ?? { itemId, total: 0, byGroup: emptyGroupCounts() };
      item.total += dots;
      item.byGroup[group] += dots;
      items.set(itemId, item);
    }
    if (cast) {
      voters++;
      votersByGroup[group]++;
    }
  }
  return {
    roundId: round.id,
    projectId: round.projectId,
    voters,
    votersByGroup,
    items: [...items.values()].sort((a, b) => b.total - a.total || a.itemId.localeCompare(b.itemId)),
    closedAt,
  };
}
