import * as Y from 'yjs';
import { assignNotes, clustersMap, fitClusters } from '../../shared/clusters';
import { addNote } from '../../shared/operations';
import { notesMap, type NoteView } from '../../shared/schema';
import { setNoteTags } from '../../shared/taxonomy';
import { contentIndexOf } from './contentIndex';
import { notesStoreOf } from './notesStore';

export interface DeletedNote {
  note: NoteView;
  tags: string[];
  clusterId: string | null;
  deletedAt: number;
}

/** Kept per board for the session: plenty for "oops", small enough to list. */
const MAX_KEPT = 30;

/**
 * Notes deleted while this page had the board open (by anyone), newest first, with what restoring
 * them needs: their last snapshot, tags and cluster. Read from the stores before they forget the
 * note — a plain `observe` on the notes map runs before the stores' deep observers.
 */
export class DeletedNotes {
  private list: DeletedNote[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly doc: Y.Doc) {
    const notes = notesStoreOf(doc);
    const index = contentIndexOf(doc);
    notesMap(doc).observe((event) => {
      let changed = false;
      event.changes.keys.forEach((change, id) => {
        if (change.action === 'delete') {
          const note = notes.get(id);
          if (!note) return;
          this.list = [
            { note, tags: index.getTags()[id] ?? [], clusterId: index.lastClusterOf(id), deletedAt: Date.now() },
            ...this.list.filter((d) => d.note.id !== id),
          ].slice(0, MAX_KEPT);
          changed = true;
        } else if (change.action === 'add' && this.list.some((d) => d.note.id === id)) {
          // Restored (here or by someone else): no longer deleted.
          this.list = this.list.filter((d) => d.note.id !== id);
          changed = true;
        }
      });
      if (changed) for (const l of this.listeners) l();
    });
  }

  readonly getSnapshot = (): DeletedNote[] => this.list;
  readonly subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Puts the note back as it was — text, position, kind, author, tags, cluster — in one Yjs change. */
  restore(id: string, origin: unknown): boolean {
    const entry = this.list.find((d) => d.note.id === id);
    if (!entry || notesMap(this.doc).has(id)) return false;
    const { note, tags, clusterId } = entry;
    this.doc.transact(() => {
      addNote(this.doc, note);
      if (tags.length) setNoteTags(this.doc, id, tags, origin);
      if (clusterId && clustersMap(this.doc).has(clusterId)) {
        assignNotes(this.doc, clusterId, [id], origin);
        fitClusters(this.doc, [clusterId], origin);
      }
    }, origin);
    return true;
  }
}

const logs = new WeakMap<Y.Doc, DeletedNotes>();

export function deletedNotesOf(doc: Y.Doc): DeletedNotes {
  let log = logs.get(doc);
  if (!log) {
    log = new DeletedNotes(doc);
    logs.set(doc, log);
  }
  return log;
}
