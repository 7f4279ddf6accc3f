import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AwarenessState, AwarenessUser } from '../../shared/protocol';
import { noteText, notesMap } from '../../shared/schema';

/** Another person's caret (or selection) in a note's text, as Yjs relative positions. */
export interface RemoteCaret {
  clientId: number;
  name: string;
  color: string;
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

export type CaretState = NonNullable<AwarenessState['caret']>;

const NONE: readonly RemoteCaret[] = [];

function readCaret(state: unknown, clientId: number): { note: string; caret: RemoteCaret } | null {
  const s = state as Partial<AwarenessState> | null;
  const c = s?.caret;
  const user = s?.user as AwarenessUser | undefined;
  if (!c || typeof c !== 'object' || typeof c.note !== 'string' || !user || typeof user.name !== 'string' || typeof user.color !== 'string') return null;
  try {
    return {
      note: c.note,
      caret: {
        clientId,
        name: user.name,
        color: user.color,
        anchor: Y.createRelativePositionFromJSON(c.anchor),
        head: Y.createRelativePositionFromJSON(c.head),
      },
    };
  } catch {
    return null; // malformed positions from a peer: no caret, nothing else affected
  }
}

/**
 * Other people's carets per note, from awareness, with a subscription per note: a caret moving in
 * one note re-renders that note's text only, not the board.
 */
export class RemoteCarets {
  private byNote = new Map<string, readonly RemoteCaret[]>();
  private keys = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.refresh);
    this.refresh();
  }

  get(noteId: string): readonly RemoteCaret[] {
    return this.byNote.get(noteId) ?? NONE;
  }

  subscribe(noteId: string, listener: () => void): () => void {
    let set = this.listeners.get(noteId);
    if (!set) this.listeners.set(noteId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private readonly refresh = () => {
    const next = new Map<string, RemoteCaret[]>();
    const keys = new Map<string, string>();
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const read = readCaret(state, clientId);
      if (!read) return;
      next.set(read.note, [...(next.get(read.note) ?? []), read.caret]);
      keys.set(read.note, `${keys.get(read.note) ?? ''}|${clientId}:${JSON.stringify((state as AwarenessState).caret)}:${read.caret.name}:${read.caret.color}`);
    });
    const changed = new Set<string>();
    for (const note of new Set([...this.keys.keys(), ...keys.keys()])) if (this.keys.get(note) !== keys.get(note)) changed.add(note);
    if (changed.size === 0) return;
    this.byNote = next;
    this.keys = keys;
    for (const note of changed) for (const l of this.listeners.get(note) ?? []) l();
  };
}

const stores = new WeakMap<Awareness, RemoteCarets>();
export function remoteCaretsOf(awareness: Awareness): RemoteCarets {
  let store = stores.get(awareness);
  if (!store) stores.set(awareness, (store = new RemoteCarets(awareness)));
  return store;
}

/** My caret in a note as relative positions (they stay put while others type before it). */
export function caretState(doc: Y.Doc, noteId: string, start: number, end: number): CaretState | null {
  const note = notesMap(doc).get(noteId);
  const text = note ? noteText(note) : null;
  if (!text) return null;
  return {
    note: noteId,
    anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, start)),
    head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, end)),
  };
}

/** Where a remote caret is now, as an index in the note's text (null when its text is gone). */
export function caretIndex(doc: Y.Doc, pos: Y.RelativePosition): number | null {
  return Y.createAbsolutePositionFromRelativePosition(pos, doc)?.index ?? null;
}
