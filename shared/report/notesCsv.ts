import { liveChallenges } from '../challenges';
import type { WorkshopExport } from './exportJson';
import { latestDots, tagLabels } from './projectMarkdown';
import { type ReportLabels, fr } from './reportLabels';

/**
 * One row per note (every project of the export, or the given ones): its kind, text, author,
 * component, technologies, dots of the latest vote round, linked common challenges and number of
 * annotations. RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break
 * quoted with quotes doubled. Strings are UTF-8 once written; `bom` prepends the byte-order mark
 * spreadsheet software needs to read accents right.
 */

export function csvField(value: string | number): string {
  let s = String(value);
  // A cell starting with = + @ (or - before a letter) runs as a formula in spreadsheets: neutralise it.
  if (/^[=+@\t\r]/.test(s) || /^-[^\d\s.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (fields: ReadonlyArray<string | number>) => fields.map(csvField).join(',');

export function notesCsv(exp: WorkshopExport, options: { projectIds?: readonly string[]; labels?: ReportLabels; bom?: boolean } = {}): string {
  const labels = options.labels ?? fr;
  const h = labels.csv;
  const rows: string[] = [
    csvRow([h.projectId, h.project, h.commune, h.noteId, h.kind, h.text, h.author, h.cluster, h.tags, h.dots, h.challenges, h.comments, h.x, h.y, h.createdAt]),
  ];
  const challenges = liveChallenges(exp.workshop.challenges);
  for (const info of exp.workshop.projects) {
    if (options.projectIds && !options.projectIds.includes(info.id)) continue;
    const project = exp.projects.find((p) => p.projectId === info.id);
    if (!project) continue;
    const dots = latestDots(project);
    for (const note of project.notes) {
      const cluster = project.clusters.find((k) => k.id === note.clusterId)?.name ?? '';
      const linked = challenges.filter((ch) => ch.links.some((l) => l.projectId === info.id && l.noteId === note.id)).map((ch) => ch.title);
      const comments = project.comments.filter((m) => m.target === `note:${note.id}`).length;
      rows.push(
        csvRow([
          info.id,
          info.name,
          info.commune,
          note.id,
          labels.kinds[note.kind],
          note.text,
          note.authorName,
          cluster,
          tagLabels(exp, note.tags, labels).join('; '),
          dots.get(note.id)?.total ?? 0,
          linked.join('; '),
          comments,
          note.x,
          note.y,
          new Date(note.createdAt).toISOString(),
        ]),
      );
    }
  }
  return `${options.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`;
}
