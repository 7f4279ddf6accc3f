import MarkdownIt from 'markdown-it';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChallenge, linkProject } from '../../shared/challenges';
import { addCluster, assignNotes } from '../../shared/clusters';
import { addComment } from '../../shared/comments';
import { addNote, addProject, initWorkshop } from '../../shared/operations';
import { declareInterest } from '../../shared/partners';
import { exportWorkshop, type WorkshopExport } from '../../shared/report/exportJson';
import { collapse } from '../../shared/report/markdownText';
import { notesCsv, type CsvSeparator } from '../../shared/report/notesCsv';
import { projectMarkdown } from '../../shared/report/projectMarkdown';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { seedTaxonomy, setNoteTags } from '../../shared/taxonomy';
import { addQuestion } from '../../shared/operations';
import { setRecordText } from '../../shared/projectRecord';
import { projectDossier } from '../../shared/report/projectDossier';
import { type ReportDoc, reportMarkdown } from '../../shared/report/reportDoc';
import { reportDocx } from '../../shared/report/reportDocx';
import { workshopSynthesis } from '../../shared/report/workshopSynthesis';
import { ReportDocView } from '../../client/reports/ReportDocView';
import { docxParagraphs } from '../helpers/docxText';

/** What people could type to turn a report into markup, a link, a tracking image or a formula. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="https://evil.example">clic</a>',
  '[clic](javascript:alert(1))',
  '![pixel](https://tracker.example/p.gif)',
  '[ref]: https://evil.example',
  '<https://evil.example>',
  'voir https://evil.example/x et www.evil.example',
  'écrire à evil@example.com',
  'javascript:alert(1)',
  '# Titre\n## Sous-titre',
  'ligne\n- puce\n1. numéro\n> citation\n```\ncode\n```',
  '---',
  '===',
  '1. liste',
  '2) liste',
  '+ plus',
  '**gras** _italique_ `code` ~~barré~~',
  '| a | b |\n|---|---|',
  '&lt;b&gt; &#60;i&#62; &amp;',
  '\\*pas\\* échappé\\',
  '=HYPERLINK("https://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  ' =1',
  'a;=1+1',
  'a,=1+1',
  'x\n=1+1',
];

/** A workshop where every piece of user text is `s`. */
function workshopOf(s: string): WorkshopExport {
  const workshop = new Y.Doc();
  initWorkshop(workshop, { title: s, createdAt: 1, themes: [{ id: 'theme1', name: s }] });
  seedTaxonomy(workshop, [{ id: 'tag1', fr: s, en: s }]);
  addProject(workshop, { id: 'proj01', name: s, commune: s, themeId: 'theme1', createdAt: 2 });
  for (const field of ['description', 'objectives', 'outcomes', 'contact', 'callTheme', 'approachNote', 'connections', 'timeline'] as const)
    setRecordText(workshop, 'proj01', field, s);
  addChallenge(workshop, { id: 'chal01', title: s, description: s, createdBy: 'u1', createdAt: 3 });
  linkProject(workshop, 'chal01', 'proj01');
  const canvas = new Y.Doc();
  addNote(canvas, { id: 'note01', x: 0, y: 0, kind: 'idea', text: s, authorId: 'u1', authorName: s, createdAt: 4 });
  addNote(canvas, { id: 'note02', x: 0, y: 0, kind: 'risk', text: s, authorId: 'u1', authorName: s, createdAt: 5 });
  setNoteTags(canvas, 'note01', ['tag1']);
  addComment(canvas, {
    id: 'comm02',
    target: { type: 'note', id: 'note02' },
    text: s,
    authorId: 'u2',
    authorName: s,
    authorRole: 'expert',
    authorCommunity: 'company',
    createdAt: 7,
  });
  addQuestion(canvas, { id: 'ques01', text: s.slice(0, 280), authorId: 'u4', authorName: s, askedAt: 9 });
  addCluster(canvas, { id: 'clus01', name: s, x: 0, y: 0, width: 10, height: 10, createdAt: 6 });
  assignNotes(canvas, 'clus01', ['note01']);
  addComment(canvas, {
    id: 'comm01',
    target: { type: 'note', id: 'note01' },
    text: s,
    authorId: 'u2',
    authorName: s,
    authorRole: 'expert',
    authorCommunity: 'maker',
    createdAt: 7,
  });
  declareInterest(canvas, {
    id: 'part01',
    name: s,
    organisation: s,
    partnerType: 'company',
    offers: ['funding'],
    description: s,
    consent: true,
    contact: s,
    declaredBy: 'u3',
    createdAt: 8,
  });
  return exportWorkshop(workshop, { proj01: canvas });
}

const markdownIt = new MarkdownIt({ html: true, linkify: true });
/** The element structure of some HTML: tag names in order. */
const skeleton = (html: string) => [...html.matchAll(/<\/?([a-z][a-z0-9]*)/g)].map((m) => m[0]);
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

const reports = (exp: WorkshopExport) => [projectMarkdown(exp, 'proj01'), workshopMarkdown(exp)];
const benign = reports(workshopOf('texte'));
/** The dossier and the synthesis, as blocks (rendered as Markdown, Word and the printable page). */
const documents = (exp: WorkshopExport): ReportDoc[] => [
  projectDossier(exp, 'proj01', 'fr')!,
  workshopSynthesis(exp, 'fr', [{ userId: 'u1', role: 'commune', community: null }]),
];
const benignDocs = documents(workshopOf('texte'));

describe('hostile user text comes out inert', () => {
  it.each(HOSTILE)('in the Markdown reports, as rendered by a Markdown engine with HTML and autolinks on: %j', (s) => {
    reports(workshopOf(s)).forEach((md, i) => {
      const html = markdownIt.render(md);
      expect(html).not.toMatch(/<(a|img|script|iframe|code|pre|blockquote|table|del|s)\b/i);
      // The same elements as the report of a harmless workshop: user text made no structure.
      expect(skeleton(html)).toEqual(skeleton(markdownIt.render(benign[i])));
      // Escaped, not stripped: the text reads as it was typed (on one line).
      expect(textOf(html)).toContain(collapse(s));
    });
  });

  /**
   * The same elements as for harmless text. Text typed on several lines is shown as several
   * paragraphs or list items (a description, one objective per line): more of the same elements,
   * never another kind.
   */
  const sameStructure = (s: string, actual: string[], benignSkeleton: string[]) => {
    if (/[\r\n]/.test(s)) expect([...new Set(actual)].filter((tag) => !benignSkeleton.includes(tag))).toEqual([]);
    else expect(actual).toEqual(benignSkeleton);
  };

  it.each(HOSTILE)('in the dossier and the synthesis — Markdown, printable page and Word: %j', async (s) => {
    const docs = documents(workshopOf(s));
    for (const [i, doc] of docs.entries()) {
      const html = markdownIt.render(reportMarkdown(doc));
      expect(html).not.toMatch(/<(a|img|script|iframe|code|pre|blockquote|del|s)\b/i);
      sameStructure(s, skeleton(html), skeleton(markdownIt.render(reportMarkdown(benignDocs[i]))));
      expect(textOf(html).replace(/\s+/g, ' ')).toContain(collapse(s));

      const page = renderToStaticMarkup(createElement(ReportDocView, { doc }));
      expect(page).not.toMatch(/<(a|img|script|iframe)\b/i);
      sameStructure(s, skeleton(page), skeleton(renderToStaticMarkup(createElement(ReportDocView, { doc: benignDocs[i] }))));
      expect(textOf(page).replace(/\s+/g, ' ')).toContain(collapse(s));

      const word = docxParagraphs(await reportDocx(doc))
        .join(' ')
        .replace(/\s+/g, ' ');
      expect(word).toContain(collapse(s));
    }
  });

  /** Cells as a spreadsheet splitting on `sep` sees them; quotes are honoured only at a cell's start. */
  function cellsReadWith(csv: string, sep: CsvSeparator): string[] {
    const cells: string[] = [];
    let i = 0;
    while (i < csv.length) {
      if (csv[i] === '"') {
        let j = i + 1;
        let cell = '';
        for (; j < csv.length; j++) {
          if (csv[j] === '"' && csv[j + 1] === '"') {
            cell += '"';
            j++;
          } else if (csv[j] === '"') break;
          else cell += csv[j];
        }
        cells.push(cell);
        i = j + 2; // past the closing quote and the separator or line end
        if (csv[i - 1] === '\r') i++;
        continue;
      }
      const end = csv.slice(i).search(sep === ',' ? /[,\r\n]/ : /[;\r\n]/);
      const stop = end < 0 ? csv.length : i + end;
      cells.push(csv.slice(i, stop));
      i = stop + 1;
    }
    return cells;
  }
  /** What a line-oriented reader sees: every line break ends a record, whatever the quotes. */
  const cellsByLine = (csv: string, sep: CsvSeparator) => csv.split(/\r\n|\r|\n/).flatMap((line) => line.split(sep).map((c) => c.replace(/^"/, '')));
  const FORMULA = /^(?:[\t\r]|\s*[=+\-@])/;

  it.each(HOSTILE)('in the CSV, written with either separator and read with either: %j', (s) => {
    const exp = workshopOf(s);
    for (const written of [',', ';'] as const) {
      const csv = notesCsv(exp, { separator: written });
      const own = cellsReadWith(csv, written);
      expect(own.filter((c) => FORMULA.test(c))).toEqual([]);
      // Read as written, the note's text is intact behind the guard apostrophes.
      expect(own.some((c) => c.replace(/'/g, '') === s.replace(/'/g, ''))).toBe(true);
      for (const read of [',', ';'] as const) {
        expect(cellsByLine(csv, read).filter((c) => FORMULA.test(c))).toEqual([]);
      }
    }
  });
});
