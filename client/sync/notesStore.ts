import * as Y from 'yjs';
import { notesMap, readNote, type NoteView } from '../../shared/schema';

/** Creation order, so later notes stack above earlier ones (same order as `readNotes`). */
const byCreation = (a: NoteView, b: NoteView) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

function sameNote(a: NoteView, b: NoteView): boolean {
  const ka = Object.keys(a) as Array<keyof NoteView>;
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * The notes of one canvas document, kept up to date incrementally: a change re-reads only the notes
 * it touched (from the `observeDeep` events' paths and changed keys), unchanged notes keep their
 * snapshot object, and the list is only re-sorted when notes come, go or change creation time. A
 * keystroke in one note of a 5,000-note board costs one `readNote`, not 5,000.
 */
export class NotesStore {
  private readonly map: Y.Map<Y.Map<unknown>>;
  private readonly byId = new Map<string, NoteView>();
  private readonly indexOf = new Map<string, number>();
  private list: NoteView[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.map = notesMap(doc);
    this.map.forEach((m, key) => {
      if (m instanceof Y.Map) this.byId.set(key, readNote(m));
    });
    this.resort();
    this.map.observeDeep(this.onEvents);
  }

  /** Every note, in creation order. A new array after each change that altered a snapshot. */
  readonly getSnapshot = (): NoteView[] => this.list;

  /** One note's snapshot (stable object until that note changes). */
  get(id: string): NoteView | undefined {
    return this.byId.get(id);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private resort() {
    const entries = [...this.byId.entries()].sort((a, b) => byCreation(a[1], b[1]));
    this.list = entries.map((e) => e[1]);
    this.indexOf.clear();
    entries.forEach(([key], i) => this.indexOf.set(key, i));
  }

  private readonly onEvents = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
      } else {
        const key = event.path[0];
        if (typeof key === 'string') touched.add(key);
      }
    }
    let membership = false;
    const replaced: Array<[string, NoteView]> = [];
    for (const key of touched) {
      const m = this.map.get(key);
      const before = this.byId.get(key);
      if (!(m instanceof Y.Map)) {
        if (before) {
          this.byId.delete(key);
          membership = true;
        }
        continue;
      }
      const after = readNote(m);
      if (before && sameNote(before, after)) continue;
      this.byId.set(key, after);
      if (!before || before.createdAt !== after.createdAt || before.id !== after.id || !this.indexOf.has(key)) membership = true;
      else replaced.push([key, after]);
    }
    if (membership) {
      this.resort();
    } else if (replaced.length) {
      const next = this.list.slice();
      for (const [key, n] of replaced) next[this.indexOf.get(key)!] = n;
      this.list = next;
    } else {
      return;
    }
    for (const listener of this.listeners) listener();
  };
}

const stores = new WeakMap<Y.Doc, NotesStore>();

/** The store of a document, created on first use and kept for the document's lifetime. */
export function notesStoreOf(doc: Y.Doc): NotesStore {
  let store = stores.get(doc);
  if (!store) {
    store = new NotesStore(doc);
    stores.set(doc, store);
  }
  return store;
}
