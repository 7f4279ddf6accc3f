import { liveChallenges } from '../challenges';
import { noteAuthorLabel } from '../schema';
import type { WorkshopExport } from './exportJson';
import { latestDots, tagLabels } from './projectMarkdown';
import { type ReportLabels, fr } from './reportLabels';

/**
 * One row per note (every project of the export, or the given ones): its kind, text, author,
 * component, technologies, dots of the latest vote round, linked common challenges and number of
 * annotations. RFC 4180: comma-separated (or semicolon-separated, as spreadsheets expect in French,
 * Dutch and German locales), CRLF line ends, fields with the separator, a quote or a line break
 * quoted with quotes doubled. Strings are UTF-8 once written; `bom` prepends the byte-order mark
 * spreadsheet software needs to read accents right.
 */

export type CsvSeparator = ',' | ';';

/** What a spreadsheet may run as a formula at the start of a cell: = + - @, or tab / CR, even after spaces. */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
/**
 * Where a cell may start inside a field for a reader that splits on either separator or ends
 * records at line breaks without regard to quotes (spreadsheets differ): after , ; or a line break.
 */
const INNER_START = /([,;\r\n])(?=[\t\r]|[^\S\r\n]*[=+\-@])/g;

/**
 * One field. Text that a spreadsheet would evaluate is made inert with a leading apostrophe (shown
 * by spreadsheets as a text marker), at the start and wherever a cell could start inside it; the
 * text is otherwise kept as written. Numbers are ours (counts, coordinates) and stay numbers.
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string') {
    if (FORMULA_START.test(s)) s = `'${s}`;
    s = s.replace(INNER_START, "$1'");
  }
  // Quoted on either separator, so the field stays one cell whichever a spreadsheet splits on.
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (fields: ReadonlyArray<string | number>, separator: CsvSeparator = ',') => fields.map(csvField).join(separator);

export interface NotesCsvOptions {
  projectIds?: readonly string[];
  labels?: ReportLabels;
  bom?: boolean;
  separator?: CsvSeparator;
}

export function notesCsv(exp: WorkshopExport, options: NotesCsvOptions = {}): string {
  return csvFile([...notesCsvLines(exp, options)], options);
}

/** The file from its lines: byte-order mark if asked, CRLF line ends. */
export const csvFile = (lines: readonly string[], options: Pick<NotesCsvOptions, 'bom'> = {}) => `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;

/** The lines of `notesCsv` one at a time (the server writes a big board's in slices). */
export function* notesCsvLines(exp: WorkshopExport, options: NotesCsvOptions = {}): Generator<string> {
  const labels = options.labels ?? fr;
  const h = labels.csv;
  const sep = options.separator ?? ',';
  const row = (fields: ReadonlyArray<string | number>) => csvRow(fields, sep);
  yield row([
    h.projectId,
    h.project,
    h.commune,
    h.noteId,
    h.kind,
    h.text,
    h.author,
    h.cluster,
    h.tags,
    h.dots,
    h.challenges,
    h.comments,
    h.x,
    h.y,
    h.createdAt,
  ]);
  const challenges = liveChallenges(exp.workshop.challenges);
  for (const info of exp.workshop.projects) {
    if (options.projectIds && !options.projectIds.includes(info.id)) continue;
    const project = exp.projects.find((p) => p.projectId === info.id);
    if (!project) continue;
    const dots = latestDots(project);
    // Looked up by note, so a big board costs one pass over each list, not one per note.
    const clusterNames = new Map(project.clusters.map((k) => [k.id, k.name]));
    const linkedTo = new Map<string, string[]>();
    for (const ch of challenges) {
      for (const noteId of new Set(ch.links.filter((l) => l.projectId === info.id && l.noteId !== null).map((l) => l.noteId!))) {
        linkedTo.set(noteId, [...(linkedTo.get(noteId) ?? []), ch.title]);
      }
    }
    const commentCounts = new Map<string, number>();
    for (const m of project.comments) commentCounts.set(m.target, (commentCounts.get(m.target) ?? 0) + 1);
    for (const note of project.notes) {
      const cluster = (note.clusterId !== null && clusterNames.get(note.clusterId)) || '';
      const linked = linkedTo.get(note.id) ?? [];
      const comments = commentCounts.get(`note:${note.id}`) ?? 0;
      yield row([
        info.id,
        info.name,
        info.commune,
        note.id,
        labels.kinds[note.kind],
        note.text,
        noteAuthorLabel(note, labels.anonymous),
        cluster,
        tagLabels(exp, note.tags, labels).join('; '),
        dots.get(note.id)?.total ?? 0,
        linked.join('; '),
        comments,
        note.x,
        note.y,
        new Date(note.createdAt).toISOString(),
      ]);
    }
  }
}
