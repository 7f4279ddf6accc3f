import * as Y from 'yjs';
import { type Community, type NoteKind, type NoteView, type Role, notesMap, readNote } from './schema';
import { truncate } from './textDiff';

/**
 * The technology taxonomy of a workshop and the tags notes carry from it.
 *
 * Workshop document:  taxonomy: Y.Map<tagId, Y.Map { id, fr, en, nl?, de?, order }>
 * Project document:   notes.<noteId>.tags: Y.Map<tagId, true>
 *
 * Tags on a note are a set (one key per tag), so two people tagging the same note at the same time
 * both keep their tag. A tag removed from the taxonomy stays on the notes (they live in other
 * documents) but readers that resolve labels skip it, so it simply disappears from view.
 */

export const MAX_TAG_LABEL = 60;

const TAG_LANGS = ['fr', 'nl', 'en', 'de'] as const;

/** The languages a tag can be labelled in. French and English are always there; Dutch and German may be missing. */
export type TagLang = 'fr' | 'nl' | 'en' | 'de';

export interface TagInit {
  id: string;
  fr: string;
  en: string;
  /** Optional: tags stored before Dutch and German labels existed (or added without them) lack these. */
  nl?: string;
  de?: string;
}

export interface TagView extends TagInit {
  order: number;
}

/** Smart-city technology categories seen in the "Regards croisés" projects. */
export const DEFAULT_TAXONOMY: readonly TagInit[] = [
  { id: 'sensorsiot', fr: 'Capteurs & IoT', nl: 'Sensoren & IoT', en: 'Sensors & IoT', de: 'Sensoren & IoT' },
  { id: 'opendata', fr: 'Données ouvertes', nl: 'Open data', en: 'Open data', de: 'Offene Daten' },
  { id: 'dataplatform', fr: 'Plateforme de données', nl: 'Dataplatform', en: 'Data platform', de: 'Datenplattform' },
  { id: 'aianalytics', fr: 'IA & analyse de données', nl: 'AI & data-analyse', en: 'AI & analytics', de: 'KI & Datenanalyse' },
  { id: 'gistwin', fr: 'SIG & jumeau numérique', nl: 'GIS & digitale tweeling', en: 'GIS & digital twin', de: 'GIS & digitaler Zwilling' },
  { id: 'mobileapp', fr: 'Application mobile', nl: 'Mobiele app', en: 'Mobile app', de: 'Mobile App' },
  {
    id: 'citizenplatform',
    fr: 'Plateforme de participation citoyenne',
    nl: 'Platform voor burgerparticipatie',
    en: 'Citizen participation platform',
    de: 'Plattform für Bürgerbeteiligung',
  },
  {
    id: 'connectivity',
    fr: 'Connectivité (LoRaWAN, 5G, wifi)',
    nl: 'Connectiviteit (LoRaWAN, 5G, wifi)',
    en: 'Connectivity (LoRaWAN, 5G, wifi)',
    de: 'Konnektivität (LoRaWAN, 5G, WLAN)',
  },
  { id: 'cybersecurity', fr: 'Cybersécurité', nl: 'Cyberbeveiliging', en: 'Cybersecurity', de: 'Cybersicherheit' },
  { id: 'energy', fr: 'Énergie', nl: 'Energie', en: 'Energy', de: 'Energie' },
  { id: 'mobility', fr: 'Mobilité', nl: 'Mobiliteit', en: 'Mobility', de: 'Mobilität' },
  { id: 'environment', fr: 'Environnement & qualité de l’air', nl: 'Milieu & luchtkwaliteit', en: 'Environment & air quality', de: 'Umwelt & Luftqualität' },
  { id: 'smartlighting', fr: 'Éclairage intelligent', nl: 'Slimme verlichting', en: 'Smart lighting', de: 'Intelligente Beleuchtung' },
  { id: 'digitalinclusion', fr: 'Inclusion numérique', nl: 'Digitale inclusie', en: 'Digital inclusion', de: 'Digitale Teilhabe' },
];

export const taxonomyMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('taxonomy');

const cleanLabel = (s: string) => truncate(s.trim(), MAX_TAG_LABEL).trim();
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function nextOrder(map: Y.Map<Y.Map<unknown>>): number {
  return Math.max(-1, ...[...map.values()].map((t) => Number(t.get('order')) || 0)) + 1;
}

function writeTag(doc: Y.Doc, tag: TagInit, order: number): void {
  const m = new Y.Map<unknown>();
  m.set('id', tag.id);
  m.set('fr', cleanLabel(tag.fr));
  m.set('en', cleanLabel(tag.en) || cleanLabel(tag.fr));
  // Dutch and German only when given: a missing one falls back to English when read (see labelIn).
  const nl = cleanLabel(tag.nl ?? '');
  const de = cleanLabel(tag.de ?? '');
  if (nl) m.set('nl', nl);
  if (de) m.set('de', de);
  m.set('order', order);
  taxonomyMap(doc).set(tag.id, m);
}

/** Adds the tags that are not there yet (by id); existing ones keep their labels. Returns how many were added. */
export function seedTaxonomy(doc: Y.Doc, tags: readonly TagInit[] = DEFAULT_TAXONOMY, origin?: unknown): number {
  const map = taxonomyMap(doc);
  let added = 0;
  doc.transact(() => {
    for (const tag of tags) {
      if (map.has(tag.id) || !cleanLabel(tag.fr)) continue;
      writeTag(doc, tag, nextOrder(map));
      added++;
    }
  }, origin);
  return added;
}

/**
 * False when the id is taken or the French label is empty; the English label defaults to the French
 * one, and missing Dutch and German labels are left out (they fall back to English, then French).
 */
export function addTag(doc: Y.Doc, tag: TagInit, origin?: unknown): boolean {
  const map = taxonomyMap(doc);
  if (map.has(tag.id) || !cleanLabel(tag.fr)) return false;
  doc.transact(() => writeTag(doc, tag, nextOrder(map)), origin);
  return true;
}

/** Changes any of the labels; an empty label leaves that label as it was. */
export function renameTag(doc: Y.Doc, id: string, labels: Partial<Record<TagLang, string>>, origin?: unknown): boolean {
  const tag = taxonomyMap(doc).get(id);
  if (!tag) return false;
  doc.transact(() => {
    for (const lang of TAG_LANGS) {
      const label = cleanLabel(labels[lang] ?? '');
      if (label) tag.set(lang, label);
    }
  }, origin);
  return true;
}

export function removeTag(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const map = taxonomyMap(doc);
  if (!map.has(id)) return false;
  doc.transact(() => map.delete(id), origin);
  return true;
}

/**
 * A tag as plain data, keys always in the same order. `nl` and `de` are present only when set, so a
 * tag without them reads (and exports) exactly as it did before those languages existed.
 */
export function readTag(m: Y.Map<unknown>): TagView {
  const order = m.get('order');
  const nl = str(m.get('nl'));
  const de = str(m.get('de'));
  return {
    id: str(m.get('id')),
    fr: str(m.get('fr')),
    en: str(m.get('en')),
    ...(nl ? { nl } : {}),
    ...(de ? { de } : {}),
    order: typeof order === 'number' ? order : 0,
  };
}

export function readTaxonomy(doc: Y.Doc): TagView[] {
  return [...taxonomyMap(doc).values()].map(readTag).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The label of a tag in a language; a missing label falls back to English, then French. */
export function labelIn(tag: TagInit, lang: TagLang): string {
  return tag[lang] || tag.en || tag.fr;
}

/** The label of a tag in a language (see `labelIn`), or null for a tag no longer in the taxonomy. */
export function tagLabel(taxonomy: readonly TagView[], id: string, lang: TagLang): string | null {
  const tag = taxonomy.find((t) => t.id === id);
  return tag ? labelIn(tag, lang) : null;
}

// ---- tags on notes (project document) ---------------------------------------------------------

/** The note's tag set, created on first use. */
function tagsOf(note: Y.Map<unknown>): Y.Map<boolean> {
  const existing = note.get('tags');
  if (existing instanceof Y.Map) return existing as Y.Map<boolean>;
  const tags = new Y.Map<boolean>();
  note.set('tags', tags);
  return tags;
}

/**
 * Makes the note's tags equal `tagIds`, touching only the tags that change so a tag someone else
 * adds at the same moment is kept.
 */
export function setNoteTags(doc: Y.Doc, noteId: string, tagIds: readonly string[], origin?: unknown): boolean {
  const note = notesMap(doc).get(noteId);
  if (!note) return false;
  const wanted = new Set(tagIds);
  doc.transact(() => {
    const tags = tagsOf(note);
    for (const id of [...tags.keys()]) if (!wanted.has(id)) tags.delete(id);
    for (const id of wanted) if (!tags.has(id)) tags.set(id, true);
  }, origin);
  return true;
}

export function toggleNoteTag(doc: Y.Doc, noteId: string, tagId: string, origin?: unknown): boolean {
  const note = notesMap(doc).get(noteId);
  if (!note) return false;
  doc.transact(() => {
    const tags = tagsOf(note);
    if (tags.has(tagId)) tags.delete(tagId);
    else tags.set(tagId, true);
  }, origin);
  return true;
}

/** Tag ids on a note (sorted), including ids no longer in the taxonomy. */
export function readNoteTagIds(note: Y.Map<unknown>): string[] {
  const tags = note.get('tags');
  return tags instanceof Y.Map ? [...tags.keys()].sort() : [];
}

export function readNoteTags(doc: Y.Doc, noteId: string): string[] {
  const note = notesMap(doc).get(noteId);
  return note ? readNoteTagIds(note) : [];
}

// ---- filtering ---------------------------------------------------------------------------------

export interface AuthorProfile {
  role: Role;
  community: Community | null;
}

/** What the filters look at: a note with its tags and, when known, its author's role and community. */
export interface FilterableNote extends NoteView {
  tags: string[];
}

export interface NoteFilter {
  /** Notes carrying any of these tags (or all of them with `tagMode: 'all'`). */
  tags?: readonly string[];
  tagMode?: 'any' | 'all';
  kinds?: readonly NoteKind[];
  roles?: readonly Role[];
  communities?: readonly Community[];
}

/**
 * The notes of a canvas with their tags. Notes do not record their author's role, so it comes from
 * `profiles` (userId → role and community, e.g. from the people in the room).
 */
export function readFilterableNotes(doc: Y.Doc, profiles: Readonly<Record<string, AuthorProfile>> = {}): FilterableNote[] {
  return [...notesMap(doc).values()]
    .map((m) => {
      const note = readNote(m);
      const profile = profiles[note.authorId];
      // Recorded on the note since it exists; older notes fall back to what is known of their author.
      const authorRole = note.authorRole ?? profile?.role ?? null;
      const authorCommunity = note.authorRole ? note.authorCommunity : (profile?.community ?? null);
      return { ...note, tags: readNoteTagIds(m), authorRole, authorCommunity };
    })
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Keeps the notes matching every given criterion; an empty or missing criterion does not filter. */
export function filterNotes<T extends FilterableNote>(notes: readonly T[], criteria: NoteFilter): T[] {
  const has = <V>(list: readonly V[] | undefined): list is readonly V[] => list !== undefined && list.length > 0;
  return notes.filter((note) => {
    if (has(criteria.kinds) && !criteria.kinds.includes(note.kind)) return false;
    if (has(criteria.roles) && !(note.authorRole && criteria.roles.includes(note.authorRole))) return false;
    if (has(criteria.communities) && !(note.authorCommunity && criteria.communities.includes(note.authorCommunity))) return false;
    if (has(criteria.tags)) {
      const match = (t: string) => note.tags.includes(t);
      if (criteria.tagMode === 'all' ? !criteria.tags.every(match) : !criteria.tags.some(match)) return false;
    }
    return true;
  });
}
