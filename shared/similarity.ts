/**
 * Local text similarity for "similar notes in other projects" — no external service.
 * normalise (lower case, no accents) → tokenise → drop French/English stop words → light stemming
 * → TF-IDF cosine over the candidate corpus. Light rather than full stemming: short workshop notes
 * need plural and derivation variants to meet ("capteurs de qualité de l'air" ~ "capteur qualité
 * air", "mobilité" ~ "mobility") without merging unrelated words.
 */

// Written without accents: they are compared after normalisation.
const FRENCH_STOP_WORDS =
  'a au aux avec ce ces cet cette ceci cela ca dans de des du d elle elles en est et etre eux il ils je j la le les l leur leurs lui ma mais me meme mes moi mon ne n nos notre nous on ou où par pas pour qu que qui quoi sa se ses si son sont sur ta te tes toi ton tu un une unes uns vos votre vous y c s t m plus tres tout tous toute toutes sans sous entre comme donc ni car afin ainsi chez vers via etc'.split(
    ' ',
  );
const ENGLISH_STOP_WORDS =
  'a an and are as at be been but by can for from has have how if in into is it its of on or our so such than that the their them then there these they this to too was we were what when where which while who will with you your not no do does'.split(
    ' ',
  );

export const STOP_WORDS: ReadonlySet<string> = new Set([...FRENCH_STOP_WORDS, ...ENGLISH_STOP_WORDS]);

/** Lower case, accents and ligatures removed, apostrophes and punctuation turned into spaces. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Suffix rewrites applied by `stem` (the longest match wins), French and English side by side so
 * "qualité"/"quality", "énergie"/"energy" or "numérique"/"numeric" meet, while "mobile" and
 * "mobilité" stay apart.
 */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = (
  [
    ['issement', ''],
    ['atrice', ''],
    ['ateur', ''],
    ['ation', ''],
    ['ition', ''],
    ['ement', ''],
    ['ment', ''],
    ['ite', 'it'],
    ['ity', 'it'],
    ['iti', 'it'],
    ['ique', 'iq'],
    ['ic', 'iq'],
    ['isme', 'ism'],
    ['ism', 'ism'],
    ['iste', 'ist'],
    ['ist', 'ist'],
    ['able', ''],
    ['ible', ''],
    ['euse', ''],
    ['eur', ''],
    ['ive', 'iv'],
    ['ie', 'i'],
    ['y', 'i'],
    ['ness', ''],
    ['ing', ''],
    ['er', ''],
    ['ed', ''],
    ['ly', ''],
    ['e', ''],
  ] as const
)
  .map(([s, r]) => [s, r] as const)
  .sort((a, b) => b[0].length - a[0].length);

const MIN_STEM = 3;

/**
 * A light French/English stemmer: plural `s`/`x` (`aux` → `al`, `eaux` → `eau`), then one common
 * suffix, keeping at least three letters. It only needs to map variants of a word to the same key,
 * not to a real root.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('eaux')) w = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  else if (w.length > 3 && (w.endsWith('x') || (w.endsWith('s') && !w.endsWith('ss')))) w = w.slice(0, -1);
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  return w;
}

/** Normalised, stop-word-free, stemmed terms of a text (numbers kept, single letters dropped). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of normalizeText(text).split(' ')) {
    if (token.length < 2 || STOP_WORDS.has(token)) continue;
    out.push(/^\d+$/.test(token) ? token : stem(token));
  }
  return out;
}

export interface SimilarityHit<T> {
  item: T;
  score: number;
}

export interface SimilarityOptions {
  /** Minimum cosine similarity (0–1) to count as similar. */
  threshold?: number;
  limit?: number;
}

export const DEFAULT_SIMILARITY_THRESHOLD = 0.3;

type Vector = Map<string, number>;

function counts(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function weigh(tf: Map<string, number>, idf: (t: string) => number): Vector {
  const v: Vector = new Map();
  for (const [t, n] of tf) v.set(t, (1 + Math.log(n)) * idf(t));
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot / d;
}

/**
 * Ranks candidates by TF-IDF cosine similarity to `query`, the IDF taken over the candidates (a
 * word every note uses weighs little). Hits below the threshold are left out; ties keep input order.
 */
export function rankSimilar<T>(query: string, candidates: readonly T[], textOf: (item: T) => string, options: SimilarityOptions = {}): SimilarityHit<T>[] {
  const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const queryTf = counts(terms(query));
  if (queryTf.size === 0 || candidates.length === 0) return [];
  const candidateTf = candidates.map((c) => counts(terms(textOf(c))));
  const df = new Map<string, number>();
  for (const tf of candidateTf) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  // Smoothed IDF: a term of every candidate still counts a little, an unseen one counts most.
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const q = weigh(queryTf, idf);
  const hits = candidates
    .map((item, i) => ({ item, score: cosine(q, weigh(candidateTf[i], idf)), i }))
    .filter((h) => h.score >= threshold && h.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ item, score }) => ({ item, score: Math.round(score * 1e6) / 1e6 }));
  return options.limit === undefined ? hits : hits.slice(0, options.limit);
}

/** Similarity of two texts alone (IDF over the pair), for quick duplicate checks. */
export function textSimilarity(a: string, b: string): number {
  return rankSimilar(a, [b], (t) => t, { threshold: 0 })[0]?.score ?? 0;
}
