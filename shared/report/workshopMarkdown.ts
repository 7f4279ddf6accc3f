import { liveChallenges, queryChallenges } from '../challenges';
import type { WorkshopExport } from './exportJson';
import { labelIn } from '../taxonomy';
import { inline } from './markdownText';
import { type ReportLabels, fr } from './reportLabels';

/**
 * The workshop report: projects by theme (with their size), the common challenges by votes with the
 * projects they link, the technologies across projects, and partner interest per project.
 */
export function workshopMarkdown(exp: WorkshopExport, labels: ReportLabels = fr): string {
  const c = labels.lang === 'fr' ? ' : ' : ': ';
  const w = exp.workshop;
  const challenges = queryChallenges(liveChallenges(w.challenges), { sort: 'votes' });
  const projectName = (id: string) => inline(w.projects.find((p) => p.id === id)?.name ?? '') || id;
  const inWorkshopOrder = (ids: readonly string[]) => w.projects.map((p) => p.id).filter((id) => ids.includes(id));
  const content = (id: string) => exp.projects.find((p) => p.projectId === id);
  const lines: string[] = [`# ${inline(w.title) || labels.untitled}`, ''];

  lines.push(`## ${labels.projects}`, '');
  const themeIds = new Set(w.themes.map((t) => t.id));
  const groups = [
    ...w.themes.map((t) => ({ title: inline(t.name), projects: w.projects.filter((p) => p.themeId === t.id) })),
    { title: labels.noTheme, projects: w.projects.filter((p) => p.themeId === null || !themeIds.has(p.themeId)) },
  ].filter((g) => g.projects.length > 0);
  if (groups.length === 0) lines.push(`_${labels.none}_`, '');
  for (const group of groups) {
    lines.push(`### ${group.title}`, '');
    for (const p of group.projects) {
      const data = content(p.id);
      const linked = challenges.filter((ch) => ch.projectIds.includes(p.id)).length;
      const facts = [...(data ? [labels.notesCount(data.notes.length), labels.clustersCount(data.clusters.length)] : []), labels.challengesCount(linked)];
      // "Andenne (Andenne)" says nothing twice: the commune only when it is not the project's name.
      const commune = inline(p.commune) && p.commune.trim() !== p.name.trim() ? ` (${inline(p.commune)})` : '';
      lines.push(`- **${inline(p.name) || labels.untitled}**${commune} — ${facts.join(', ')}`);
    }
    lines.push('');
  }

  lines.push(`## ${labels.challenges}`, '');
  if (challenges.length === 0) lines.push(`_${labels.none}_`, '');
  challenges.forEach((ch, i) => {
    const score = [labels.votesWord(ch.votes), ...(ch.dots > 0 ? [labels.dotsWord(ch.dots)] : [])].join(', ');
    lines.push(`${i + 1}. **${inline(ch.title)}** — ${score}`);
    if (inline(ch.description)) lines.push(`   ${inline(ch.description)}`);
    if (ch.projectIds.length > 0) lines.push(`   ${labels.linkedProjects}${c}${inWorkshopOrder(ch.projectIds).map(projectName).join(', ')}`);
  });
  if (challenges.length > 0) lines.push('');

  lines.push(`## ${labels.technologiesFound}`, '');
  const notes = exp.projects.flatMap((p) => p.notes);
  const techs = w.taxonomy
    .map((t) => ({
      label: inline(labelIn(t, labels.lang)),
      count: notes.filter((n) => n.tags.includes(t.id)).length,
      projects: exp.projects.filter((p) => p.notes.some((n) => n.tags.includes(t.id))).map((p) => projectName(p.projectId)),
    }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  lines.push(...(techs.length > 0 ? techs.map((t) => `- ${t.label} — ${labels.notesCount(t.count)} (${t.projects.join(', ')})`) : [`_${labels.none}_`]), '');

  lines.push(`## ${labels.partners}`, '');
  const interests = exp.projects.filter((p) => p.partners.length > 0);
  if (interests.length === 0) lines.push(`_${labels.none}_`, '');
  for (const p of interests) lines.push(`- **${projectName(p.projectId)}**${c}${labels.interestsCount(p.partners.length)}`);

  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
