import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { NoteView } from '../../shared/schema';
import { notesStoreOf } from './notesStore';

/**
 * The notes of a canvas document in creation order. Incremental (see NotesStore): only the notes a
 * change touched are re-read, and unchanged notes keep the same snapshot object.
 */
export function useNotes(doc: Y.Doc): NoteView[] {
  const store = notesStoreOf(doc);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
