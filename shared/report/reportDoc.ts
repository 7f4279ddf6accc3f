import { collapse, escapeMarkdown, inline } from './markdownText';

/**
 * A report as plain blocks (headings, paragraphs, lists, label–value lines, tables) holding the raw
 * text people typed. One builder (the dossier, the synthesis) makes the blocks; each format renders
 * them its own way — Markdown here (user text escaped), Word in reportDocx.ts, the printable page in
 * the client — so the three always say the same thing.
 */

/** A piece of text; `strong` for the report's own emphasis (labels), never for user text. */
export type Run = string | { text: string; strong?: boolean; muted?: boolean };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[] }
  /** User text that may span lines (a description): one paragraph per line. */
  | { type: 'text'; text: string }
  | { type: 'bullets'; items: Run[][] }
  /** Label: value lines (the record's facts). */
  | { type: 'fields'; rows: Array<{ label: string; value: string }> }
  | { type: 'table'; header: string[]; rows: string[][] };

export interface ReportDoc {
  /** The document's language (typography: French puts a space before a colon). */
  lang: 'fr' | 'nl' | 'en' | 'de';
  title: string;
  /** A line under the title (what the document is, for whom). */
  subtitle: string;
  blocks: Block[];
}

export const runText = (r: Run) => (typeof r === 'string' ? r : r.text);

/** Lines of user text, blank ones dropped. */
export const textLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** User text in the middle of a line: escaped, but it cannot start a block there. */
const midLine = (text: string) => escapeMarkdown(` ${collapse(text)}`).slice(1);

/** A run, its outer spaces kept outside any emphasis; only a line's first run can start a block. */
function runMarkdown(r: Run, first: boolean): string {
  const text = runText(r);
  const lead = /^\s/.test(text) ? ' ' : '';
  const trail = /\s$/.test(text) ? ' ' : '';
  const t = first && !lead ? inline(text) : midLine(text);
  if (!t) return lead || trail;
  const body = typeof r === 'string' ? t : r.strong ? `**${t}**` : r.muted ? `_${t}_` : t;
  return `${lead}${body}${trail}`;
}

const runsMarkdown = (runs: readonly Run[]) => runs.map((r, i) => runMarkdown(r, i === 0)).join('');

/** A table cell: one line, escaped (pipes included). */
const cell = (s: string) => inline(s) || ' ';

/** The document as Markdown: every piece of text escaped, so what people typed shows as typed. */
export function reportMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${midLine(doc.title)}`, '', `_${midLine(doc.subtitle)}_`, ''];
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(`${'#'.repeat(b.level + 1)} ${midLine(b.text)}`, '');
        break;
      case 'paragraph':
        out.push(runsMarkdown(b.runs), '');
        break;
      case 'text':
        for (const line of textLines(b.text)) out.push(escapeMarkdown(line.replace(/\s+/g, ' ')), '');
        break;
      case 'bullets':
        out.push(...b.items.map((item) => `- ${runsMarkdown(item)}`), '');
        break;
      case 'fields':
        out.push(...b.rows.map((r) => `- **${midLine(r.label)}**${colon(doc)}${midLine(r.value)}`), '');
        break;
      case 'table':
        out.push(
          `| ${b.header.map(cell).join(' | ')} |`,
          `| ${b.header.map(() => '---').join(' | ')} |`,
          ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          '',
        );
        break;
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** "Label : value" in French, "Label: value" elsewhere. */
export const colon = (doc: Pick<ReportDoc, 'lang'>) => (doc.lang === 'fr' ? ' : ' : ': ');
