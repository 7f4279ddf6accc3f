import { NOTE_KINDS, COMMUNITIES, type Community } from '../schema';
import { liveChallenges, queryChallenges } from '../challenges';
import { parseTargetKey } from '../comments';
import { labelIn } from '../taxonomy';
import type { WorkshopExport, NoteExport, ProjectExport } from './exportJson';
import { excerpt, inline } from './markdownText';
import { type ReportLabels, fr } from './reportLabels';

/**
 * The project report, shaped for a call-for-projects application: summary, components (clusters)
 * with their technologies, ideas, needs and risks, the technologies identified, expert annotations
 * by community, linked common challenges, votes and interested partners (contact only with consent).
 * A pure function of the JSON export, so the Markdown, CSV and JSON reports always agree. Every
 * piece of user text goes through `inline`/`excerpt` (markdownText.ts): it shows, never becomes markup.
 */

export function tagLabels(exp: WorkshopExport, tagIds: Iterable<string>, labels: ReportLabels): string[] {
  const wanted = new Set(tagIds);
  return exp.workshop.taxonomy.filter((t) => wanted.has(t.id)).map((t) => labelIn(t, labels.lang));
}

const colon = (labels: ReportLabels) => (labels.lang === 'fr' ? ' : ' : ': ');
const quote = (labels: ReportLabels, s: string) => (labels.lang === 'fr' ? `« ${s} »` : labels.lang === 'de' ? `„${s}“` : `“${s}”`);

/** Dot totals of the project's latest closed round, by note id. */
export function latestDots(project: ProjectExport): Map<string, ProjectExport['votes'][number]['items'][number]> {
  const latest = [...project.votes].sort((a, b) => b.closedAt - a.closedAt)[0];
  return new Map((latest?.items ?? []).map((i) => [i.itemId, i]));
}

function noteList(notes: readonly NoteExport[], labels: ReportLabels): string[] {
  const out: string[] = [];
  for (const kind of NOTE_KINDS) {
    const ofKind = notes.filter((n) => n.kind === kind && inline(n.text));
    if (ofKind.length === 0) continue;
    out.push(`**${labels.kindPlural[kind]}**`, '', ...ofKind.map((n) => `- ${inline(n.text)}`), '');
  }
  return out;
}

export function projectMarkdown(exp: WorkshopExport, projectId: string, labels: ReportLabels = fr): string {
  const info = exp.workshop.projects.find((p) => p.id === projectId);
  const project = exp.projects.find((p) => p.projectId === projectId);
  if (!info || !project) return '';
  const c = colon(labels);
  const themeName = exp.workshop.themes.find((t) => t.id === info.themeId)?.name;
  const theme = themeName === undefined ? labels.noTheme : inline(themeName) || labels.untitled;
  const clusterIds = new Set(project.clusters.map((k) => k.id));
  const lines: string[] = [`# ${inline(info.name) || labels.untitled}`, ''];

  lines.push(`## ${labels.summary}`, '');
  lines.push(`- **${labels.commune}**${c}${inline(info.commune) || '—'}`);
  lines.push(`- **${labels.theme}**${c}${theme}`);
  lines.push(`- **${labels.notes}**${c}${labels.notesCount(project.notes.length)}, ${labels.clustersCount(project.clusters.length)}`, '');

  lines.push(`## ${labels.components}`, '');
  const sections = [
    ...project.clusters.map((k) => ({ title: inline(k.name) || labels.untitled, notes: project.notes.filter((n) => n.clusterId === k.id) })),
    { title: labels.unclustered, notes: project.notes.filter((n) => n.clusterId === null || !clusterIds.has(n.clusterId)) },
  ].filter((s, i) => i < project.clusters.length || s.notes.length > 0);
  if (sections.length === 0) lines.push(`_${labels.none}_`, '');
  for (const section of sections) {
    lines.push(`### ${section.title}`, '');
    const techs = tagLabels(
      exp,
      section.notes.flatMap((n) => n.tags),
      labels,
    ).map(inline);
    lines.push(`**${labels.technologyAreas}**${c}${techs.length > 0 ? techs.join(', ') : '—'}`, '');
    lines.push(...noteList(section.notes, labels));
  }

  lines.push(`## ${labels.technologiesFound}`, '');
  const tagCounts = exp.workshop.taxonomy
    .map((t) => ({ label: inline(labelIn(t, labels.lang)), count: project.notes.filter((n) => n.tags.includes(t.id)).length }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  lines.push(...(tagCounts.length > 0 ? tagCounts.map((t) => `- ${t.label} (${labels.notesCount(t.count)})`) : [`_${labels.none}_`]), '');

  lines.push(`## ${labels.annotations}`, '');
  const resolved = new Set(project.threads.filter((t) => t.resolved).map((t) => t.target));
  const targetLabel = (key: string) => {
    const target = parseTargetKey(key);
    if (target?.type === 'note') return quote(labels, excerpt(project.notes.find((n) => n.id === target.id)?.text ?? ''));
    if (target?.type === 'cluster') return quote(labels, inline(project.clusters.find((k) => k.id === target.id)?.name ?? ''));
    return labels.onProject;
  };
  const groups: Array<Community | 'other'> = [...COMMUNITIES, 'other'];
  let anyComment = false;
  for (const group of groups) {
    const comments = project.comments.filter((m) => (m.authorRole === 'expert' && m.authorCommunity ? m.authorCommunity : 'other') === group);
    if (comments.length === 0) continue;
    anyComment = true;
    lines.push(`### ${labels.communities[group]}`, '');
    for (const m of comments) {
      const done = resolved.has(m.target) ? ` _(${labels.resolved})_` : '';
      lines.push(`- **${inline(m.authorName)}**, ${targetLabel(m.target)}${c}${inline(m.text)}${done}`);
    }
    lines.push('');
  }
  if (!anyComment) lines.push(`_${labels.none}_`, '');

  lines.push(`## ${labels.challenges}`, '');
  const challenges = queryChallenges(liveChallenges(exp.workshop.challenges), { projectId, sort: 'votes' });
  lines.push(
    ...(challenges.length > 0
      ? challenges.map((ch) => `- **${inline(ch.title)}** — ${labels.votesWord(ch.votes)}${ch.dots > 0 ? `, ${labels.dotsWord(ch.dots)}` : ''}`)
      : [`_${labels.none}_`]),
    '',
  );

  lines.push(`## ${labels.votes}`, '');
  const latest = [...project.votes].sort((a, b) => b.closedAt - a.closedAt)[0];
  const voted = (latest?.items ?? []).filter((i) => i.total > 0 && project.notes.some((n) => n.id === i.itemId));
  if (!latest || voted.length === 0) lines.push(`_${labels.none}_`, '');
  else {
    lines.push(`${labels.voters(latest.voters)}`, '');
    for (const item of voted) {
      const note = project.notes.find((n) => n.id === item.itemId)!;
      const byLabel = new Map<string, number>();
      for (const g of ['maker', 'researcher', 'company', 'commune', 'facilitator'] as const) {
        const label = g === 'commune' ? labels.commune : labels.communities[g === 'facilitator' ? 'other' : g];
        if (item.byGroup[g] > 0) byLabel.set(label, (byLabel.get(label) ?? 0) + item.byGroup[g]);
      }
      const detail = [...byLabel].map(([label, n]) => `${label} ${n}`).join(', ');
      lines.push(`- ${excerpt(note.text, 120)} — ${labels.dotsWord(item.total)} (${detail})`);
    }
    lines.push('');
  }

  lines.push(`## ${labels.partners}`, '');
  if (project.partners.length === 0) lines.push(`_${labels.none}_`, '');
  for (const p of project.partners) {
    const who = [inline(p.name), inline(p.organisation)].filter(Boolean).join(', ');
    const offers = p.offers.map((o) => labels.offers[o]).join(', ');
    const parts = [`**${who}** (${labels.partnerTypes[p.partnerType]})`];
    if (offers) parts.push(`${labels.brings}${c}${offers}`);
    if (inline(p.description)) parts.push(inline(p.description));
    if (p.consent && p.contact) parts.push(`${labels.contact}${c}${inline(p.contact)}`);
    lines.push(`- ${parts.join(' — ')}`);
  }
  if (project.partners.length > 0) lines.push('');

  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
