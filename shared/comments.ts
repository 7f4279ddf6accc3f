import * as Y from 'yjs';
import { type Community, type Role, COMMUNITIES, ROLES, notesMap } from './schema';
import { clustersMap } from './clusters';
import { truncate } from './textDiff';

/**
 * Expert annotations: comment threads on a note, a cluster or the whole project.
 *
 * Project document:
 *   comments: Y.Map<commentId, Y.Map { id, target, text, authorId, authorName, authorRole,
 *                                      authorCommunity, createdAt, editedAt }>
 *   threads:  Y.Map<target, { resolved, by, at }>   (only threads that were resolved or reopened)
 *
 * `target` is a thread key: `note:<noteId>`, `cluster:<clusterId>` or `project`. Comments are kept
 * flat (one nested map each) so two experts replying at once both land in the thread; a thread's
 * resolution is one fact, replaced as a whole (last writer wins).
 */

export const MAX_COMMENT = 2000;

export type CommentTarget = { type: 'note'; id: string } | { type: 'cluster'; id: string } | { type: 'project' };

export interface CommentAuthor {
  authorId: string;
  authorName: string;
  authorRole: Role;
  authorCommunity: Community | null;
}

export interface CommentView extends CommentAuthor {
  id: string;
  target: string;
  text: string;
  createdAt: number;
  editedAt: number | null;
}

export interface ThreadView {
  target: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: number | null;
  /** Oldest first. */
  comments: CommentView[];
}

interface ThreadState {
  resolved: boolean;
  by: string;
  at: number;
}

export const commentsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('comments');
export const threadsMap = (doc: Y.Doc) => doc.getMap<ThreadState>('threads');

export function targetKey(target: CommentTarget): string {
  return target.type === 'project' ? 'project' : `${target.type}:${target.id}`;
}

export function parseTargetKey(key: string): CommentTarget | null {
  if (key === 'project') return { type: 'project' };
  const [type, id, ...rest] = key.split(':');
  if (rest.length > 0 || !id) return null;
  return type === 'note' || type === 'cluster' ? { type, id } : null;
}

function targetExists(doc: Y.Doc, target: CommentTarget): boolean {
  if (target.type === 'note') return notesMap(doc).has(target.id);
  if (target.type === 'cluster') return clustersMap(doc).has(target.id);
  return true;
}

const cleanText = (s: string) => truncate(s.trim(), MAX_COMMENT).trim();

/**
 * Adds a comment; replying to a resolved thread reopens it (the reply is new business). False when
 * the note or cluster is gone or the text is empty.
 */
export function addComment(
  doc: Y.Doc,
  args: CommentAuthor & { id: string; target: CommentTarget; text: string; createdAt: number },
  origin?: unknown,
): boolean {
  const text = cleanText(args.text);
  if (!text || !targetExists(doc, args.target)) return false;
  const key = targetKey(args.target);
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    c.set('id', args.id);
    c.set('target', key);
    c.set('text', text);
    c.set('authorId', args.authorId);
    c.set('authorName', args.authorName);
    c.set('authorRole', args.authorRole);
    c.set('authorCommunity', args.authorRole === 'expert' ? args.authorCommunity : null);
    c.set('createdAt', args.createdAt);
    c.set('editedAt', null);
    commentsMap(doc).set(args.id, c);
    if (threadsMap(doc).get(key)?.resolved) threadsMap(doc).set(key, { resolved: false, by: args.authorId, at: args.createdAt });
  }, origin);
  return true;
}

/** Only the author edits a comment; false otherwise, or when it is gone or the text is empty. */
export function editComment(doc: Y.Doc, args: { id: string; userId: string; text: string; editedAt: number }, origin?: unknown): boolean {
  const c = commentsMap(doc).get(args.id);
  const text = cleanText(args.text);
  if (!c || c.get('authorId') !== args.userId || !text) return false;
  doc.transact(() => {
    c.set('text', text);
    c.set('editedAt', args.editedAt);
  }, origin);
  return true;
}

/** The author deletes their own comment; a facilitator (`moderator`) may delete any. */
export function deleteComment(doc: Y.Doc, args: { id: string; userId: string; moderator?: boolean }, origin?: unknown): boolean {
  const comments = commentsMap(doc);
  const c = comments.get(args.id);
  if (!c || (c.get('authorId') !== args.userId && !args.moderator)) return false;
  doc.transact(() => comments.delete(args.id), origin);
  return true;
}

function setResolved(doc: Y.Doc, target: CommentTarget, resolved: boolean, by: string, at: number, origin: unknown): boolean {
  const key = targetKey(target);
  const hasComments = [...commentsMap(doc).values()].some((c) => c.get('target') === key);
  if (!hasComments) return false;
  doc.transact(() => threadsMap(doc).set(key, { resolved, by, at }), origin);
  return true;
}

/** False for a thread without comments. */
export const resolveThread = (doc: Y.Doc, target: CommentTarget, userId: string, at: number, origin?: unknown) =>
  setResolved(doc, target, true, userId, at, origin);

export const reopenThread = (doc: Y.Doc, target: CommentTarget, userId: string, at: number, origin?: unknown) =>
  setResolved(doc, target, false, userId, at, origin);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function readComment(m: Y.Map<unknown>): CommentView {
  const role = m.get('authorRole');
  const community = m.get('authorCommunity');
  const editedAt = m.get('editedAt');
  return {
    id: str(m.get('id')),
    target: str(m.get('target')),
    text: str(m.get('text')),
    authorId: str(m.get('authorId')),
    authorName: str(m.get('authorName')),
    authorRole: (ROLES as readonly unknown[]).includes(role) ? (role as Role) : 'viewer',
    authorCommunity: (COMMUNITIES as readonly unknown[]).includes(community) ? (community as Community) : null,
    createdAt: num(m.get('createdAt')),
    editedAt: typeof editedAt === 'number' ? editedAt : null,
  };
}

const byCreation = (a: CommentView, b: CommentView) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Every thread with at least one comment, ordered by its first comment. */
export function readThreads(doc: Y.Doc): ThreadView[] {
  const byTarget = new Map<string, CommentView[]>();
  for (const m of commentsMap(doc).values()) {
    const c = readComment(m);
    byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  }
  const threads = [...byTarget].map(([target, comments]): ThreadView => {
    const state = threadsMap(doc).get(target);
    const resolved = state?.resolved === true;
    return {
      target,
      resolved,
      resolvedBy: resolved ? state.by : null,
      resolvedAt: resolved ? state.at : null,
      comments: comments.sort(byCreation),
    };
  });
  return threads.sort((a, b) => byCreation(a.comments[0], b.comments[0]));
}

export function readThread(doc: Y.Doc, target: CommentTarget): ThreadView | null {
  const key = targetKey(target);
  return readThreads(doc).find((t) => t.target === key) ?? null;
}

/** Comments in unresolved threads, per thread key (absent when none): the badges on the canvas. */
export function openCommentCounts(doc: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of commentsMap(doc).values()) {
    const target = m.get('target');
    if (typeof target !== 'string' || threadsMap(doc).get(target)?.resolved) continue;
    counts[target] = (counts[target] ?? 0) + 1;
  }
  return counts;
}

export interface ThreadStateRecord extends ThreadState {
  target: string;
}

/** Resolution records as stored (also for threads reopened since), for lossless export. */
export function readThreadStates(doc: Y.Doc): ThreadStateRecord[] {
  return [...threadsMap(doc).entries()]
    .filter(([, s]) => s && typeof s === 'object')
    .map(([target, s]) => ({ target, resolved: s.resolved === true, by: str(s.by), at: num(s.at) }))
    .sort((a, b) => a.target.localeCompare(b.target));
}

/** Writes comments and thread records exactly as read (JSON import), bypassing the author checks. */
export function restoreComments(doc: Y.Doc, comments: readonly CommentView[], states: readonly ThreadStateRecord[], origin?: unknown): void {
  doc.transact(() => {
    for (const view of comments) {
      const c = new Y.Map<unknown>();
      for (const key of ['id', 'target', 'text', 'authorId', 'authorName', 'authorRole', 'authorCommunity', 'createdAt', 'editedAt'] as const) {
        c.set(key, view[key]);
      }
      commentsMap(doc).set(view.id, c);
    }
    for (const s of states) threadsMap(doc).set(s.target, { resolved: s.resolved, by: s.by, at: s.at });
  }, origin);
}
