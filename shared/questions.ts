import type { QuestionView } from './schema';

/**
 * Which audience questions each screen shows (Slido-like moderation). Questions awaiting approval are
 * never in a document (the server holds them); hidden ones are, but only facilitators are shown
 * them; answered ones leave the live list for an archive, and the wall.
 */

export interface QuestionLists {
  /** Not answered yet: the live list. */
  open: QuestionView[];
  /** Answered: out of the way, still readable. */
  archive: QuestionView[];
}

export function questionLists(questions: readonly QuestionView[], facilitator: boolean): QuestionLists {
  const seen = facilitator ? questions : questions.filter((q) => !q.hidden);
  return { open: seen.filter((q) => !q.answered), archive: seen.filter((q) => q.answered) };
}

/** What the wall may list or show: neither hidden nor answered. */
export function wallQuestions(questions: readonly QuestionView[]): QuestionView[] {
  return questions.filter((q) => !q.hidden && !q.answered);
}
