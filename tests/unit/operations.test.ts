import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesOverlap } from '../../shared/placement';
import {
  addNote,
  addProject,
  addQuestion,
  addTheme,
  clearNotes,
  deleteNote,
  initWorkshop,
  moveNote,
  recordVoteResults,
  removeProject,
  renameProject,
  renameWorkshop,
  revealNotes,
  setNoteKind,
  setNoteText,
  setProjectCommune,
  setProjectTheme,
  setQuestionAnswered,
  toggleQuestionUpvote,
  type NoteInit,
} from '../../shared/operations';
import { EMPTY_RECORD } from '../../shared/projectRecord';
import {
  CANVAS_LIMIT,
  MAX_NOTE_TEXT,
  MAX_TITLE,
  type NoteKind,
  type NoteView,
  noteAuthorLabel,
  notesMap,
  readLatestVotes,
  readNotes,
  readQuestions,
  readWorkshop,
} from '../../shared/schema';
import { emptyGroupCounts, type VoteResults } from '../../shared/facilitation';

// ---- helpers ------------------------------------------------------------------------------------

function workshopDoc(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, {
    title: 'Smart mobility',
    createdAt: 1000,
    themes: [
      { id: 'themea1', name: 'Mobility' },
      { id: 'themeb2', name: 'Energy' },
    ],
  });
  return doc;
}

const note = (over: Partial<NoteInit> = {}): NoteInit => ({
  id: 'note01',
  x: 10,
  y: 20,
  kind: 'idea',
  text: 'hello',
  authorId: 'user01',
  authorName: 'Ada',
  createdAt: 5000,
  ...over,
});

function canvasDoc(...notes: NoteInit[]): Y.Doc {
  const doc = new Y.Doc();
  for (const n of notes) addNote(doc, n);
  return doc;
}

/** Counts the 'update' events emitted while `fn` runs. */
function countUpdates(doc: Y.Doc, fn: () => void): number {
  let n = 0;
  const onUpdate = () => n++;
  doc.on('update', onUpdate);
  try {
    fn();
  } finally {
    doc.off('update', onUpdate);
  }
  return n;
}

/** Exchanges the full state both ways, so both docs converge. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

function pair(build: (doc: Y.Doc) => void): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  build(a);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

const onlyNote = (doc: Y.Doc): NoteView => {
  const notes = readNotes(doc);
  expect(notes).toHaveLength(1);
  return notes[0];
};

// ---- workshop document --------------------------------------------------------------------------

describe('workshop operations', () => {
  it('initWorkshop writes title, createdAt and themes in the given order', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, {
      title: '  Smart city lab  ',
      createdAt: 1234,
      themes: [
        { id: 'themez9', name: ' Water ' },
        { id: 'themea1', name: 'Air' },
        { id: 'themem5', name: 'Light' },
      ],
    });
    expect(readWorkshop(doc)).toEqual({
      title: 'Smart city lab',
      createdAt: 1234,
      themes: [
        { id: 'themez9', name: 'Water', order: 0 },
        { id: 'themea1', name: 'Air', order: 1 },
        { id: 'themem5', name: 'Light', order: 2 },
      ],
      projects: [],
    });
  });

  it('initWorkshop is a single transaction', () => {
    const doc = new Y.Doc();
    const n = countUpdates(doc, () =>
      initWorkshop(doc, {
        title: 'T',
        createdAt: 1,
        themes: [
          { id: 'theme1', name: 'a' },
          { id: 'theme2', name: 'b' },
        ],
      }),
    );
    expect(n).toBe(1);
  });

  it('initWorkshop with no themes', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Empty', createdAt: 7, themes: [] });
    expect(readWorkshop(doc)).toEqual({ title: 'Empty', createdAt: 7, themes: [], projects: [] });
  });

  it('addTheme appends after the highest order and trims the name', () => {
    const doc = workshopDoc();
    addTheme(doc, { id: 'themec3', name: '  Health  ' });
    expect(readWorkshop(doc).themes).toEqual([
      { id: 'themea1', name: 'Mobility', order: 0 },
      { id: 'themeb2', name: 'Energy', order: 1 },
      { id: 'themec3', name: 'Health', order: 2 },
    ]);
  });

  it('addTheme on an empty document starts at order 0, and is one transaction', () => {
    const doc = new Y.Doc();
    expect(countUpdates(doc, () => addTheme(doc, { id: 'theme1', name: 'First' }))).toBe(1);
    expect(countUpdates(doc, () => addTheme(doc, { id: 'theme2', name: 'Second' }))).toBe(1);
    expect(readWorkshop(doc).themes).toEqual([
      { id: 'theme1', name: 'First', order: 0 },
      { id: 'theme2', name: 'Second', order: 1 },
    ]);
  });

  it('renameWorkshop trims and caps the title at MAX_TITLE', () => {
    const doc = workshopDoc();
    expect(countUpdates(doc, () => renameWorkshop(doc, '   New title \n'))).toBe(1);
    expect(readWorkshop(doc).title).toBe('New title');

    renameWorkshop(doc, 'x'.repeat(MAX_TITLE + 50));
    expect(readWorkshop(doc).title).toBe('x'.repeat(MAX_TITLE));

    renameWorkshop(doc, `   ${'y'.repeat(MAX_TITLE)}   `);
    expect(readWorkshop(doc).title).toBe('y'.repeat(MAX_TITLE));
    // untouched fields
    expect(readWorkshop(doc).createdAt).toBe(1000);
    expect(readWorkshop(doc).themes).toHaveLength(2);
  });

  it('addProject: order increments, name and commune are cleaned, commune defaults to empty', () => {
    const doc = workshopDoc();
    expect(countUpdates(doc, () => addProject(doc, { id: 'proj01', name: '  Bike lanes ', commune: ' Lyon ', themeId: 'themea1', createdAt: 10 }))).toBe(1);
    addProject(doc, { id: 'proj02', name: 'Solar roofs', themeId: null, createdAt: 11 });
    addProject(doc, { id: 'proj03', name: 'n'.repeat(MAX_TITLE + 1), commune: 'c'.repeat(MAX_TITLE + 9), themeId: 'themeb2', createdAt: 12 });
    expect(readWorkshop(doc).projects).toEqual([
      { id: 'proj01', name: 'Bike lanes', commune: 'Lyon', themeId: 'themea1', order: 0, createdAt: 10, record: EMPTY_RECORD },
      { id: 'proj02', name: 'Solar roofs', commune: '', themeId: null, order: 1, createdAt: 11, record: EMPTY_RECORD },
      { id: 'proj03', name: 'n'.repeat(MAX_TITLE), commune: 'c'.repeat(MAX_TITLE), themeId: 'themeb2', order: 2, createdAt: 12, record: EMPTY_RECORD },
    ]);
  });

  it('addProject after a removal still takes max(order)+1', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'A', themeId: null, createdAt: 1 });
    addProject(doc, { id: 'proj02', name: 'B', themeId: null, createdAt: 2 });
    addProject(doc, { id: 'proj03', name: 'C', themeId: null, createdAt: 3 });
    removeProject(doc, 'proj02');
    addProject(doc, { id: 'proj04', name: 'D', themeId: null, createdAt: 4 });
    expect(readWorkshop(doc).projects.map((p) => [p.id, p.order])).toEqual([
      ['proj01', 0],
      ['proj03', 2],
      ['proj04', 3],
    ]);
  });

  it('renameProject trims/caps the name and leaves other fields alone', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'Old', commune: 'Lyon', themeId: 'themea1', createdAt: 10 });
    let ok = false;
    expect(countUpdates(doc, () => (ok = renameProject(doc, 'proj01', '  New name  ')))).toBe(1);
    expect(ok).toBe(true);
    expect(readWorkshop(doc).projects).toEqual([
      { id: 'proj01', name: 'New name', commune: 'Lyon', themeId: 'themea1', order: 0, createdAt: 10, record: EMPTY_RECORD },
    ]);
    expect(renameProject(doc, 'proj01', 'z'.repeat(MAX_TITLE * 2))).toBe(true);
    expect(readWorkshop(doc).projects[0].name).toBe('z'.repeat(MAX_TITLE));
  });

  it('setProjectCommune trims/caps the commune', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'P', commune: 'Lyon', themeId: null, createdAt: 10 });
    let ok = false;
    expect(countUpdates(doc, () => (ok = setProjectCommune(doc, 'proj01', '  Villeurbanne ')))).toBe(1);
    expect(ok).toBe(true);
    expect(readWorkshop(doc).projects[0]).toMatchObject({ name: 'P', commune: 'Villeurbanne' });
    setProjectCommune(doc, 'proj01', 'q'.repeat(MAX_TITLE + 3));
    expect(readWorkshop(doc).projects[0].commune).toBe('q'.repeat(MAX_TITLE));
  });

  it('setProjectTheme accepts a known theme and null, refuses an unknown theme', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'P', themeId: 'themea1', createdAt: 10 });

    let ok: boolean | undefined;
    expect(countUpdates(doc, () => (ok = setProjectTheme(doc, 'proj01', 'themeb2')))).toBe(1);
    expect(ok).toBe(true);
    expect(readWorkshop(doc).projects[0].themeId).toBe('themeb2');

    expect(countUpdates(doc, () => (ok = setProjectTheme(doc, 'proj01', 'nosuchtheme')))).toBe(0);
    expect(ok).toBe(false);
    expect(readWorkshop(doc).projects[0].themeId).toBe('themeb2');

    expect(setProjectTheme(doc, 'proj01', null)).toBe(true);
    expect(readWorkshop(doc).projects[0].themeId).toBeNull();
  });

  it('removeProject deletes only that project', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'A', themeId: null, createdAt: 1 });
    addProject(doc, { id: 'proj02', name: 'B', themeId: null, createdAt: 2 });
    let ok = false;
    expect(countUpdates(doc, () => (ok = removeProject(doc, 'proj01')))).toBe(1);
    expect(ok).toBe(true);
    expect(readWorkshop(doc).projects.map((p) => p.id)).toEqual(['proj02']);
  });

  it('operations on a missing project return false and change nothing', () => {
    const doc = workshopDoc();
    addProject(doc, { id: 'proj01', name: 'A', commune: 'X', themeId: 'themea1', createdAt: 1 });
    const before = readWorkshop(doc);
    const stateBefore = Y.encodeStateVector(doc);
    const results: boolean[] = [];
    const n = countUpdates(doc, () => {
      results.push(renameProject(doc, 'ghost1', 'x'));
      results.push(setProjectCommune(doc, 'ghost1', 'x'));
      results.push(setProjectTheme(doc, 'ghost1', 'themea1'));
      results.push(setProjectTheme(doc, 'ghost1', null));
      results.push(removeProject(doc, 'ghost1'));
    });
    expect(results).toEqual([false, false, false, false, false]);
    expect(n).toBe(0);
    expect(readWorkshop(doc)).toEqual(before);
    expect(Y.encodeStateVector(doc)).toEqual(stateBefore);
  });

  it('operations on a project removed by a peer are no-ops after sync', () => {
    const [a, b] = pair((d) => {
      initWorkshop(d, { title: 'T', createdAt: 1, themes: [] });
      addProject(d, { id: 'proj01', name: 'A', themeId: null, createdAt: 1 });
    });
    expect(removeProject(a, 'proj01')).toBe(true);
    sync(a, b);
    expect(renameProject(b, 'proj01', 'too late')).toBe(false);
    expect(readWorkshop(b).projects).toEqual([]);
  });

  it('concurrent rename and commune change of the same project both survive', () => {
    const [a, b] = pair((d) => {
      initWorkshop(d, { title: 'T', createdAt: 1, themes: [{ id: 'themea1', name: 'M' }] });
      addProject(d, { id: 'proj01', name: 'A', commune: 'Old', themeId: null, createdAt: 1 });
    });
    renameProject(a, 'proj01', 'Renamed');
    setProjectCommune(b, 'proj01', 'Grenoble');
    setProjectTheme(b, 'proj01', 'themea1');
    sync(a, b);
    const expected = [{ id: 'proj01', name: 'Renamed', commune: 'Grenoble', themeId: 'themea1', order: 0, createdAt: 1, record: EMPTY_RECORD }];
    expect(readWorkshop(a).projects).toEqual(expected);
    expect(readWorkshop(b).projects).toEqual(expected);
  });
});

// ---- canvas document ----------------------------------------------------------------------------

describe('note operations', () => {
  it('addNote writes every field, in one transaction', () => {
    const doc = new Y.Doc();
    expect(countUpdates(doc, () => addNote(doc, note()))).toBe(1);
    expect(readNotes(doc)).toEqual([
      {
        id: 'note01',
        text: 'hello',
        x: 10,
        y: 20,
        kind: 'idea',
        authorId: 'user01',
        authorName: 'Ada',
        authorRole: null,
        authorCommunity: null,
        createdAt: 5000,
        anonymous: false,
      },
    ]);
    expect(notesMap(doc).get('note01')?.get('text')).toBeInstanceOf(Y.Text);
  });

  it('addNote without text gives an empty text, and notes read in creation order', () => {
    const doc = canvasDoc(
      note({ id: 'note03', createdAt: 30, text: undefined, kind: 'risk' }),
      note({ id: 'note01', createdAt: 10, text: 'first', kind: 'need' }),
      note({ id: 'note02', createdAt: 20, text: 'second', kind: 'question' }),
    );
    expect(readNotes(doc).map((n) => [n.id, n.text, n.kind])).toEqual([
      ['note01', 'first', 'need'],
      ['note02', 'second', 'question'],
      ['note03', '', 'risk'],
    ]);
  });

  it('addNote caps the text at MAX_NOTE_TEXT', () => {
    const doc = canvasDoc(note({ text: 'a'.repeat(MAX_NOTE_TEXT + 100) }));
    expect(onlyNote(doc).text).toBe('a'.repeat(MAX_NOTE_TEXT));
  });

  it('addNote clamps coordinates and replaces non-finite ones with 0', () => {
    const doc = canvasDoc(
      note({ id: 'note01', createdAt: 1, x: CANVAS_LIMIT * 10, y: -CANVAS_LIMIT * 10 }),
      note({ id: 'note02', createdAt: 2, x: Number.NaN, y: Number.POSITIVE_INFINITY }),
      note({ id: 'note03', createdAt: 3, x: Number.NEGATIVE_INFINITY, y: -12.5 }),
    );
    expect(readNotes(doc).map((n) => [n.x, n.y])).toEqual([
      [CANVAS_LIMIT, -CANVAS_LIMIT],
      [0, 0],
      [0, -12.5],
    ]);
  });

  it('addNote with an invalid kind stores "idea"', () => {
    const doc = canvasDoc(note({ kind: 'nonsense' as NoteKind }));
    expect(notesMap(doc).get('note01')?.get('kind')).toBe('idea');
  });

  it('moveNote moves, clamps to CANVAS_LIMIT and maps non-finite values to 0', () => {
    const doc = canvasDoc(note());
    let ok = false;
    expect(countUpdates(doc, () => (ok = moveNote(doc, 'note01', 300, -400)))).toBe(1);
    expect(ok).toBe(true);
    expect(onlyNote(doc)).toMatchObject({ x: 300, y: -400 });

    moveNote(doc, 'note01', CANVAS_LIMIT + 1, -CANVAS_LIMIT - 1);
    expect(onlyNote(doc)).toMatchObject({ x: CANVAS_LIMIT, y: -CANVAS_LIMIT });

    moveNote(doc, 'note01', 1e308, -1e308);
    expect(onlyNote(doc)).toMatchObject({ x: CANVAS_LIMIT, y: -CANVAS_LIMIT });

    moveNote(doc, 'note01', Number.NaN, Number.POSITIVE_INFINITY);
    expect(notesMap(doc).get('note01')?.get('x')).toBe(0);
    expect(notesMap(doc).get('note01')?.get('y')).toBe(0);

    moveNote(doc, 'note01', Number.NEGATIVE_INFINITY, 0.5);
    expect(onlyNote(doc)).toMatchObject({ x: 0, y: 0.5, text: 'hello', kind: 'idea' });
  });

  it('setNoteKind changes the kind; an invalid kind is refused', () => {
    const doc = canvasDoc(note());
    let ok: boolean | undefined;
    expect(countUpdates(doc, () => (ok = setNoteKind(doc, 'note01', 'technology')))).toBe(1);
    expect(ok).toBe(true);
    expect(onlyNote(doc).kind).toBe('technology');

    expect(countUpdates(doc, () => (ok = setNoteKind(doc, 'note01', 'banana' as NoteKind)))).toBe(0);
    expect(ok).toBe(false);
    expect(notesMap(doc).get('note01')?.get('kind')).toBe('technology');
  });

  it('setNoteText makes the text equal the argument, in one transaction', () => {
    const doc = canvasDoc(note({ text: 'hello world' }));
    let ok = false;
    expect(countUpdates(doc, () => (ok = setNoteText(doc, 'note01', 'hello brave new world')))).toBe(1);
    expect(ok).toBe(true);
    expect(onlyNote(doc).text).toBe('hello brave new world');

    // a replace (delete + insert) is still one update
    expect(countUpdates(doc, () => setNoteText(doc, 'note01', 'hello cruel world'))).toBe(1);
    expect(onlyNote(doc).text).toBe('hello cruel world');

    expect(setNoteText(doc, 'note01', '')).toBe(true);
    expect(onlyNote(doc).text).toBe('');
  });

  it('setNoteText with the same text succeeds without emitting an update', () => {
    const doc = canvasDoc(note({ text: 'same' }));
    let ok = false;
    expect(countUpdates(doc, () => (ok = setNoteText(doc, 'note01', 'same')))).toBe(0);
    expect(ok).toBe(true);
    expect(onlyNote(doc).text).toBe('same');
  });

  it('setNoteText edits the existing Y.Text in place (no replacement)', () => {
    const doc = canvasDoc(note({ text: 'abc' }));
    const ytext = notesMap(doc).get('note01')?.get('text');
    setNoteText(doc, 'note01', 'abXc');
    expect(notesMap(doc).get('note01')?.get('text')).toBe(ytext);
    expect((ytext as Y.Text).toString()).toBe('abXc');
  });

  it('setNoteText keeps emoji (surrogate pairs) intact, locally and on a synced peer', () => {
    // 😀 and 😃 share their high surrogate, so a code-unit diff would split the pair.
    const [a, b] = pair((d) => addNote(d, note({ text: 'a😀b' })));
    setNoteText(a, 'note01', 'a😃b');
    expect(onlyNote(a).text).toBe('a😃b');
    sync(a, b);
    expect(onlyNote(b).text).toBe('a😃b');

    setNoteText(a, 'note01', 'a😃b😀');
    setNoteText(a, 'note01', 'a😃b😃');
    expect(onlyNote(a).text).toBe('a😃b😃');
    sync(a, b);
    expect(onlyNote(b).text).toBe('a😃b😃');
  });

  it('setNoteText caps the text at MAX_NOTE_TEXT', () => {
    const doc = canvasDoc(note({ text: '' }));
    setNoteText(doc, 'note01', 'b'.repeat(MAX_NOTE_TEXT + 500));
    expect(onlyNote(doc).text).toBe('b'.repeat(MAX_NOTE_TEXT));
  });

  it('deleteNote removes only that note', () => {
    const doc = canvasDoc(note({ id: 'note01', createdAt: 1 }), note({ id: 'note02', createdAt: 2 }));
    let ok = false;
    expect(countUpdates(doc, () => (ok = deleteNote(doc, 'note01')))).toBe(1);
    expect(ok).toBe(true);
    expect(readNotes(doc).map((n) => n.id)).toEqual(['note02']);
  });

  it('operations on a missing note return false and change nothing', () => {
    const doc = canvasDoc(note());
    const before = readNotes(doc);
    const sv = Y.encodeStateVector(doc);
    const results: boolean[] = [];
    const n = countUpdates(doc, () => {
      results.push(moveNote(doc, 'ghost1', 1, 2));
      results.push(setNoteKind(doc, 'ghost1', 'risk'));
      results.push(setNoteText(doc, 'ghost1', 'boo'));
      results.push(deleteNote(doc, 'ghost1'));
    });
    expect(results).toEqual([false, false, false, false]);
    expect(n).toBe(0);
    expect(readNotes(doc)).toEqual(before);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('operations on a note deleted by a peer are no-ops after sync', () => {
    const [a, b] = pair((d) => addNote(d, note()));
    expect(deleteNote(a, 'note01')).toBe(true);
    sync(a, b);
    expect(moveNote(b, 'note01', 5, 5)).toBe(false);
    expect(setNoteText(b, 'note01', 'x')).toBe(false);
    expect(setNoteKind(b, 'note01', 'risk')).toBe(false);
    expect(deleteNote(b, 'note01')).toBe(false);
    expect(readNotes(b)).toEqual([]);
  });
});

// ---- concurrency --------------------------------------------------------------------------------

describe('concurrent edits merge', () => {
  it('typing at the start on A and appending at the end on B both survive', () => {
    const [a, b] = pair((d) => addNote(d, note({ text: 'middle' })));
    setNoteText(a, 'note01', 'the middle');
    setNoteText(b, 'note01', 'middle part');
    sync(a, b);
    expect(onlyNote(a).text).toBe('the middle part');
    expect(onlyNote(b).text).toBe('the middle part');
  });

  it('edits at different positions inside the text both survive', () => {
    const [a, b] = pair((d) => addNote(d, note({ text: 'one two three' })));
    setNoteText(a, 'note01', 'one 2 three'); // replace "two"
    setNoteText(b, 'note01', 'one two three four'); // append
    setNoteText(b, 'note01', 'zero one two three four'); // prepend
    sync(a, b);
    expect(onlyNote(a).text).toBe('zero one 2 three four');
    expect(onlyNote(b).text).toBe('zero one 2 three four');
  });

  it('a concurrent move and kind change of the same note both survive', () => {
    const [a, b] = pair((d) => addNote(d, note()));
    moveNote(a, 'note01', 777, 888);
    setNoteKind(b, 'note01', 'risk');
    sync(a, b);
    for (const d of [a, b]) expect(onlyNote(d)).toMatchObject({ x: 777, y: 888, kind: 'risk', text: 'hello' });
  });

  it('a concurrent text edit and move of the same note both survive', () => {
    const [a, b] = pair((d) => addNote(d, note({ text: 'abc' })));
    setNoteText(a, 'note01', 'abcd');
    moveNote(b, 'note01', -50, 60);
    sync(a, b);
    for (const d of [a, b]) expect(onlyNote(d)).toMatchObject({ x: -50, y: 60, text: 'abcd' });
  });

  it('notes added concurrently on both sides are both kept', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, note({ id: 'notea1', createdAt: 1, text: 'from a' }));
    addNote(b, note({ id: 'noteb1', createdAt: 2, text: 'from b' }));
    sync(a, b);
    expect(readNotes(a).map((n) => n.text)).toEqual(['from a', 'from b']);
    expect(readNotes(b)).toEqual(readNotes(a));
  });

  it('projects added concurrently both appear (orders may collide, readWorkshop sorts deterministically)', () => {
    const [a, b] = pair((d) => initWorkshop(d, { title: 'T', createdAt: 1, themes: [] }));
    addProject(a, { id: 'projaa', name: 'A', themeId: null, createdAt: 1 });
    addProject(b, { id: 'projbb', name: 'B', themeId: null, createdAt: 2 });
    sync(a, b);
    expect(readWorkshop(a).projects.map((p) => p.id)).toEqual(['projaa', 'projbb']);
    expect(readWorkshop(b)).toEqual(readWorkshop(a));
  });
});

// ---- private drafts, questions, votes ------------------------------------------------------------

describe('revealNotes / clearNotes', () => {
  const draft = (id: string, createdAt: number, text: string): NoteView => ({
    id,
    text,
    x: 300 + createdAt * 240,
    y: 5,
    kind: 'need',
    authorId: 'user07',
    authorName: 'Linus',
    authorRole: 'expert',
    authorCommunity: 'researcher',
    createdAt,
    anonymous: false,
  });

  it('copies drafts with their authors, in one transaction, and returns the count', () => {
    const doc = canvasDoc(note({ id: 'note00', createdAt: 0, text: 'existing' }));
    let added = -1;
    expect(countUpdates(doc, () => (added = revealNotes(doc, [draft('draft1', 1, 'a'), draft('draft2', 2, 'b')], { anonymous: false })))).toBe(1);
    expect(added).toBe(2);
    expect(readNotes(doc)).toEqual([
      {
        id: 'note00',
        text: 'existing',
        x: 10,
        y: 20,
        kind: 'idea',
        authorId: 'user01',
        authorName: 'Ada',
        authorRole: null,
        authorCommunity: null,
        createdAt: 0,
        anonymous: false,
      },
      draft('draft1', 1, 'a'),
      draft('draft2', 2, 'b'),
    ]);
  });

  it('drafts written at the same spot by three people land side by side, never on each other or on the board’s notes', () => {
    const doc = canvasDoc(note({ id: 'note00', createdAt: 0, text: 'existing' }));
    const drafts = Array.from(
      { length: 10 },
      (_, i): NoteView => ({ ...draft(`draft${i}`, i + 1, `idée ${i}`), authorId: `user0${i % 3}`, x: 10 + (i % 3) * 5, y: 20 }),
    );
    expect(revealNotes(doc, drafts, { anonymous: false })).toBe(10);
    const all = readNotes(doc);
    expect(all).toHaveLength(11);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(notesOverlap(all[i], all[j]), `${all[i].id} / ${all[j].id}`).toBe(false);
    // Nearest free spots: the ten drafts stay within a few notes of where they were written.
    for (const n of all) expect(Math.hypot(n.x - 10, n.y - 20)).toBeLessThan(800);
  });

  it('anonymous reveal blanks the author (id, name, role, community) and stores a flag, not a word of one language', () => {
    const doc = new Y.Doc();
    revealNotes(doc, [draft('draft1', 1, 'secret')], { anonymous: true });
    expect(readNotes(doc)).toEqual([
      { ...draft('draft1', 1, 'secret'), authorId: '', authorName: '', authorRole: null, authorCommunity: null, anonymous: true },
    ]);
    expect(JSON.stringify(doc.getMap('notes').toJSON())).not.toContain('Anonyme');
    expect(noteAuthorLabel(readNotes(doc)[0], 'Anoniem')).toBe('Anoniem');
  });

  it('reads notes revealed anonymously before the flag existed ("Anonyme", no author id) as anonymous', () => {
    const doc = new Y.Doc();
    addNote(doc, { ...draft('old00001', 1, 'ancienne'), authorId: '', authorName: 'Anonyme' });
    addNote(doc, { ...draft('named001', 2, 'signée'), authorName: 'Anonyme' });
    expect(readNotes(doc).map((n) => [n.id, n.anonymous, noteAuthorLabel(n, 'Anonymous')])).toEqual([
      ['old00001', true, 'Anonymous'],
      ['named001', false, 'Anonyme'],
    ]);
  });

  it('revealing twice does not duplicate (same ids)', () => {
    const doc = new Y.Doc();
    const drafts = [draft('draft1', 1, 'a'), draft('draft2', 2, 'b')];
    expect(revealNotes(doc, drafts, { anonymous: false })).toBe(2);
    setNoteText(doc, 'draft1', 'edited after reveal');
    let added = -1;
    expect(countUpdates(doc, () => (added = revealNotes(doc, drafts, { anonymous: false })))).toBe(0);
    expect(added).toBe(0);
    expect(readNotes(doc).map((n) => [n.id, n.text])).toEqual([
      ['draft1', 'edited after reveal'],
      ['draft2', 'b'],
    ]);
  });

  it('revealed notes keep the per-note limits (text cap, clamped position)', () => {
    const doc = new Y.Doc();
    revealNotes(doc, [{ ...draft('draft1', 1, 'x'.repeat(MAX_NOTE_TEXT + 1)), x: CANVAS_LIMIT * 2 }], { anonymous: false });
    expect(onlyNote(doc)).toMatchObject({ text: 'x'.repeat(MAX_NOTE_TEXT), x: CANVAS_LIMIT });
  });

  it('clearNotes removes every note in one transaction', () => {
    const doc = canvasDoc(note({ id: 'note01', createdAt: 1 }), note({ id: 'note02', createdAt: 2 }), note({ id: 'note03', createdAt: 3 }));
    expect(countUpdates(doc, () => clearNotes(doc))).toBe(1);
    expect(readNotes(doc)).toEqual([]);
    expect(countUpdates(doc, () => clearNotes(doc))).toBe(0);
  });
});

describe('questions and votes', () => {
  const ask = (doc: Y.Doc, id: string, askedAt: number, text = 'Why?') =>
    addQuestion(doc, { id, text, authorId: `author${askedAt}`, authorName: 'Q', askedAt });

  it('addQuestion trims and caps the text at 280, open and without upvotes', () => {
    const doc = new Y.Doc();
    expect(countUpdates(doc, () => ask(doc, 'quest1', 1, '  What about parking?  '))).toBe(1);
    ask(doc, 'quest2', 2, 'w'.repeat(400));
    expect(readQuestions(doc)).toEqual([
      {
        id: 'quest1',
        text: 'What about parking?',
        authorId: 'author1',
        authorName: 'Q',
        askedAt: 1,
        answered: false,
        upvoters: [],
        hidden: false,
        anonymous: false,
      },
      { id: 'quest2', text: 'w'.repeat(280), authorId: 'author2', authorName: 'Q', askedAt: 2, answered: false, upvoters: [], hidden: false, anonymous: false },
    ]);
  });

  it('toggleQuestionUpvote adds then takes back one vote per person; unknown question → false', () => {
    const doc = new Y.Doc();
    ask(doc, 'quest1', 1);
    ask(doc, 'quest2', 2);
    let ok = false;
    expect(countUpdates(doc, () => (ok = toggleQuestionUpvote(doc, 'quest2', 'userbb')))).toBe(1);
    expect(ok).toBe(true);
    toggleQuestionUpvote(doc, 'quest2', 'useraa');
    // most upvoted open question first
    expect(readQuestions(doc).map((q) => [q.id, q.upvoters])).toEqual([
      ['quest2', ['useraa', 'userbb']],
      ['quest1', []],
    ]);
    toggleQuestionUpvote(doc, 'quest2', 'userbb');
    expect(readQuestions(doc).find((q) => q.id === 'quest2')?.upvoters).toEqual(['useraa']);
    expect(countUpdates(doc, () => (ok = toggleQuestionUpvote(doc, 'ghost1', 'useraa')))).toBe(0);
    expect(ok).toBe(false);
  });

  it('concurrent upvotes by different people on the same question both count', () => {
    const [a, b] = pair((d) => ask(d, 'quest1', 1));
    toggleQuestionUpvote(a, 'quest1', 'useraa');
    toggleQuestionUpvote(b, 'quest1', 'userbb');
    sync(a, b);
    expect(readQuestions(a)[0].upvoters).toEqual(['useraa', 'userbb']);
    expect(readQuestions(b)[0].upvoters).toEqual(['useraa', 'userbb']);
  });

  it('setQuestionAnswered moves the question after the open ones; unknown → false', () => {
    const doc = new Y.Doc();
    ask(doc, 'quest1', 1);
    ask(doc, 'quest2', 2);
    expect(setQuestionAnswered(doc, 'quest1', true)).toBe(true);
    expect(readQuestions(doc).map((q) => [q.id, q.answered])).toEqual([
      ['quest2', false],
      ['quest1', true],
    ]);
    expect(setQuestionAnswered(doc, 'quest1', false)).toBe(true);
    expect(readQuestions(doc).map((q) => q.id)).toEqual(['quest1', 'quest2']);
    expect(setQuestionAnswered(doc, 'ghost1', true)).toBe(false);
  });

  it('recordVoteResults stores results; readLatestVotes returns the most recently closed', () => {
    const doc = new Y.Doc();
    expect(readLatestVotes(doc)).toBeNull();
    const results = (roundId: string, closedAt: number): VoteResults => ({
      roundId,
      projectId: 'proj01',
      voters: 2,
      votersByGroup: { ...emptyGroupCounts(), maker: 1, commune: 1 },
      items: [{ itemId: 'note01', total: 3, byGroup: { ...emptyGroupCounts(), maker: 2, commune: 1 } }],
      closedAt,
    });
    expect(countUpdates(doc, () => recordVoteResults(doc, results('round1', 100)))).toBe(1);
    recordVoteResults(doc, results('round2', 300));
    recordVoteResults(doc, results('round3', 200));
    expect(readLatestVotes(doc)).toEqual(results('round2', 300));
  });
});
