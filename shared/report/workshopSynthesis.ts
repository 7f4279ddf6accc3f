import { liveChallenges, queryChallenges } from '../challenges';
import type { Community, Role } from '../schema';
import { labelIn } from '../taxonomy';
import { DOSSIER_LABELS, type DossierLabels } from './dossierLabels';
import type { WorkshopExport } from './exportJson';
import { projectLabel } from './projectDossier';
import type { Block, ReportDoc } from './reportDoc';
import { REPORT_LABELS, type ReportLang } from './reportLabels';

/**
 * The organisers' synthesis across all projects: the common challenges ranked by support with the
 * projects and communes they link, a projects × technology-areas matrix, the partner directory
 * (contacts only with consent) and participation by community. Pure: the export, and the people
 * admitted to the workshop (their role and community say which group a note's author belongs to).
 */

export interface SynthesisPerson {
  userId: string;
  role: Role;
  community: Community | null;
}

type Group = keyof DossierLabels['groups'];
const GROUPS: readonly Group[] = ['commune', 'maker', 'researcher', 'company', 'facilitator', 'viewer'];

const groupOfPerson = (p: Pick<SynthesisPerson, 'role' | 'community'>): Group =>
  // Partners (networking day) count with the audience: the group is labelled "audience and partners".
  p.role === 'expert' ? (p.community ?? 'viewer') : p.role === 'viewer' || p.role === 'partner' ? 'viewer' : p.role;

export function workshopSynthesis(exp: WorkshopExport, lang: ReportLang = 'fr', people: readonly SynthesisPerson[] = []): ReportDoc {
  const d = DOSSIER_LABELS[lang];
  const r = REPORT_LABELS[lang];
  const w = exp.workshop;
  const label = (id: string) => {
    const p = w.projects.find((q) => q.id === id);
    return p ? projectLabel(p, r.untitled) : null;
  };
  const blocks: Block[] = [];
  const none = () => blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });

  // Common challenges, most supported first, with the projects (and communes) they link.
  blocks.push({ type: 'heading', level: 1, text: d.challengesRanked });
  const challenges = queryChallenges(liveChallenges(w.challenges), { sort: 'votes' });
  if (challenges.length === 0) none();
  else
    blocks.push({
      type: 'table',
      header: ['#', r.challenges, r.votes, r.projects],
      rows: challenges.map((ch, i) => [
        String(i + 1),
        ch.description.trim() ? `${ch.title} — ${ch.description.replace(/\s+/g, ' ').trim()}` : ch.title,
        [r.votesWord(ch.votes), ...(ch.dots > 0 ? [r.dotsWord(ch.dots)] : [])].join(', '),
        w.projects
          .filter((p) => ch.projectIds.includes(p.id))
          .map((p) => label(p.id)!)
          .join(', ') || '—',
      ]),
    });

  // Projects × technology areas: how many notes of each project carry each tag.
  blocks.push({ type: 'heading', level: 1, text: d.matrix });
  const used = w.taxonomy.filter((t) => exp.projects.some((p) => p.notes.some((n) => n.tags.includes(t.id))));
  if (used.length === 0) none();
  else
    blocks.push({
      type: 'table',
      header: [d.matrixProject, ...used.map((t) => labelIn(t, lang))],
      rows: exp.projects.map((p) => [
        label(p.projectId) ?? p.projectId,
        ...used.map((t) => {
          const n = p.notes.filter((note) => note.tags.includes(t.id)).length;
          return n > 0 ? String(n) : '';
        }),
      ]),
    });

  // The partner directory: who offers what to which project; a contact only with consent.
  blocks.push({ type: 'heading', level: 1, text: d.directory });
  const partners = exp.projects.flatMap((p) => p.partners.map((partner) => ({ project: label(p.projectId) ?? p.projectId, partner })));
  if (partners.length === 0) none();
  else
    blocks.push({
      type: 'table',
      header: [...d.directoryHeader],
      rows: partners.map(({ project, partner: p }) => [
        [p.name.trim(), p.organisation.trim()].filter(Boolean).join(', ') || r.untitled,
        r.partnerTypes[p.partnerType] ?? p.partnerType,
        project,
        [p.offers.map((o) => r.offers[o] ?? o).join(', '), p.description.replace(/\s+/g, ' ').trim()].filter(Boolean).join(' — '),
        p.consent && p.contact ? p.contact : p.contact ? d.contactWithheld : '—',
      ]),
    });

  // Participation by community: people admitted, notes written, annotations, dots cast.
  blocks.push({ type: 'heading', level: 1, text: d.participation });
  const byUser = new Map(people.map((p) => [p.userId, groupOfPerson(p)]));
  const counts = new Map<Group, { people: number; notes: number; annotations: number; dots: number }>(
    GROUPS.map((g) => [g, { people: 0, notes: 0, annotations: 0, dots: 0 }]),
  );
  for (const p of people) counts.get(groupOfPerson(p))!.people++;
  for (const project of exp.projects) {
    for (const n of project.notes) {
      const g = byUser.get(n.authorId);
      if (g) counts.get(g)!.notes++;
    }
    for (const m of project.comments) counts.get(groupOfPerson({ role: m.authorRole, community: m.authorCommunity }))!.annotations++;
    for (const round of project.votes) for (const item of round.items) for (const g of GROUPS) if (g !== 'viewer') counts.get(g)!.dots += item.byGroup[g] ?? 0;
  }
  blocks.push({
    type: 'table',
    header: [...d.participationHeader],
    rows: GROUPS.map((g) => {
      const c = counts.get(g)!;
      return [d.groups[g], String(c.people), String(c.notes), String(c.annotations), String(c.dots)];
    }),
  });

  return { lang, title: d.synthesisTitle(w.title.trim() || r.untitled), subtitle: d.synthesisSubtitle, blocks };
}
