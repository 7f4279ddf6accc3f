import type * as Y from 'yjs';
import { readNotes, type NoteView } from '../../shared/schema';
import { useDocValue } from './useDocValue';

export const useNotes = (doc: Y.Doc): NoteView[] => useDocValue(doc, readNotes);
