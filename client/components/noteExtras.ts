import { createContext, useContext } from 'react';
import type { RemoteCarets } from '../sync/remoteCarets';

/**
 * What the canvas adds to each sticky note beyond its own document fields: tag chips, filter
 * highlighting, selection, comment and challenge badges, and the actions behind them. Provided by
 * the canvas view around the board, so the board itself needs no new props; notes rendered
 * without a provider (projector wall, private drafts) stay plain.
 */
export interface NoteChip {
  id: string;
  label: string;
}

export interface NoteExtras {
  tagsOf: (noteId: string) => NoteChip[];
  /** 'match' when a filter is on and the note matches it, 'dim' when it does not, null without filter. */
  filterState: (noteId: string) => 'match' | 'dim' | null;
  isSelected: (noteId: string) => boolean;
  highlightedId: string | null;
  commentCount: (noteId: string) => number;
  challengesOf: (noteId: string) => NoteChip[];
  /** Shift-click / plain press on the note. */
  select: (noteId: string, additive: boolean) => void;
  /** The notes that move together when this one is dragged (the selection, or just this note). */
  dragGroup: (noteId: string) => Array<{ id: string; x: number; y: number }>;
  /** After a drag: assign the notes to the cluster they were dropped in (or take them out). */
  dropped: (noteIds: string[]) => void;
  openComments: (noteId: string) => void;
  openDetails: (noteId: string) => void;
  createChallenge: ((noteId: string) => void) | null;
  /** Deletes the note (asking first when someone else is editing it), then moves focus on. */
  removeNote: (noteId: string) => void;
  /** Other people typing in this note right now (a marker in their colour). */
  editorsOf: (noteId: string) => ReadonlyArray<{ name: string; color: string }>;
  /** Tells the others (awareness) which note I am typing in, or null. */
  setEditing: (noteId: string | null) => void;
  /** Other people's carets in notes' text. */
  remoteCarets: RemoteCarets;
  /** Tells the others where my caret is in a note's text (null: nowhere). */
  setCaret: (noteId: string, selection: { start: number; end: number } | null) => void;
  /** The canvas is one tab stop: only the current note is tabbable (0), the others -1. */
  tabIndexOf: (noteId: string) => 0 | -1;
  /** Runs a local change attributed to the user (per-user undo). */
  runLocal: <T>(fn: () => T) => T;
}

export const NoteExtrasContext = createContext<NoteExtras | null>(null);
export const useNoteExtras = () => useContext(NoteExtrasContext);
