import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocSelection } from '../../client/sync/docSelection';
import { sameJson } from '../../client/sync/useDocValue';
import { addNote, setNoteText } from '../../shared/operations';
import { readNotes } from '../../shared/schema';

const note = (id: string, text: string, kind: 'idea' | 'risk' = 'idea') => ({ id, x: 0, y: 0, kind, text, authorId: 'u1', authorName: 'Ana', createdAt: 1 });

/** What a kind-count selector (e.g. a legend) reads: it ignores texts. */
const countByKind = (doc: Y.Doc) => {
  const counts: Record<string, number> = {};
  for (const n of readNotes(doc)) counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  return counts;
};

describe('DocSelection: the selector with equality behind useDocValue', () => {
  it('reads once per document change, not once per render', () => {
    const doc = new Y.Doc();
    addNote(doc, note('n1', 'Capteurs'));
    const sel = new DocSelection<number>();
    let reads = 0;
    const read = (d: Y.Doc) => (reads++, readNotes(d).length);
    expect(sel.get(doc, '', read)).toBe(1);
    expect(sel.get(doc, '', read)).toBe(1);
    expect(reads).toBe(1);
    addNote(doc, note('n2', 'Open data'));
    sel.invalidate();
    expect(sel.get(doc, '', read)).toBe(2);
    expect(reads).toBe(2);
  });

  it('keeps the same object when a change elsewhere leaves the selected value equal, and a new one when it changes', () => {
    const doc = new Y.Doc();
    addNote(doc, note('n1', 'Capteurs'));
    const sel = new DocSelection<Record<string, number>>();
    const first = sel.get(doc, '', countByKind, sameJson);
    expect(first).toEqual({ idea: 1 });
    // A keystroke in a note changes the document but not the counts: same object, nothing re-renders.
    setNoteText(doc, 'n1', 'Capteurs de places');
    sel.invalidate();
    expect(sel.get(doc, '', countByKind, sameJson)).toBe(first);
    // A new risk changes them: a new object.
    addNote(doc, note('n2', 'Acceptation', 'risk'));
    sel.invalidate();
    const second = sel.get(doc, '', countByKind, sameJson);
    expect(second).not.toBe(first);
    expect(second).toEqual({ idea: 1, risk: 1 });
  });

  it('without equality every change gives a new object', () => {
    const doc = new Y.Doc();
    addNote(doc, note('n1', 'Capteurs'));
    const sel = new DocSelection<Record<string, number>>();
    const first = sel.get(doc, '', countByKind);
    setNoteText(doc, 'n1', 'Capteurs !');
    sel.invalidate();
    expect(sel.get(doc, '', countByKind)).not.toBe(first);
  });

  it('reads again when the key (a filter outside the document) or the document changes', () => {
    const doc = new Y.Doc();
    addNote(doc, note('n1', 'Capteurs'));
    addNote(doc, note('n2', 'Acceptation', 'risk'));
    const sel = new DocSelection<number>();
    const ofKind = (kind: string) => (d: Y.Doc) => readNotes(d).filter((n) => n.kind === kind).length;
    expect(sel.get(doc, 'idea', ofKind('idea'))).toBe(1);
    expect(sel.get(doc, 'risk', ofKind('risk'))).toBe(1);
    const other = new Y.Doc();
    expect(sel.get(other, 'risk', ofKind('risk'))).toBe(0);
  });
});
