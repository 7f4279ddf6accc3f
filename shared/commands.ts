import { z } from 'zod';
import { MAX_ATTACHMENT_PAGE, MAX_VOTE_BUDGET, PROJECTOR_MODES, REACTIONS, STAGES, WRITERS } from './facilitation';
import { duplicateAgendaId, MAX_AGENDA_DAYS, MAX_AGENDA_STEPS } from './agenda';
import { ID_PATTERN } from './ids';
import { MAX_QUESTION_LENGTH } from './schema';

/**
 * Facilitation commands, sent by clients over socket.io as the payload of the `command` event and
 * parsed by the server with `facilitationCommand`. One tagged union: one parser, one exhaustive switch.
 */

const id = z.string().regex(ID_PATTERN, 'must be an id');
const durationMs = z
  .number()
  .int()
  .min(0)
  .max(12 * 3_600_000);
const finite = z.number().finite();
/** Width or height of the canvas area a presenter sees, in canvas units. */
const worldSize = z.number().positive().max(1_000_000);

/** The programme's agenda, as the facilitator edits it (whole, so an edit is one atomic change). */
const agendaDays = z
  .array(
    z.object({
      id,
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
        .nullable(),
      steps: z.array(z.object({ id, stage: z.enum(STAGES), projectId: id.nullable(), durationMs })).max(MAX_AGENDA_STEPS),
    }),
  )
  .max(MAX_AGENDA_DAYS)
  .refine((days) => days.reduce((n, d) => n + d.steps.length, 0) <= MAX_AGENDA_STEPS, `at most ${MAX_AGENDA_STEPS} steps`)
  .refine((days) => duplicateAgendaId(days) === null, 'every day and step needs its own id');

export const facilitationCommand = z.discriminatedUnion('type', [
  // facilitators only
  z.object({ type: z.literal('stage.set'), stage: z.enum(STAGES), projectId: id.nullable().optional() }),
  z.object({ type: z.literal('focus.set'), projectId: id.nullable() }),
  z.object({
    type: z.literal('policy.set'),
    writers: z.enum(WRITERS).optional(),
    privateMode: z.boolean().optional(),
    projector: z.enum(PROJECTOR_MODES).optional(),
    chime: z.boolean().optional(),
  }),
  z.object({ type: z.literal('timer.start'), durationMs: durationMs.optional() }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.add'), ms: z.number().int().min(-3_600_000).max(3_600_000) }),
  z.object({ type: z.literal('timer.reset'), durationMs: durationMs.optional() }),
  z.object({
    type: z.literal('viewport.set'),
    projectId: id,
    viewport: z.object({ x: finite, y: finite, zoom: z.number().min(0.05).max(8), width: worldSize.optional(), height: worldSize.optional() }),
  }),
  z.object({ type: z.literal('spotlight.set'), spotlight: z.object({ projectId: id, noteId: id }).nullable() }),
  z.object({
    type: z.literal('vote.open'),
    projectId: id,
    budget: z.number().int().min(1).max(MAX_VOTE_BUDGET),
    perItemCap: z.number().int().min(1).max(MAX_VOTE_BUDGET).nullable().optional(),
  }),
  z.object({ type: z.literal('vote.close'), roundId: id }),
  z.object({ type: z.literal('vote.cancel'), roundId: id }),
  z.object({ type: z.literal('private.reveal'), projectId: id, anonymous: z.boolean() }),
  z.object({ type: z.literal('hands.clear') }),
  z.object({ type: z.literal('join.lock'), locked: z.boolean() }),
  z.object({ type: z.literal('participant.remove'), userId: id }),
  z.object({ type: z.literal('question.show'), projectId: id, questionId: id.nullable() }),
  z.object({ type: z.literal('question.answer'), projectId: id, questionId: id, answered: z.boolean() }),
  z.object({ type: z.literal('attachment.show'), projectId: id, attachmentId: id.nullable(), page: z.number().int().min(1).max(MAX_ATTACHMENT_PAGE) }),
  // everyone joined (votes: not viewers)
  z.object({ type: z.literal('vote.cast'), roundId: id, itemId: id, delta: z.union([z.literal(1), z.literal(-1)]) }),
  z.object({ type: z.literal('hand.raise') }),
  /** Lowers your own hand; a facilitator may name someone else's. */
  z.object({ type: z.literal('hand.lower'), userId: id.optional() }),
  z.object({ type: z.literal('reaction.send'), reaction: z.enum(REACTIONS) }),
  z.object({ type: z.literal('question.ask'), projectId: id, text: z.string().trim().min(1).max(MAX_QUESTION_LENGTH), anonymous: z.boolean().optional() }),
  z.object({ type: z.literal('question.upvote'), projectId: id, questionId: id }),
  // the presenter (or the lead facilitator, to stop or take back)
  /** The presenter starts or stops showing their view on the wall. */
  z.object({ type: z.literal('present.set'), on: z.boolean() }),
  /** Hands the wall to another facilitator; null gives it back to the lead facilitator. */
  z.object({ type: z.literal('presenter.set'), userId: id.nullable() }),
  // facilitators only: the agenda, the room's options, bringing everyone along, question moderation
  z.object({ type: z.literal('agenda.set'), days: agendaDays }),
  /** Applies the next step and starts its timer. `from`: the step the sender saw, so a double press cannot skip one. */
  z.object({ type: z.literal('agenda.next'), from: id.nullable().optional() }),
  z.object({ type: z.literal('agenda.go'), stepId: id }),
  z.object({
    type: z.literal('options.set'),
    clearHandsOnStage: z.boolean().optional(),
    questionApproval: z.boolean().optional(),
    anonymousQuestions: z.boolean().optional(),
  }),
  z.object({ type: z.literal('gather.set'), on: z.boolean() }),
  z.object({ type: z.literal('question.approve'), projectId: id, questionId: id }),
  z.object({ type: z.literal('question.hide'), projectId: id, questionId: id, hidden: z.boolean() }),
  z.object({ type: z.literal('question.delete'), projectId: id, questionId: id }),
]);

export type FacilitationCommand = z.infer<typeof facilitationCommand>;
export type CommandType = FacilitationCommand['type'];

/** Commands anyone joined may send; every other command is for facilitators only. */
export const PARTICIPANT_COMMANDS: ReadonlySet<CommandType> = new Set([
  'vote.cast',
  'hand.raise',
  'hand.lower',
  'reaction.send',
  'question.ask',
  'question.upvote',
]);

/** The project a command names, if any: it must be one of the workshop's projects. */
export function commandProjectId(command: FacilitationCommand): string | null {
  switch (command.type) {
    case 'stage.set':
      return command.projectId ?? null;
    case 'focus.set':
      return command.projectId;
    case 'spotlight.set':
      return command.spotlight?.projectId ?? null;
    case 'viewport.set':
    case 'vote.open':
    case 'private.reveal':
    case 'question.show':
    case 'question.answer':
    case 'question.ask':
    case 'question.upvote':
    case 'question.approve':
    case 'question.hide':
    case 'question.delete':
    case 'attachment.show':
      return command.projectId;
    default:
      return null;
  }
}
