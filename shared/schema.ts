import * as Y from 'yjs';
import type { VoteResults } from './facilitation';
import { type ProjectRecord, readRecord } from './projectRecord';

/**
 * The shape of Croisée's Yjs documents, and typed read access to them.
 *
 * Workshop document (room `<workshopId>`):
 *   meta:       Y.Map  { title: string, createdAt: number }
 *   themes:     Y.Map<themeId, Y.Map { id, name, order }>
 *   projects:   Y.Map<projectId, Y.Map { id, name, commune, themeId, order, createdAt, ...record fields }>
 *               (the project record: description, objectives, budget… — projectRecord.ts)
 *   taxonomy:   Y.Map<tagId, Y.Map { id, fr, en, order }>                         (taxonomy.ts)
 *   challenges: Y.Map<id, Y.Map { id, title, description, themeId, createdBy, createdAt, source,
 *               links: Y.Map<key, {projectId, noteId|null}>, voters: Y.Map<userId, true>,
 *               dots: Y.Map<roundId, number>, mergedInto, mergedAt }>             (challenges.ts)
 *   panels:     Y.Map<projectId, Y.Map<userId, { name, community }>>  (expert panels; panels.ts)
 *
 * Project canvas document (room `<workshopId>.<projectId>`; private drafts have the same shape):
 *   notes:     Y.Map<noteId, Y.Map { id, text: Y.Text, x, y, kind, authorId, authorName, createdAt,
 *                                     tags: Y.Map<tagId, true>, clusterId? }>
 *   clusters:  Y.Map<id, Y.Map { id, name, x, y, width, height, createdAt }>        (clusters.ts)
 *   comments:  Y.Map<id, Y.Map { id, target, text, authorId, authorName, authorRole,
 *                                authorCommunity, createdAt, editedAt }>; threads: Y.Map<target,
 *                                { resolved, by, at }>                               (comments.ts)
 *   partners:  Y.Map<id, Y.Map { id, name, organisation, partnerType, offers, description, consent,
 *                                contact?, declaredBy, createdAt }>                  (partners.ts)
 *   questions: Y.Map<questionId, Y.Map { id, text, authorId, authorName, askedAt, answered,
 *                                        upvoters: Y.Map<userId, true>, hidden?, anonymous? }>   (audience questions)
 *   votes:     Y.Map<roundId, VoteResults>   (dot-voting results, written by the server at close)
 *
 * Every entity is a nested Y.Map so concurrent edits of different fields (one person drags a note
 * while another changes its kind) both survive; note text is a Y.Text for character-level merging.
 * Changes go through `operations.ts`; this file only names and reads.
 */

export const NOTE_KINDS = ['idea', 'technology', 'need', 'risk', 'question'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const ROLES = ['facilitator', 'commune', 'expert', 'viewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];
/** Roles a person can pick when joining; facilitators hold the workshop's facilitator token. */
export const JOIN_ROLES = ['commune', 'expert', 'viewer', 'partner'] as const;
export type JoinRole = (typeof JOIN_ROLES)[number];

export const COMMUNITIES = ['maker', 'researcher', 'company'] as const;
export type Community = (typeof COMMUNITIES)[number];

/** Canvas units. Notes have a fixed size so layouts stay legible on a projector. */
export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 150;
export const MAX_NOTE_TEXT = 2000;
export const MAX_TITLE = 200;
export const MAX_QUESTION_LENGTH = 280;
/** Positions are clamped so a mistaken drag cannot throw a note to infinity. */
export const CANVAS_LIMIT = 100_000;

export interface ThemeView {
  id: string;
  name: string;
  order: number;
}

export interface ProjectView {
  id: string;
  name: string;
  commune: string;
  themeId: string | null;
  order: number;
  createdAt: number;
  /** What the commune states for its application (empty fields for older workshops). */
  record: ProjectRecord;
}

export interface WorkshopView {
  title: string;
  createdAt: number;
  themes: ThemeView[];
  projects: ProjectView[];
}

export interface NoteView {
  id: string;
  text: string;
  x: number;
  y: number;
  kind: NoteKind;
  authorId: string;
  authorName: string;
  /** The author's role and community when the note was written (null on notes from before they were recorded). */
  authorRole: Role | null;
  authorCommunity: Community | null;
  createdAt: number;
  /**
   * Revealed without its author's name: shown as "Anonyme", "Anoniem"… in the reader's language.
   * A flag, never a stored word (older notes stored the French word "Anonyme" with no author id).
   */
  anonymous: boolean;
}

/** What notes revealed anonymously before the flag existed hold as their author's name. */
export const LEGACY_ANONYMOUS_NAME = 'Anonyme';

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const themesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('themes');
export const projectsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('projects');
export const notesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
export const questionsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('questions');
export const votesMap = (doc: Y.Doc) => doc.getMap<VoteResults>('votes');

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function isNoteKind(v: unknown): v is NoteKind {
  return typeof v === 'string' && (NOTE_KINDS as readonly string[]).includes(v);
}

export function readTheme(m: Y.Map<unknown>): ThemeView {
  return { id: str(m.get('id')), name: str(m.get('name')), order: num(m.get('order')) };
}

export function readProject(m: Y.Map<unknown>): ProjectView {
  const themeId = m.get('themeId');
  return {
    id: str(m.get('id')),
    name: str(m.get('name')),
    commune: str(m.get('commune')),
    themeId: typeof themeId === 'string' ? themeId : null,
    order: num(m.get('order')),
    createdAt: num(m.get('createdAt')),
    record: readRecord(m),
  };
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || a.id.localeCompare(b.id);

export function readWorkshop(doc: Y.Doc): WorkshopView {
  const meta = metaMap(doc);
  return {
    title: str(meta.get('title')),
    createdAt: num(meta.get('createdAt')),
    themes: [...themesMap(doc).values()].map(readTheme).sort(byOrder),
    projects: [...projectsMap(doc).values()].map(readProject).sort(byOrder),
  };
}

export function noteText(note: Y.Map<unknown>): Y.Text | null {
  const text = note.get('text');
  return text instanceof Y.Text ? text : null;
}

export function readNote(m: Y.Map<unknown>): NoteView {
  const kind = m.get('kind');
  return {
    id: str(m.get('id')),
    text: noteText(m)?.toString() ?? '',
    x: num(m.get('x')),
    y: num(m.get('y')),
    kind: isNoteKind(kind) ? kind : 'idea',
    authorId: str(m.get('authorId')),
    authorName: str(m.get('authorName')),
    authorRole: ROLES.find((r) => r === m.get('authorRole')) ?? null,
    authorCommunity: COMMUNITIES.find((c) => c === m.get('authorCommunity')) ?? null,
    createdAt: num(m.get('createdAt')),
    anonymous: m.get('anonymous') === true || (m.get('authorId') === '' && m.get('authorName') === LEGACY_ANONYMOUS_NAME),
  };
}

/** The name to show as a note's author: the reader's word for "anonymous" when it was revealed so. */
export const noteAuthorLabel = (note: Pick<NoteView, 'authorName' | 'anonymous'>, anonymousLabel: string) =>
  note.anonymous ? anonymousLabel : note.authorName;

/** Notes in creation order, so later notes stack above earlier ones. */
export function readNotes(doc: Y.Doc): NoteView[] {
  return [...notesMap(doc).values()].map(readNote).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface QuestionView {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  askedAt: number;
  answered: boolean;
  upvoters: string[];
  /** Moderated out of sight: facilitators still see it, nobody else does. */
  hidden: boolean;
  /** Asked without a name. */
  anonymous: boolean;
}

export function readQuestion(m: Y.Map<unknown>): QuestionView {
  const upvoters = m.get('upvoters');
  return {
    id: str(m.get('id')),
    text: str(m.get('text')),
    authorId: str(m.get('authorId')),
    authorName: str(m.get('authorName')),
    askedAt: num(m.get('askedAt')),
    answered: m.get('answered') === true,
    upvoters: upvoters instanceof Y.Map ? [...upvoters.keys()].sort() : [],
    hidden: m.get('hidden') === true,
    anonymous: m.get('anonymous') === true,
  };
}

/** Open questions first, then by upvotes, then oldest first. */
export function readQuestions(doc: Y.Doc): QuestionView[] {
  return [...questionsMap(doc).values()]
    .map(readQuestion)
    .sort((a, b) => Number(a.answered) - Number(b.answered) || b.upvoters.length - a.upvoters.length || a.askedAt - b.askedAt);
}

/** The most recently closed vote round of the project, if any. */
export function readLatestVotes(doc: Y.Doc): VoteResults | null {
  let latest: VoteResults | null = null;
  for (const results of votesMap(doc).values()) {
    if (results && typeof results === 'object' && (!latest || results.closedAt > latest.closedAt)) latest = results;
  }
  return latest;
}
