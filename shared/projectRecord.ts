import type * as Y from 'yjs';
import { truncate } from './textDiff';

/**
 * The project record ("fiche projet"): what a commune needs to state in its call-for-projects
 * application beyond the board — held as plain fields of the project's map in the workshop
 * document (`projects/<id>/<field>`), so it is co-edited live like the rest and travels in the JSON
 * export. Facilitators and participants who joined as a commune may write it (writePolicy.ts).
 *
 * The budget is a range of the project's total cost, and the share the call's co-financing would
 * pay (the Region pays about half): the amounts are computed, never stored, so they cannot disagree.
 */

/** Free-text fields, in the order the editor and the dossier show them. */
export const RECORD_TEXT_FIELDS = ['description', 'objectives', 'outcomes', 'contact', 'callTheme', 'approachNote', 'connections', 'timeline'] as const;
export type RecordTextField = (typeof RECORD_TEXT_FIELDS)[number];

/** New on this territory, or the replication of an existing smart project: the juries weigh both. */
export const APPROACHES = ['new', 'replicated'] as const;
export type Approach = (typeof APPROACHES)[number];

export const RECORD_NUMBER_FIELDS = ['budgetMin', 'budgetMax', 'aidRate'] as const;
export type RecordNumberField = (typeof RECORD_NUMBER_FIELDS)[number];

/** Every field of the record a client may write (the write policy names each). */
export const RECORD_FIELDS = [...RECORD_TEXT_FIELDS, 'approach', ...RECORD_NUMBER_FIELDS] as const;

/** Longest text of a record field (a description of a few paragraphs). */
export const MAX_RECORD_TEXT = 4000;
/** Short fields (contact, call theme, timeline) are one line. */
export const SHORT_RECORD_FIELDS: ReadonlySet<RecordTextField> = new Set(['contact', 'callTheme', 'timeline']);
export const MAX_BUDGET = 1_000_000_000;
/** The Region's usual share of a "Territoire intelligent" project, in percent. */
export const DEFAULT_AID_RATE = 50;

export interface ProjectRecord {
  description: string;
  objectives: string;
  outcomes: string;
  contact: string;
  callTheme: string;
  approach: Approach | null;
  approachNote: string;
  connections: string;
  budgetMin: number | null;
  budgetMax: number | null;
  /** Percent of the cost the call's co-financing pays; null: not stated (DEFAULT_AID_RATE is assumed). */
  aidRate: number | null;
  timeline: string;
}

export const EMPTY_RECORD: ProjectRecord = {
  description: '',
  objectives: '',
  outcomes: '',
  contact: '',
  callTheme: '',
  approach: null,
  approachNote: '',
  connections: '',
  budgetMin: null,
  budgetMax: null,
  aidRate: null,
  timeline: '',
};

const isApproach = (v: unknown): v is Approach => typeof v === 'string' && (APPROACHES as readonly string[]).includes(v);
const amount = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** The record of a project's map (absent fields read as empty: older workshops have none). */
export function readRecord(m: Y.Map<unknown>): ProjectRecord {
  const text = (k: RecordTextField) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const rate = amount(m.get('aidRate'));
  return {
    description: text('description'),
    objectives: text('objectives'),
    outcomes: text('outcomes'),
    contact: text('contact'),
    callTheme: text('callTheme'),
    approach: isApproach(m.get('approach')) ? (m.get('approach') as Approach) : null,
    approachNote: text('approachNote'),
    connections: text('connections'),
    budgetMin: amount(m.get('budgetMin')),
    budgetMax: amount(m.get('budgetMax')),
    aidRate: rate === null ? null : Math.min(100, rate),
    timeline: text('timeline'),
  };
}

export const isRecordEmpty = (r: ProjectRecord) =>
  RECORD_TEXT_FIELDS.every((k) => !r[k].trim()) && r.approach === null && r.budgetMin === null && r.budgetMax === null && r.aidRate === null;

function updateRecord(doc: Y.Doc, projectId: string, change: (p: Y.Map<unknown>) => void): boolean {
  // The workshop document's `projects` map (schema.ts reads records through this file).
  const project = doc.getMap<Y.Map<unknown>>('projects').get(projectId);
  if (!project) return false;
  doc.transact(() => change(project));
  return true;
}

/** One text field; an empty text removes the field (an untouched record stays as it was). */
export const setRecordText = (doc: Y.Doc, projectId: string, field: RecordTextField, value: string) =>
  updateRecord(doc, projectId, (p) => {
    const v = truncate(value, SHORT_RECORD_FIELDS.has(field) ? 200 : MAX_RECORD_TEXT);
    if (v.trim()) p.set(field, v);
    else if (p.has(field)) p.delete(field);
  });

export const setRecordApproach = (doc: Y.Doc, projectId: string, approach: Approach | null) =>
  updateRecord(doc, projectId, (p) => {
    if (approach) p.set('approach', approach);
    else if (p.has('approach')) p.delete('approach');
  });

/** A budget figure in euros, or the aid rate in percent; null (or anything not a finite amount) clears it. */
export const setRecordNumber = (doc: Y.Doc, projectId: string, field: RecordNumberField, value: number | null) =>
  updateRecord(doc, projectId, (p) => {
    const v = amount(value);
    if (v === null) {
      if (p.has(field)) p.delete(field);
      return;
    }
    p.set(field, Math.round(Math.min(field === 'aidRate' ? 100 : MAX_BUDGET, v)));
  });

export interface BudgetFrame {
  /** Total cost, low and high (equal when one figure is given). */
  low: number;
  high: number;
  rate: number;
  /** Whether the rate is the call's usual one rather than one stated in the record. */
  rateAssumed: boolean;
  aidLow: number;
  aidHigh: number;
  ownLow: number;
  ownHigh: number;
}

/** The budget frame with the co-financing computed, or null when no cost is stated. */
export function budgetFrame(r: ProjectRecord): BudgetFrame | null {
  const figures = [r.budgetMin, r.budgetMax].filter((v): v is number => v !== null);
  if (figures.length === 0) return null;
  const low = Math.min(...figures);
  const high = Math.max(...figures);
  const rate = r.aidRate ?? DEFAULT_AID_RATE;
  const aid = (v: number) => Math.round((v * rate) / 100);
  return { low, high, rate, rateAssumed: r.aidRate === null, aidLow: aid(low), aidHigh: aid(high), ownLow: low - aid(low), ownHigh: high - aid(high) };
}

/** The fields a stored record holds: the non-empty ones (what `readRecord` reads back the same). */
export function recordEntries(r: ProjectRecord): Array<[string, string | number]> {
  const out: Array<[string, string | number]> = [];
  for (const k of RECORD_FIELDS) {
    const v = r[k];
    if (typeof v === 'number' || (typeof v === 'string' && v.trim())) out.push([k, v]);
  }
  return out;
}

/** How many of the record's parts are filled in (budget counts once), out of `RECORD_PARTS`. */
export function recordFilled(r: ProjectRecord): number {
  return RECORD_TEXT_FIELDS.filter((k) => r[k].trim()).length + (r.approach ? 1 : 0) + (r.budgetMin !== null || r.budgetMax !== null ? 1 : 0);
}
export const RECORD_PARTS = RECORD_TEXT_FIELDS.length + 2;
