import type * as Y from 'yjs';
import { readNotes, readWorkshop, type NoteView } from './schema';
import { readClusters } from './clusters';
import { readThreads, parseTargetKey } from './comments';
import { readChallenges } from './challenges';
import { normalizeText, terms } from './similarity';

/**
 * Search across a workshop: notes, clusters, comments and common challenges. `search` is a pure
 * function over plain entries; `buildSearchEntries` makes them from the documents at hand (the
 * workshop and whichever project documents are loaded). Matching uses the same normalisation and
 * stemming as similar-note suggestions, so "capteurs" finds "capteur" and "qualité" finds "qualite";
 * every query word must match (a word also matches as the start of a longer one, for typing).
 */

export type SearchKind = 'challenge' | 'note' | 'cluster' | 'comment';

export interface SearchLocation {
  projectId: string | null;
  noteId: string | null;
  clusterId: string | null;
  challengeId: string | null;
  commentId: string | null;
}

export interface SearchEntry {
  kind: SearchKind;
  id: string;
  text: string;
  location: SearchLocation;
}

export interface SearchHit extends SearchEntry {
  score: number;
}

const nowhere: SearchLocation = { projectId: null, noteId: null, clusterId: null, challengeId: null, commentId: null };

/** Plain entries for `search`, in a stable order. `projectDocs` maps project ids to their canvas documents. */
export function buildSearchEntries(workshop: Y.Doc, projectDocs: Readonly<Record<string, Y.Doc>>): SearchEntry[] {
  const projectIds = [...new Set(readWorkshop(workshop).projects.map((p) => p.id))].filter((id) => Object.hasOwn(projectDocs, id));
  return [...workshopSearchEntries(workshop), ...projectIds.flatMap((id) => projectSearchEntries(id, projectDocs[id]))];
}

/** Entries of the workshop document itself: the common challenges. */
export function workshopSearchEntries(workshop: Y.Doc): SearchEntry[] {
  return readChallenges(workshop, { sort: 'oldest' }).map((c) => ({
    kind: 'challenge',
    id: c.id,
    text: [c.title, c.description].filter(Boolean).join('\n'),
    location: { ...nowhere, challengeId: c.id },
  }));
}

/** Entries of one project canvas: notes (given when read already), clusters and comments. */
export function projectSearchEntries(projectId: string, doc: Y.Doc, notes: readonly NoteView[] = readNotes(doc)): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const n of notes) entries.push({ kind: 'note', id: n.id, text: n.text, location: { ...nowhere, projectId, noteId: n.id } });
  for (const c of readClusters(doc)) entries.push({ kind: 'cluster', id: c.id, text: c.name, location: { ...nowhere, projectId, clusterId: c.id } });
  for (const thread of readThreads(doc)) {
    const target = parseTargetKey(thread.target);
    for (const c of thread.comments) {
      entries.push({
        kind: 'comment',
        id: c.id,
        text: c.text,
        location: {
          ...nowhere,
          projectId,
          noteId: target?.type === 'note' ? target.id : null,
          clusterId: target?.type === 'cluster' ? target.id : null,
          commentId: c.id,
        },
      });
    }
  }
  return entries;
}

export interface SearchOptions {
  kinds?: readonly SearchKind[];
  projectId?: string;
  limit?: number;
}

const KIND_RANK: Record<SearchKind, number> = { challenge: 0, note: 1, cluster: 2, comment: 3 };
const PREFIX_WEIGHT = 0.5;

/**
 * Entries matching every word of the query, best first: rarer words weigh more (IDF over the
 * entries), exact words more than prefixes, short texts more than long ones, and the whole query
 * found as written adds a bonus. Ties: challenges, notes, clusters, comments, then by id.
 */
export function search(entries: readonly SearchEntry[], query: string, options: SearchOptions = {}): SearchHit[] {
  return searchIndexed(entries, entries.map(indexEntry), query, options);
}

/** An entry's text as matched: its words and its normalised whole. */
export interface IndexedText {
  terms: readonly string[];
  normalized: string;
}

/** The costly part of a search, once per entry (the server computes it a slice at a time). */
export const indexEntry = (entry: SearchEntry): IndexedText => ({ terms: terms(entry.text), normalized: normalizeText(entry.text) });

/** `search` with each entry's `indexEntry` given, in the same order. */
export function searchIndexed(entries: readonly SearchEntry[], index: readonly IndexedText[], query: string, options: SearchOptions = {}): SearchHit[] {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0) return [];
  const kept = entries
    .map((_, i) => i)
    .filter(
      (i) =>
        (!options.kinds || options.kinds.includes(entries[i].kind)) && (options.projectId === undefined || entries[i].location.projectId === options.projectId),
    );
  const pool = kept.map((i) => entries[i]);
  const entryTerms = kept.map((i) => index[i].terms);
  const normalized = kept.map((i) => index[i].normalized);
  const idf = (q: string) => {
    const df = entryTerms.filter((ts) => ts.some((t) => t.startsWith(q))).length;
    return Math.log((pool.length + 1) / (df + 1)) + 1;
  };
  const idfs = new Map(queryTerms.map((q) => [q, idf(q)]));
  const phrase = normalizeText(query);
  const hits: SearchHit[] = [];
  pool.forEach((entry, i) => {
    const ts = entryTerms[i];
    if (ts.length === 0) return;
    let score = 0;
    for (const q of queryTerms) {
      const exact = ts.filter((t) => t === q).length;
      const prefix = exact > 0 ? 0 : ts.filter((t) => t.startsWith(q)).length;
      if (exact === 0 && prefix === 0) return;
      const weight = exact > 0 ? 1 + Math.log(exact) : PREFIX_WEIGHT * (1 + Math.log(prefix));
      score += weight * idfs.get(q)!;
    }
    score /= Math.sqrt(ts.length);
    if (phrase && normalized[i].includes(phrase)) score += 1;
    hits.push({ ...entry, score: Math.round(score * 1e6) / 1e6 });
  });
  // Ids are ASCII: comparing code points orders them as localeCompare would, many times faster (ties
  // are common in a big board of similar notes).
  hits.sort((a, b) => b.score - a.score || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return options.limit === undefined ? hits : hits.slice(0, options.limit);
}

/** A hit with the project (and its commune) it comes from, so a result says where it is. */
export interface PlacedHit extends SearchHit {
  project: { name: string; commune: string } | null;
}

/** Names each hit's project; a challenge belongs to the workshop (null). */
export function placeHits(hits: readonly SearchHit[], projects: ReadonlyArray<{ id: string; name: string; commune: string }>): PlacedHit[] {
  const byId = new Map(projects.map((p) => [p.id, { name: p.name, commune: p.commune }]));
  return hits.map((h) => ({ ...h, project: (h.location.projectId !== null && byId.get(h.location.projectId)) || null }));
}
