import * as Y from 'yjs';
import {
  CANVAS_LIMIT,
  MAX_NOTE_TEXT,
  MAX_QUESTION_LENGTH,
  MAX_TITLE,
  type Community,
  type NoteKind,
  type Role,
  isNoteKind,
  metaMap,
  noteText,
  notesMap,
  projectsMap,
  readNote,
  questionsMap,
  votesMap,
  type NoteView,
  themesMap,
} from './schema';
import { diffText, truncate } from './textDiff';
import { Occupancy, nearestFreeSpot } from './placement';
import type { VoteResults } from './facilitation';

/**
 * Every change to a Croisée document, as a pure function `(doc, args)` that runs in one transaction.
 * Ids and timestamps come in as arguments so the functions stay deterministic and testable.
 * Operations on something that no longer exists (deleted by someone else a moment ago) are no-ops
 * returning false: in a live room that is a normal race, not an error.
 */

const clampCoord = (v: number) => Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0));
const cleanTitle = (s: string) => truncate(s.trim(), MAX_TITLE).trim();

// ---- workshop document ------------------------------------------------------------------------

export interface ThemeInit {
  id: string;
  name: string;
}

export function initWorkshop(doc: Y.Doc, args: { title: string; createdAt: number; themes: ThemeInit[] }): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('title', cleanTitle(args.title));
    meta.set('createdAt', args.createdAt);
    args.themes.forEach((theme, order) => addThemeIn(doc, { ...theme, order }));
  });
}

function addThemeIn(doc: Y.Doc, args: { id: string; name: string; order: number }): void {
  const theme = new Y.Map<unknown>();
  theme.set('id', args.id);
  theme.set('name', cleanTitle(args.name));
  theme.set('order', args.order);
  themesMap(doc).set(args.id, theme);
}

export function addTheme(doc: Y.Doc, args: { id: string; name: string }): void {
  doc.transact(() => {
    const order = Math.max(-1, ...[...themesMap(doc).values()].map((t) => Number(t.get('order')) || 0)) + 1;
    addThemeIn(doc, { ...args, order });
  });
}

export function renameWorkshop(doc: Y.Doc, title: string): void {
  doc.transact(() => metaMap(doc).set('title', cleanTitle(title)));
}

export function addProject(doc: Y.Doc, args: { id: string; name: string; commune?: string; themeId: string | null; createdAt: number }): void {
  doc.transact(() => {
    const projects = projectsMap(doc);
    const order = Math.max(-1, ...[...projects.values()].map((p) => Number(p.get('order')) || 0)) + 1;
    const project = new Y.Map<unknown>();
    project.set('id', args.id);
    project.set('name', cleanTitle(args.name));
    project.set('commune', cleanTitle(args.commune ?? ''));
    project.set('themeId', args.themeId);
    project.set('order', order);
    project.set('createdAt', args.createdAt);
    projects.set(args.id, project);
  });
}

function updateProject(doc: Y.Doc, id: string, change: (p: Y.Map<unknown>) => void): boolean {
  const project = projectsMap(doc).get(id);
  if (!project) return false;
  doc.transact(() => change(project));
  return true;
}

export const renameProject = (doc: Y.Doc, id: string, name: string) => updateProject(doc, id, (p) => p.set('name', cleanTitle(name)));

export const setProjectCommune = (doc: Y.Doc, id: string, commune: string) => updateProject(doc, id, (p) => p.set('commune', cleanTitle(commune)));

export function setProjectTheme(doc: Y.Doc, id: string, themeId: string | null): boolean {
  if (themeId !== null && !themesMap(doc).has(themeId)) return false;
  return updateProject(doc, id, (p) => p.set('themeId', themeId));
}

export function removeProject(doc: Y.Doc, id: string): boolean {
  const projects = projectsMap(doc);
  if (!projects.has(id)) return false;
  doc.transact(() => projects.delete(id));
  return true;
}

// ---- project canvas document ------------------------------------------------------------------

export interface NoteInit {
  id: string;
  x: number;
  y: number;
  kind: NoteKind;
  text?: string;
  authorId: string;
  authorName: string;
  /** Recorded so filters and reports know who wrote it after the author has left (checked by the server). */
  authorRole?: Role | null;
  authorCommunity?: Community | null;
  createdAt: number;
  /** Revealed without its author (schema.ts, NoteView.anonymous). */
  anonymous?: boolean;
}

export function addNote(doc: Y.Doc, args: NoteInit): void {
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('id', args.id);
    note.set('text', new Y.Text(truncate(args.text ?? '', MAX_NOTE_TEXT)));
    note.set('x', clampCoord(args.x));
    note.set('y', clampCoord(args.y));
    note.set('kind', isNoteKind(args.kind) ? args.kind : 'idea');
    note.set('authorId', args.authorId);
    note.set('authorName', args.authorName);
    if (args.authorRole) note.set('authorRole', args.authorRole);
    if (args.authorRole && args.authorCommunity !== undefined) note.set('authorCommunity', args.authorCommunity);
    note.set('createdAt', args.createdAt);
    if (args.anonymous) note.set('anonymous', true);
    // Created with the note: two people adding the first tag at once must not each create the map.
    note.set('tags', new Y.Map<boolean>());
    notesMap(doc).set(args.id, note);
  });
}

function updateNote(doc: Y.Doc, id: string, change: (n: Y.Map<unknown>) => void): boolean {
  const note = notesMap(doc).get(id);
  if (!note) return false;
  doc.transact(() => change(note));
  return true;
}

export const moveNote = (doc: Y.Doc, id: string, x: number, y: number) =>
  updateNote(doc, id, (n) => {
    n.set('x', clampCoord(x));
    n.set('y', clampCoord(y));
  });

export const setNoteKind = (doc: Y.Doc, id: string, kind: NoteKind) => isNoteKind(kind) && updateNote(doc, id, (n) => n.set('kind', kind));

/**
 * Makes the note's text equal `text` with the smallest splice, so concurrent typing by others
 * elsewhere in the same note is kept.
 */
export function setNoteText(doc: Y.Doc, id: string, text: string): boolean {
  const note = notesMap(doc).get(id);
  const ytext = note && noteText(note);
  if (!ytext) return false;
  const splice = diffText(ytext.toString(), truncate(text, MAX_NOTE_TEXT));
  if (!splice) return true;
  doc.transact(() => {
    if (splice.remove > 0) ytext.delete(splice.index, splice.remove);
    if (splice.insert) ytext.insert(splice.index, splice.insert);
  });
  return true;
}

export function deleteNote(doc: Y.Doc, id: string): boolean {
  const notes = notesMap(doc);
  if (!notes.has(id)) return false;
  doc.transact(() => notes.delete(id));
  return true;
}

/**
 * Copies private drafts into the shared canvas (same ids, so revealing twice cannot duplicate),
 * optionally without their authors' names. Each draft lands where its author put it, or — when
 * that spot is taken (several people wrote at the same place) — at the nearest free one: revealed
 * notes never cover each other or the board's notes.
 */
export function revealNotes(doc: Y.Doc, drafts: NoteView[], args: { anonymous: boolean }): number {
  const notes = notesMap(doc);
  let added = 0;
  doc.transact(() => {
    const occupied = new Occupancy([...notes.values()].map((m) => readNote(m)));
    for (const draft of drafts) {
      if (notes.has(draft.id)) continue;
      const spot = nearestFreeSpot(draft, occupied);
      occupied.add(spot);
      addNote(doc, {
        ...draft,
        x: spot.x,
        y: spot.y,
        authorId: args.anonymous ? '' : draft.authorId,
        authorName: args.anonymous ? '' : draft.authorName,
        anonymous: args.anonymous,
        // Anonymous means anonymous: the role or community could point at the one expert in the room.
        authorRole: args.anonymous ? null : draft.authorRole,
        authorCommunity: args.anonymous ? null : draft.authorCommunity,
      });
      added++;
    }
  });
  return added;
}

export function clearNotes(doc: Y.Doc): void {
  const notes = notesMap(doc);
  doc.transact(() => {
    for (const id of [...notes.keys()]) notes.delete(id);
  });
}

// ---- audience questions and vote results (written by the server) -------------------------------

/** `anonymous`: asked without a name (authorId and authorName are then empty). */
export function addQuestion(doc: Y.Doc, args: { id: string; text: string; authorId: string; authorName: string; askedAt: number; anonymous?: boolean }): void {
  doc.transact(() => {
    const q = new Y.Map<unknown>();
    q.set('id', args.id);
    q.set('text', truncate(args.text.trim(), MAX_QUESTION_LENGTH).trim());
    q.set('authorId', args.authorId);
    q.set('authorName', args.authorName);
    q.set('askedAt', args.askedAt);
    q.set('answered', false);
    if (args.anonymous) q.set('anonymous', true);
    q.set('upvoters', new Y.Map<boolean>());
    questionsMap(doc).set(args.id, q);
  });
}

/** One upvote per person; a second call takes it back. Returns false for an unknown question. */
export function toggleQuestionUpvote(doc: Y.Doc, questionId: string, userId: string): boolean {
  const upvoters = questionsMap(doc).get(questionId)?.get('upvoters');
  if (!(upvoters instanceof Y.Map)) return false;
  doc.transact(() => {
    if (upvoters.has(userId)) upvoters.delete(userId);
    else upvoters.set(userId, true);
  });
  return true;
}

export function setQuestionAnswered(doc: Y.Doc, questionId: string, answered: boolean): boolean {
  const q = questionsMap(doc).get(questionId);
  if (!q) return false;
  doc.transact(() => q.set('answered', answered));
  return true;
}

/** Hidden questions stay in the document for facilitators; nobody else is shown them. */
export function setQuestionHidden(doc: Y.Doc, questionId: string, hidden: boolean): boolean {
  const q = questionsMap(doc).get(questionId);
  if (!q) return false;
  doc.transact(() => q.set('hidden', hidden));
  return true;
}

export function deleteQuestion(doc: Y.Doc, questionId: string): boolean {
  if (!questionsMap(doc).has(questionId)) return false;
  doc.transact(() => questionsMap(doc).delete(questionId));
  return true;
}

export function recordVoteResults(doc: Y.Doc, results: VoteResults): void {
  doc.transact(() => votesMap(doc).set(results.roundId, results));
}
