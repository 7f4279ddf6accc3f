import * as Y from 'yjs';

/**
 * Per-user undo. In a live room, Ctrl+Z must undo *your* last change, never the note someone else
 * just typed. `Y.UndoManager` only records transactions whose origin is in `trackedOrigins`, so:
 *
 * - the client creates one origin object per user session (`createUserOrigin`) and one undo manager
 *   per document it edits (`createUserUndoManager(doc, origin)`);
 * - it runs every local change with that origin: the operations of taxonomy, clusters, comments,
 *   challenges and partners take it as their last argument, and older operations (operations.ts)
 *   are wrapped with `runAs(doc, origin, () => addNote(doc, …))` — a transaction opened inside
 *   another joins it, so the outer origin is the one recorded;
 * - remote updates arrive with the provider as origin, so they are never on the stack.
 */

export interface UserOrigin {
  readonly kind: 'user';
  readonly userId: string;
}

/** A constant, frozen object for the session: compared by identity. */
export function createUserOrigin(userId: string): UserOrigin {
  return Object.freeze({ kind: 'user', userId });
}

/** Project canvas types a person edits (not `votes` or `questions`, which the server writes). */
export const PROJECT_UNDO_SCOPE = ['notes', 'clusters', 'comments', 'threads', 'partners'] as const;
/** Workshop types a person edits. */
export const WORKSHOP_UNDO_SCOPE = ['meta', 'themes', 'projects', 'taxonomy', 'challenges'] as const;

export interface UserUndoOptions {
  scope?: 'project' | 'workshop';
  /** Changes closer together than this (ms) undo as one step; 0 makes every transaction a step. */
  captureTimeout?: number;
}

export function createUserUndoManager(doc: Y.Doc, origin: UserOrigin, options: UserUndoOptions = {}): Y.UndoManager {
  const names = options.scope === 'workshop' ? WORKSHOP_UNDO_SCOPE : PROJECT_UNDO_SCOPE;
  return new Y.UndoManager(
    names.map((name) => doc.getMap(name)),
    { trackedOrigins: new Set<unknown>([origin]), captureTimeout: options.captureTimeout ?? 500 },
  );
}

/** Runs `fn` (one or more operations) as one transaction attributed to `origin`. */
export function runAs<T>(doc: Y.Doc, origin: UserOrigin, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, origin);
  return result;
}
