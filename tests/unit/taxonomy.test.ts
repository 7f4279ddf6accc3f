import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, type NoteInit } from '../../shared/operations';
import {
  DEFAULT_TAXONOMY,
  MAX_TAG_LABEL,
  addTag,
  filterNotes,
  readFilterableNotes,
  readNoteTags,
  readTaxonomy,
  removeTag,
  renameTag,
  seedTaxonomy,
  setNoteTags,
  tagLabel,
  toggleNoteTag,
  type FilterableNote,
} from '../../shared/taxonomy';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const note = (id: string, over: Partial<NoteInit> = {}): NoteInit => ({
  id,
  x: 0,
  y: 0,
  kind: 'idea',
  text: id,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt: 1,
  ...over,
});

describe('taxonomy in the workshop document', () => {
  it('seeds the default smart-city categories with labels in the four languages, once', () => {
    const doc = new Y.Doc();
    expect(seedTaxonomy(doc)).toBe(DEFAULT_TAXONOMY.length);
    const tags = readTaxonomy(doc);
    expect(tags.map((t) => t.id)).toEqual(DEFAULT_TAXONOMY.map((t) => t.id));
    expect(tags[0]).toEqual({ id: 'sensorsiot', fr: 'Capteurs & IoT', en: 'Sensors & IoT', nl: 'Sensoren & IoT', de: 'Sensoren & IoT', order: 0 });
    // Keys in a fixed order (the JSON export relies on it).
    expect(Object.keys(tags[0])).toEqual(['id', 'fr', 'en', 'nl', 'de', 'order']);
    for (const tag of DEFAULT_TAXONOMY) {
      for (const lang of ['fr', 'nl', 'en', 'de'] as const) expect(tag[lang]?.trim(), `${tag.id}.${lang}`).toBeTruthy();
    }
    expect(tagLabel(tags, 'opendata', 'de')).toBe('Offene Daten');
    expect(tagLabel(tags, 'smartlighting', 'nl')).toBe('Slimme verlichting');
    expect(tags.find((t) => t.id === 'connectivity')?.fr).toContain('LoRaWAN');
    for (const id of ['opendata', 'dataplatform', 'aianalytics', 'gistwin', 'mobileapp', 'citizenplatform', 'cybersecurity', 'energy', 'mobility']) {
      expect(tags.some((t) => t.id === id)).toBe(true);
    }
    renameTag(doc, 'energy', { fr: 'Énergie locale' });
    expect(seedTaxonomy(doc)).toBe(0);
    expect(tagLabel(readTaxonomy(doc), 'energy', 'fr')).toBe('Énergie locale');
  });

  it('adds a tag at the end, refuses a taken id or an empty label, trims and truncates', () => {
    const doc = new Y.Doc();
    seedTaxonomy(doc, [{ id: 'sensorsiot', fr: 'Capteurs', en: 'Sensors' }]);
    expect(addTag(doc, { id: 'blockchain', fr: '  Blockchain  ', en: '' })).toBe(true);
    expect(addTag(doc, { id: 'blockchain', fr: 'Autre', en: 'Other' })).toBe(false);
    expect(addTag(doc, { id: 'empty', fr: '   ', en: 'x' })).toBe(false);
    expect(addTag(doc, { id: 'long', fr: 'é'.repeat(100), en: 'x' })).toBe(true);
    const tags = readTaxonomy(doc);
    expect(tags.map((t) => [t.id, t.order])).toEqual([
      ['sensorsiot', 0],
      ['blockchain', 1],
      ['long', 2],
    ]);
    expect(tags[1]).toMatchObject({ fr: 'Blockchain', en: 'Blockchain' });
    expect(tags[2].fr).toHaveLength(MAX_TAG_LABEL);
  });

  it('renames either label and removes a tag; unknown ids are no-ops', () => {
    const doc = new Y.Doc();
    seedTaxonomy(doc);
    expect(renameTag(doc, 'mobileapp', { en: 'Smartphone app' })).toBe(true);
    expect(readTaxonomy(doc).find((t) => t.id === 'mobileapp')).toMatchObject({ fr: 'Application mobile', en: 'Smartphone app' });
    expect(renameTag(doc, 'nope', { fr: 'x' })).toBe(false);
    expect(removeTag(doc, 'mobileapp')).toBe(true);
    expect(removeTag(doc, 'mobileapp')).toBe(false);
    expect(readTaxonomy(doc).some((t) => t.id === 'mobileapp')).toBe(false);
    expect(tagLabel(readTaxonomy(doc), 'mobileapp', 'en')).toBeNull();
  });

  it('labels a tag without Dutch or German in English, then French', () => {
    const doc = new Y.Doc();
    // As stored before Dutch and German existed: no nl/de keys at all.
    seedTaxonomy(doc, [{ id: 'sensorsiot', fr: 'Capteurs', en: 'Sensors' }]);
    const stored = readTaxonomy(doc)[0];
    expect(stored).toEqual({ id: 'sensorsiot', fr: 'Capteurs', en: 'Sensors', order: 0 });
    expect('nl' in stored || 'de' in stored).toBe(false);
    expect(tagLabel(readTaxonomy(doc), 'sensorsiot', 'fr')).toBe('Capteurs');
    expect(tagLabel(readTaxonomy(doc), 'sensorsiot', 'nl')).toBe('Sensors');
    expect(tagLabel(readTaxonomy(doc), 'sensorsiot', 'de')).toBe('Sensors');
    expect(tagLabel(readTaxonomy(doc), 'nope', 'de')).toBeNull();

    // An empty English label (a hand-made document) falls back to French.
    expect(tagLabel([{ id: 'x', fr: 'Seulement', en: '', order: 0 }], 'x', 'nl')).toBe('Seulement');
    expect(tagLabel([{ id: 'x', fr: 'Seulement', en: '', nl: '', order: 0 }], 'x', 'nl')).toBe('Seulement');

    // Adding a German label later: German readers get it, Dutch readers still get English.
    expect(renameTag(doc, 'sensorsiot', { de: '  Sensoren  ', nl: '   ' })).toBe(true);
    expect(readTaxonomy(doc)[0]).toEqual({ id: 'sensorsiot', fr: 'Capteurs', en: 'Sensors', de: 'Sensoren', order: 0 });
    expect(tagLabel(readTaxonomy(doc), 'sensorsiot', 'de')).toBe('Sensoren');
    expect(tagLabel(readTaxonomy(doc), 'sensorsiot', 'nl')).toBe('Sensors');
    renameTag(doc, 'sensorsiot', { nl: 'Sensoren (NL)', en: 'Sensors & IoT' });
    expect(readTaxonomy(doc)[0]).toMatchObject({ fr: 'Capteurs', en: 'Sensors & IoT', nl: 'Sensoren (NL)', de: 'Sensoren' });
  });

  it('adds a tag with only some of the optional labels, trimmed and truncated', () => {
    const doc = new Y.Doc();
    expect(addTag(doc, { id: 'drones', fr: 'Drones', en: 'Drones', de: ` ${'ü'.repeat(100)} `, nl: '' })).toBe(true);
    const [tag] = readTaxonomy(doc);
    expect(Object.keys(tag)).toEqual(['id', 'fr', 'en', 'de', 'order']);
    expect(tag.de).toHaveLength(MAX_TAG_LABEL);
    expect(tagLabel([tag], 'drones', 'nl')).toBe('Drones');
  });

  it('keeps both tags added concurrently on two replicas', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    seedTaxonomy(a, [{ id: 'sensorsiot', fr: 'Capteurs', en: 'Sensors' }]);
    sync(a, b);
    addTag(a, { id: 'drones', fr: 'Drones', en: 'Drones' });
    addTag(b, { id: 'robotics', fr: 'Robotique', en: 'Robotics' });
    sync(a, b);
    expect(readTaxonomy(a)).toEqual(readTaxonomy(b));
    expect(readTaxonomy(a).map((t) => t.id)).toEqual(['sensorsiot', 'drones', 'robotics']);
  });
});

describe('tags on notes', () => {
  it('sets, toggles and reads a note’s tags; missing notes are no-ops', () => {
    const doc = new Y.Doc();
    addNote(doc, note('n1'));
    expect(setNoteTags(doc, 'n1', ['opendata', 'sensorsiot', 'opendata'])).toBe(true);
    expect(readNoteTags(doc, 'n1')).toEqual(['opendata', 'sensorsiot']);
    expect(toggleNoteTag(doc, 'n1', 'opendata')).toBe(true);
    expect(toggleNoteTag(doc, 'n1', 'energy')).toBe(true);
    expect(readNoteTags(doc, 'n1')).toEqual(['energy', 'sensorsiot']);
    expect(setNoteTags(doc, 'n1', [])).toBe(true);
    expect(readNoteTags(doc, 'n1')).toEqual([]);
    expect(setNoteTags(doc, 'gone', ['x'])).toBe(false);
    expect(toggleNoteTag(doc, 'gone', 'x')).toBe(false);
    expect(readNoteTags(doc, 'gone')).toEqual([]);
  });

  it('merges concurrent tagging of the same note by two people', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, note('n1'));
    setNoteTags(a, 'n1', ['opendata']);
    sync(a, b);
    toggleNoteTag(a, 'n1', 'sensorsiot');
    setNoteTags(b, 'n1', ['opendata', 'connectivity']);
    sync(a, b);
    expect(readNoteTags(a, 'n1')).toEqual(['connectivity', 'opendata', 'sensorsiot']);
    expect(readNoteTags(b, 'n1')).toEqual(readNoteTags(a, 'n1'));
  });
});

describe('filterNotes', () => {
  const doc = new Y.Doc();
  addNote(doc, note('n1', { kind: 'technology', authorId: 'exp1', createdAt: 1 }));
  addNote(doc, note('n2', { kind: 'need', authorId: 'com1', createdAt: 2 }));
  addNote(doc, note('n3', { kind: 'technology', authorId: 'exp2', createdAt: 3 }));
  addNote(doc, note('n4', { kind: 'idea', authorId: 'unknown', createdAt: 4 }));
  setNoteTags(doc, 'n1', ['sensorsiot', 'connectivity']);
  setNoteTags(doc, 'n2', ['opendata']);
  setNoteTags(doc, 'n3', ['sensorsiot']);
  const notes = readFilterableNotes(doc, {
    exp1: { role: 'expert', community: 'maker' },
    exp2: { role: 'expert', community: 'company' },
    com1: { role: 'commune', community: null },
  });
  const ids = (list: FilterableNote[]) => list.map((n) => n.id);

  it('reads notes with tags and author profiles', () => {
    expect(notes.map((n) => [n.id, n.tags, n.authorRole, n.authorCommunity])).toEqual([
      ['n1', ['connectivity', 'sensorsiot'], 'expert', 'maker'],
      ['n2', ['opendata'], 'commune', null],
      ['n3', ['sensorsiot'], 'expert', 'company'],
      ['n4', [], null, null],
    ]);
  });

  it('filters by tag (any or all), kind, role and community, combined', () => {
    expect(ids(filterNotes(notes, {}))).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(ids(filterNotes(notes, { tags: ['sensorsiot', 'opendata'] }))).toEqual(['n1', 'n2', 'n3']);
    expect(ids(filterNotes(notes, { tags: ['sensorsiot', 'connectivity'], tagMode: 'all' }))).toEqual(['n1']);
    expect(ids(filterNotes(notes, { kinds: ['technology'] }))).toEqual(['n1', 'n3']);
    expect(ids(filterNotes(notes, { roles: ['commune'] }))).toEqual(['n2']);
    expect(ids(filterNotes(notes, { communities: ['company', 'researcher'] }))).toEqual(['n3']);
    expect(ids(filterNotes(notes, { kinds: ['technology'], tags: ['sensorsiot'], communities: ['maker'] }))).toEqual(['n1']);
    expect(ids(filterNotes(notes, { kinds: ['risk'] }))).toEqual([]);
  });

  it('uses the role and community recorded on a note, so an author who left is still found', () => {
    const d = new Y.Doc();
    addNote(d, note('n5', { authorId: 'gone1', createdAt: 5, authorRole: 'expert', authorCommunity: 'researcher' }));
    addNote(d, note('n6', { authorId: 'gone2', createdAt: 6, authorRole: 'commune', authorCommunity: null }));
    const read = readFilterableNotes(d, { gone2: { role: 'expert', community: 'maker' } });
    expect(read.map((n) => [n.id, n.authorRole, n.authorCommunity])).toEqual([
      ['n5', 'expert', 'researcher'],
      ['n6', 'commune', null],
    ]);
    expect(ids(filterNotes(read, { communities: ['researcher'] }))).toEqual(['n5']);
  });
});
