import * as Y from 'yjs';
import { MAX_TITLE, projectsMap } from './schema';
import { truncate } from './textDiff';
import type { VoteResults } from './facilitation';

/**
 * Common challenges: the workshop-wide list of challenges behind the communes' particular ones.
 *
 * Workshop document:
 *   challenges: Y.Map<challengeId, Y.Map {
 *     id, title, description, themeId, createdBy, createdAt,
 *     source: { projectId, noteId } | null          (the note it was created from)
 *     links:  Y.Map<linkKey, { projectId, noteId }>  (`p:<projectId>` or `n:<projectId>:<noteId>`, noteId null for a project)
 *     voters: Y.Map<userId, true>                    (one vote per person)
 *     dots:   Y.Map<roundId, number>                 (dot-vote totals, written when a round closes)
 *     mergedInto: string | null, mergedAt: number | null }>
 *
 * Merging marks the duplicate as merged into the other instead of copying: readers show one
 * challenge carrying the links, voters and dots of everything merged into it. So a vote or link
 * landing on the duplicate concurrently with the merge is still counted, and two people merging
 * A into B and B into A at once still converge (the smaller id of the cycle stays).
 */

export const MAX_CHALLENGE_DESCRIPTION = 2000;

export interface ChallengeLink {
  projectId: string;
  /** null for a link to the project as a whole. */
  noteId: string | null;
}

/** A challenge as stored (its own links and votes only): what JSON export keeps. */
export interface ChallengeRecord {
  id: string;
  title: string;
  description: string;
  themeId: string | null;
  createdBy: string;
  createdAt: number;
  source: { projectId: string; noteId: string } | null;
  links: ChallengeLink[];
  voters: string[];
  dots: Record<string, number>;
  mergedInto: string | null;
  mergedAt: number | null;
}

/** A live challenge with everything merged into it. */
export interface ChallengeView extends Omit<ChallengeRecord, 'dots' | 'mergedInto' | 'mergedAt'> {
  /** Projects linked directly or through one of their notes. */
  projectIds: string[];
  votes: number;
  dots: number;
  /** Ids of the challenges merged into this one (directly or not). */
  mergedFrom: string[];
}

export const challengesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('challenges');

const cleanTitle = (s: string) => truncate(s.trim().replace(/\s+/g, ' '), MAX_TITLE).trim();
const cleanDescription = (s: string) => truncate(s.trim(), MAX_CHALLENGE_DESCRIPTION).trim();
const linkKey = (l: ChallengeLink) => (l.noteId === null ? `p:${l.projectId}` : `n:${l.projectId}:${l.noteId}`);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function subMap<T>(c: Y.Map<unknown>, key: string): Y.Map<T> {
  const m = c.get(key);
  if (m instanceof Y.Map) return m as Y.Map<T>;
  const created = new Y.Map<T>();
  c.set(key, created);
  return created;
}

export interface ChallengeInit {
  id: string;
  title: string;
  description?: string;
  themeId?: string | null;
  createdBy: string;
  createdAt: number;
}

function writeChallenge(doc: Y.Doc, args: ChallengeInit, source: ChallengeRecord['source']): Y.Map<unknown> {
  const c = new Y.Map<unknown>();
  c.set('id', args.id);
  c.set('title', cleanTitle(args.title));
  c.set('description', cleanDescription(args.description ?? ''));
  c.set('themeId', args.themeId ?? null);
  c.set('createdBy', args.createdBy);
  c.set('createdAt', args.createdAt);
  c.set('source', source);
  c.set('links', new Y.Map());
  c.set('voters', new Y.Map());
  c.set('dots', new Y.Map());
  c.set('mergedInto', null);
  c.set('mergedAt', null);
  challengesMap(doc).set(args.id, c);
  return c;
}

/** False when the title is empty. */
export function addChallenge(doc: Y.Doc, args: ChallengeInit, origin?: unknown): boolean {
  if (!cleanTitle(args.title)) return false;
  doc.transact(() => writeChallenge(doc, args, null), origin);
  return true;
}

/**
 * Creates a challenge from a note (its text is usually the title), linked to that note and keeping
 * it as its source.
 */
export function createChallengeFromNote(doc: Y.Doc, args: ChallengeInit & { projectId: string; noteId: string }, origin?: unknown): boolean {
  if (!cleanTitle(args.title)) return false;
  doc.transact(() => {
    const c = writeChallenge(doc, args, { projectId: args.projectId, noteId: args.noteId });
    const link = { projectId: args.projectId, noteId: args.noteId };
    subMap<ChallengeLink>(c, 'links').set(linkKey(link), link);
  }, origin);
  return true;
}

function updateChallenge(doc: Y.Doc, id: string, change: (c: Y.Map<unknown>) => void, origin: unknown): boolean {
  const c = challengesMap(doc).get(id);
  if (!c) return false;
  doc.transact(() => change(c), origin);
  return true;
}

export const renameChallenge = (doc: Y.Doc, id: string, title: string, origin?: unknown) =>
  Boolean(cleanTitle(title)) && updateChallenge(doc, id, (c) => c.set('title', cleanTitle(title)), origin);

export const describeChallenge = (doc: Y.Doc, id: string, description: string, origin?: unknown) =>
  updateChallenge(doc, id, (c) => c.set('description', cleanDescription(description)), origin);

export const setChallengeTheme = (doc: Y.Doc, id: string, themeId: string | null, origin?: unknown) =>
  updateChallenge(doc, id, (c) => c.set('themeId', themeId), origin);

export function removeChallenge(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const map = challengesMap(doc);
  if (!map.has(id)) return false;
  doc.transact(() => map.delete(id), origin);
  return true;
}

/** Follows merges from `id`; `next` gives a challenge's `mergedInto` (undefined for an unknown id). */
function resolveWith(next: (id: string) => string | null | undefined, id: string): string | null {
  if (next(id) === undefined) return null;
  const seen: string[] = [];
  let current = id;
  for (;;) {
    seen.push(current);
    const into = next(current);
    if (typeof into !== 'string' || next(into) === undefined) return current;
    const loop = seen.indexOf(into);
    // Concurrent merges in opposite directions: the smallest id of the cycle is the survivor.
    if (loop >= 0) return [...seen.slice(loop)].sort()[0];
    current = into;
  }
}

/** The live challenge `id` resolves to, following merges; null for an unknown id. */
export function resolveChallengeId(doc: Y.Doc, id: string): string | null {
  const map = challengesMap(doc);
  return resolveWith((i) => {
    const c = map.get(i);
    if (!c) return undefined;
    const into = c.get('mergedInto');
    return typeof into === 'string' ? into : null;
  }, id);
}

/** Every stored challenge that resolves to `liveId` (itself included). */
function group(doc: Y.Doc, liveId: string): Y.Map<unknown>[] {
  return [...challengesMap(doc).entries()].filter(([id]) => resolveChallengeId(doc, id) === liveId).map(([, c]) => c);
}

/** Links a note (or, with `noteId: null`, a whole project) to the live challenge. */
export function linkChallenge(doc: Y.Doc, id: string, link: ChallengeLink, origin?: unknown): boolean {
  const live = resolveChallengeId(doc, id);
  const c = live && challengesMap(doc).get(live);
  if (!c) return false;
  doc.transact(() => subMap<ChallengeLink>(c, 'links').set(linkKey(link), { projectId: link.projectId, noteId: link.noteId }), origin);
  return true;
}

export const linkNote = (doc: Y.Doc, id: string, projectId: string, noteId: string, origin?: unknown) => linkChallenge(doc, id, { projectId, noteId }, origin);

export const linkProject = (doc: Y.Doc, id: string, projectId: string, origin?: unknown) => linkChallenge(doc, id, { projectId, noteId: null }, origin);

/**
 * Removes a note link, or with `noteId: null` the project and all its note links, from the
 * challenge and everything merged into it.
 */
export function unlink(doc: Y.Doc, id: string, link: ChallengeLink, origin?: unknown): boolean {
  const live = resolveChallengeId(doc, id);
  if (!live) return false;
  doc.transact(() => {
    for (const c of group(doc, live)) {
      const links = subMap<ChallengeLink>(c, 'links');
      for (const [key, l] of [...links.entries()]) {
        if (l.projectId === link.projectId && (link.noteId === null || l.noteId === link.noteId)) links.delete(key);
      }
    }
  }, origin);
  return true;
}

/**
 * Merges `sourceId` into `targetId`: the source disappears from the list and its links, voters and
 * dots count for the target. False when either is unknown or both are already the same challenge.
 */
export function mergeChallenges(doc: Y.Doc, args: { sourceId: string; targetId: string; mergedAt: number }, origin?: unknown): boolean {
  const source = resolveChallengeId(doc, args.sourceId);
  const target = resolveChallengeId(doc, args.targetId);
  if (!source || !target || source === target) return false;
  doc.transact(() => {
    const c = challengesMap(doc).get(source)!;
    c.set('mergedInto', target);
    c.set('mergedAt', args.mergedAt);
  }, origin);
  return true;
}

/** One vote per person on the live challenge: a second call takes it back. */
export function toggleChallengeVote(doc: Y.Doc, id: string, userId: string, origin?: unknown): boolean {
  const live = resolveChallengeId(doc, id);
  if (!live) return false;
  const members = group(doc, live);
  const voted = members.some((c) => subMap<boolean>(c, 'voters').has(userId));
  doc.transact(() => {
    if (voted) for (const c of members) subMap<boolean>(c, 'voters').delete(userId);
    else subMap<boolean>(challengesMap(doc).get(live)!, 'voters').set(userId, true);
  }, origin);
  return true;
}

/** Stores a closed dot-vote round over challenges (items are challenge ids) on each challenge. */
export function recordChallengeDots(doc: Y.Doc, results: VoteResults, origin?: unknown): number {
  let recorded = 0;
  doc.transact(() => {
    for (const item of results.items) {
      const c = challengesMap(doc).get(item.itemId);
      if (!c) continue;
      subMap<number>(c, 'dots').set(results.roundId, item.total);
      recorded++;
    }
  }, origin);
  return recorded;
}

// ---- readers -----------------------------------------------------------------------------------

export function readChallengeRecord(c: Y.Map<unknown>): ChallengeRecord {
  const links = c.get('links');
  const voters = c.get('voters');
  const dots = c.get('dots');
  const source = c.get('source') as ChallengeRecord['source'] | undefined;
  const themeId = c.get('themeId');
  const mergedInto = c.get('mergedInto');
  const mergedAt = c.get('mergedAt');
  const dotEntries = dots instanceof Y.Map ? [...(dots as Y.Map<unknown>).entries()].sort(([a], [b]) => a.localeCompare(b)) : [];
  return {
    id: str(c.get('id')),
    title: str(c.get('title')),
    description: str(c.get('description')),
    themeId: typeof themeId === 'string' ? themeId : null,
    createdBy: str(c.get('createdBy')),
    createdAt: num(c.get('createdAt')),
    source: source && typeof source === 'object' ? { projectId: str(source.projectId), noteId: str(source.noteId) } : null,
    links:
      links instanceof Y.Map
        ? [...(links as Y.Map<ChallengeLink>).values()]
            .map((l) => ({ projectId: str(l.projectId), noteId: typeof l.noteId === 'string' ? l.noteId : null }))
            .sort(byLink)
        : [],
    voters: voters instanceof Y.Map ? [...voters.keys()].sort() : [],
    dots: Object.fromEntries(dotEntries.map(([k, v]) => [k, num(v)])),
    mergedInto: typeof mergedInto === 'string' ? mergedInto : null,
    mergedAt: typeof mergedAt === 'number' ? mergedAt : null,
  };
}

/** By project, the project link before its notes. */
const byLink = (a: ChallengeLink, b: ChallengeLink) => a.projectId.localeCompare(b.projectId) || (a.noteId ?? '').localeCompare(b.noteId ?? '');

/** Every stored challenge, merged ones included, by creation. */
export function readChallengeRecords(doc: Y.Doc): ChallengeRecord[] {
  return [...challengesMap(doc).values()].map(readChallengeRecord).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Writes a challenge exactly as read (JSON import). */
export function restoreChallenge(doc: Y.Doc, r: ChallengeRecord, origin?: unknown): void {
  doc.transact(() => {
    const c = writeChallenge(doc, r, r.source);
    c.set('title', r.title);
    c.set('description', r.description);
    for (const l of r.links) subMap<ChallengeLink>(c, 'links').set(linkKey(l), { projectId: l.projectId, noteId: l.noteId });
    for (const v of r.voters) subMap<boolean>(c, 'voters').set(v, true);
    for (const [round, total] of Object.entries(r.dots)) subMap<number>(c, 'dots').set(round, total);
    c.set('mergedInto', r.mergedInto);
    c.set('mergedAt', r.mergedAt);
  }, origin);
}

export type ChallengeSort = 'votes' | 'dots' | 'newest' | 'oldest';

export interface ChallengeQuery {
  sort?: ChallengeSort;
  /** Challenges of this theme, or linked to a project of this theme. */
  themeId?: string;
  /** Challenges linked to this project (or one of its notes). */
  projectId?: string;
}

/**
 * Live challenges from stored records (pure, also used by the reports): each carries the links,
 * voters and dots of everything merged into it. In creation order.
 */
export function liveChallenges(records: readonly ChallengeRecord[]): ChallengeView[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const groups = new Map<string, ChallengeRecord[]>();
  for (const r of records) {
    const live = resolveWith((i) => (byId.has(i) ? byId.get(i)!.mergedInto : undefined), r.id)!;
    groups.set(live, [...(groups.get(live) ?? []), r]);
  }
  return [...groups]
    .map(([liveId, members]): ChallengeView => {
      const own = byId.get(liveId)!;
      const links = new Map<string, ChallengeLink>();
      const voters = new Set<string>();
      let dots = 0;
      for (const m of members) {
        for (const l of m.links) links.set(linkKey(l), l);
        for (const v of m.voters) voters.add(v);
        dots += Object.values(m.dots).reduce((s, d) => s + d, 0);
      }
      const linkList = [...links.values()].sort(byLink);
      return {
        id: own.id,
        title: own.title,
        description: own.description,
        themeId: own.themeId,
        createdBy: own.createdBy,
        createdAt: own.createdAt,
        source: own.source,
        links: linkList,
        projectIds: [...new Set(linkList.map((l) => l.projectId))].sort(),
        voters: [...voters].sort(),
        votes: voters.size,
        dots,
        mergedFrom: members
          .filter((m) => m.id !== liveId)
          .map((m) => m.id)
          .sort(),
      };
    })
    .sort(byAge);
}

const byAge = (a: ChallengeView, b: ChallengeView) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
const SORTERS: Record<ChallengeSort, (a: ChallengeView, b: ChallengeView) => number> = {
  votes: (a, b) => b.votes - a.votes || b.dots - a.dots || byAge(a, b),
  dots: (a, b) => b.dots - a.dots || b.votes - a.votes || byAge(a, b),
  newest: (a, b) => -byAge(a, b),
  oldest: byAge,
};

/** Filters and orders live challenges; `projectTheme` gives a project's theme for the theme filter. */
export function queryChallenges(
  views: readonly ChallengeView[],
  query: ChallengeQuery,
  projectTheme: (projectId: string) => string | null = () => null,
): ChallengeView[] {
  return views
    .filter(
      (v) =>
        (query.projectId === undefined || v.projectIds.includes(query.projectId)) &&
        (query.themeId === undefined || v.themeId === query.themeId || v.projectIds.some((p) => projectTheme(p) === query.themeId)),
    )
    .sort(SORTERS[query.sort ?? 'votes']);
}

/** Live challenges of the workshop, filtered; most votes first unless `sort` says otherwise. */
export function readChallenges(doc: Y.Doc, query: ChallengeQuery = {}): ChallengeView[] {
  const projectTheme = (projectId: string) => {
    const t = projectsMap(doc).get(projectId)?.get('themeId');
    return typeof t === 'string' ? t : null;
  };
  return queryChallenges(liveChallenges(readChallengeRecords(doc)), query, projectTheme);
}

/** Challenges linking this note, or with no note this project (directly or through its notes). */
export function challengeBacklinks(doc: Y.Doc, projectId: string, noteId?: string): ChallengeView[] {
  return readChallenges(doc, { projectId, sort: 'oldest' }).filter(
    (c) => noteId === undefined || c.links.some((l) => l.projectId === projectId && l.noteId === noteId),
  );
}

/** Live challenges per linked project. */
export function challengeCountsPerProject(doc: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of readChallenges(doc)) for (const p of c.projectIds) counts[p] = (counts[p] ?? 0) + 1;
  return counts;
}
