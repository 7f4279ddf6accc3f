import { liveChallenges, queryChallenges } from '../challenges';
import { parseTargetKey } from '../comments';
import { budgetFrame } from '../projectRecord';
import { COMMUNITIES, type Community, NOTE_KINDS, type ProjectView } from '../schema';
import { countLabel, euroRange } from '../words';
import { DOSSIER_LABELS } from './dossierLabels';
import type { NoteExport, ProjectExport, WorkshopExport } from './exportJson';
import { latestDots, tagLabels } from './projectMarkdown';
import { type Block, colon, type ReportDoc, type Run, textLines } from './reportDoc';
import { REPORT_LABELS, type ReportLabels, type ReportLang } from './reportLabels';

/**
 * The application dossier of one project, along what the "Territoire intelligent" juries score:
 * the project and its context (the record), innovation or replication, the components and their
 * technologies, interoperability and openness, replicability (the common challenges it shares, and
 * with which communes), partners (an SME among them), the budget frame with its co-financing, risks
 * with the mitigations noted against each, and the evidence the workshop produced (expert
 * annotations by community, votes by community, audience questions). Pure: a function of the export.
 */

/** Taxonomy tags that speak of openness (open data, open platforms). */
const OPEN_TAGS = new Set(['opendata', 'dataplatform']);

type Others = ReadonlyArray<Pick<ProjectView, 'id' | 'name' | 'commune'>>;

/** "Name (Commune)", or the name alone when the commune is the name or unknown. */
export function projectLabel(p: Pick<ProjectView, 'name' | 'commune'>, untitled: string): string {
  const name = p.name.trim() || untitled;
  return p.commune.trim() && p.commune.trim() !== name ? `${name} (${p.commune.trim()})` : name;
}

const groupOf = (c: { authorRole: string; authorCommunity: Community | null }): Community | 'other' =>
  c.authorRole === 'expert' && c.authorCommunity ? c.authorCommunity : 'other';

function byKind(notes: readonly NoteExport[], r: ReportLabels): Block[] {
  const out: Block[] = [];
  for (const kind of NOTE_KINDS) {
    const ofKind = notes.filter((n) => n.kind === kind && n.text.trim());
    if (ofKind.length === 0) continue;
    out.push({ type: 'paragraph', runs: [{ text: r.kindPlural[kind], strong: true }] }, { type: 'bullets', items: ofKind.map((n) => [n.text]) });
  }
  return out;
}

export function projectDossier(exp: WorkshopExport, projectId: string, lang: ReportLang = 'fr', others: Others = exp.workshop.projects): ReportDoc | null {
  const info = exp.workshop.projects.find((p) => p.id === projectId);
  const project = exp.projects.find((p) => p.projectId === projectId);
  if (!info || !project) return null;
  const d = DOSSIER_LABELS[lang];
  const r = REPORT_LABELS[lang];
  const rec = info.record;
  const c = colon({ lang });
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3, text: string) => blocks.push({ type: 'heading', level, text });
  const orNot = (s: string) => s.trim() || d.notStated;
  const theme = exp.workshop.themes.find((t) => t.id === info.themeId)?.name;

  // 1. The project and its context.
  h(1, d.project);
  blocks.push({
    type: 'fields',
    rows: [
      { label: r.commune, value: orNot(info.commune) },
      { label: d.workshopTheme, value: theme?.trim() || r.noTheme },
      { label: d.callTheme, value: orNot(rec.callTheme) },
      { label: r.contact, value: orNot(rec.contact) },
      { label: d.timeline, value: orNot(rec.timeline) },
    ],
  });
  h(2, d.need);
  blocks.push(rec.description.trim() ? { type: 'text', text: rec.description } : { type: 'paragraph', runs: [{ text: d.notStated, muted: true }] });
  h(2, d.objectives);
  blocks.push(
    textLines(rec.objectives).length > 0
      ? { type: 'bullets', items: textLines(rec.objectives).map((l) => [l]) }
      : { type: 'paragraph', runs: [{ text: d.notStated, muted: true }] },
  );
  h(2, d.outcomes);
  blocks.push(
    textLines(rec.outcomes).length > 0
      ? { type: 'bullets', items: textLines(rec.outcomes).map((l) => [l]) }
      : { type: 'paragraph', runs: [{ text: d.notStated, muted: true }] },
  );

  // 2. Innovation or replication, and the ideas the workshop kept (most dots first).
  h(1, d.innovation);
  blocks.push({ type: 'paragraph', runs: [rec.approach === 'new' ? d.approachNew : rec.approach === 'replicated' ? d.approachReplicated : d.approachUnset] });
  if (rec.approachNote.trim()) blocks.push({ type: 'text', text: rec.approachNote });
  const dots = latestDots(project);
  const ideas = project.notes.filter((n) => n.kind === 'idea' && n.text.trim()).sort((a, b) => (dots.get(b.id)?.total ?? 0) - (dots.get(a.id)?.total ?? 0));
  if (ideas.length > 0) {
    h(2, d.ideas);
    blocks.push({
      type: 'bullets',
      items: ideas.map((n) => [n.text, ...((dots.get(n.id)?.total ?? 0) > 0 ? [{ text: ` (${r.dotsWord(dots.get(n.id)!.total)})`, muted: true }] : [])]),
    });
  }

  // 3. Components (clusters) with their technologies; what no component holds comes last.
  h(1, d.components);
  const clusterIds = new Set(project.clusters.map((k) => k.id));
  const sections = [
    ...project.clusters.map((k) => ({ title: k.name.trim() || r.untitled, notes: project.notes.filter((n) => n.clusterId === k.id) })),
    { title: d.otherElements, notes: project.notes.filter((n) => n.clusterId === null || !clusterIds.has(n.clusterId)) },
  ].filter((s, i) => i < project.clusters.length || s.notes.some((n) => n.kind !== 'risk' && n.text.trim()));
  if (sections.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  for (const section of sections) {
    h(2, section.title);
    const techs = tagLabels(
      exp,
      section.notes.flatMap((n) => n.tags),
      r,
    );
    if (techs.length > 0) blocks.push({ type: 'paragraph', runs: [{ text: `${r.technologyAreas}${c}`, strong: true }, techs.join(', ')] });
    // Risks have their own section, with their mitigations.
    blocks.push(
      ...byKind(
        section.notes.filter((n) => n.kind !== 'risk'),
        r,
      ),
    );
  }

  // 4. Interoperability and openness.
  h(1, d.interoperability);
  h(2, d.connections);
  blocks.push(rec.connections.trim() ? { type: 'text', text: rec.connections } : { type: 'paragraph', runs: [{ text: d.notStated, muted: true }] });
  const open = project.notes.filter((n) => n.text.trim() && n.tags.some((t) => OPEN_TAGS.has(t)));
  if (open.length > 0) {
    h(2, d.openness);
    blocks.push({ type: 'bullets', items: open.map((n) => [n.text]) });
  }

  // 5. Replicability and pooling: the common challenges, and who shares them.
  h(1, d.replicability);
  const nameOf = (id: string) => {
    const p = others.find((o) => o.id === id);
    return p ? projectLabel(p, r.untitled) : null;
  };
  const challenges = queryChallenges(liveChallenges(exp.workshop.challenges), { projectId, sort: 'votes' });
  if (challenges.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  else
    blocks.push({
      type: 'bullets',
      items: challenges.map((ch): Run[] => {
        const shared = ch.projectIds
          .filter((id) => id !== projectId)
          .map(nameOf)
          .filter((n): n is string => n !== null);
        return [
          { text: ch.title, strong: true },
          ` — ${shared.length > 0 ? `${d.sharedWith} ${shared.join(', ')}` : d.onlyHere}`,
          { text: ` (${r.votesWord(ch.votes)})`, muted: true },
        ];
      }),
    });

  // 6. Partners and what each brings (contact only with consent).
  h(1, d.partners);
  if (project.partners.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  else {
    const companies = project.partners.filter((p) => p.partnerType === 'company').length;
    blocks.push({ type: 'paragraph', runs: [d.companies(countLabel(lang, 'company', companies))] });
    blocks.push({
      type: 'bullets',
      items: project.partners.map((p): Run[] => {
        const who = [p.name.trim(), p.organisation.trim()].filter(Boolean).join(', ');
        const offers = p.offers.map((o) => r.offers[o] ?? o).join(', ');
        const parts: Run[] = [{ text: who || r.untitled, strong: true }, ` (${r.partnerTypes[p.partnerType] ?? p.partnerType})`];
        if (offers) parts.push(` — ${r.brings} ${offers}`);
        if (p.description.trim()) parts.push(` — ${p.description.trim()}`);
        if (p.consent && p.contact) parts.push(` — ${r.contact}${c}${p.contact}`);
        return parts;
      }),
    });
  }

  // 7. Budget frame with the co-financing computed.
  h(1, d.budget);
  const frame = budgetFrame(rec);
  blocks.push(
    frame
      ? {
          type: 'fields',
          rows: [
            { label: d.totalCost, value: euroRange(lang, frame.low, frame.high) },
            { label: d.regionalAid(frame.rate, frame.rateAssumed), value: euroRange(lang, frame.aidLow, frame.aidHigh) },
            { label: d.ownShare, value: euroRange(lang, frame.ownLow, frame.ownHigh) },
          ],
        }
      : { type: 'paragraph', runs: [{ text: d.notStated, muted: true }] },
  );

  // 8. Risks, each with the mitigations noted against it (comments on the risk).
  h(1, d.risks);
  const risks = project.notes.filter((n) => n.kind === 'risk' && n.text.trim());
  if (risks.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  for (const risk of risks) {
    const mitigations = project.comments.filter((m) => m.target === `note:${risk.id}` && m.text.trim());
    blocks.push({ type: 'paragraph', runs: [{ text: risk.text.replace(/\s+/g, ' ').trim(), strong: true }] });
    blocks.push({
      type: 'bullets',
      items:
        mitigations.length > 0
          ? mitigations.map((m) => [`${d.mitigation} (${m.authorName.trim() || r.communities.other}, ${r.communities[groupOf(m)]})${c}`, m.text])
          : [[{ text: d.noMitigation, muted: true }]],
    });
  }

  // 9. Evidence: the expert panel, annotations by community, votes by community, audience questions.
  h(1, d.evidence);
  const panel = exp.workshop.panels?.[projectId] ?? [];
  if (panel.length > 0) {
    const members = panel.map((m) => (m.community ? `${m.name} (${r.communities[m.community]})` : m.name)).join(', ');
    blocks.push({ type: 'paragraph', runs: [{ text: `${d.expertPanel}${c}`, strong: true }, members] });
  }
  h(2, r.annotations);
  const riskIds = new Set(risks.map((n) => `note:${n.id}`));
  const targetLabel = (key: string) => {
    const target = parseTargetKey(key);
    if (target?.type === 'note')
      return (
        project.notes
          .find((n) => n.id === target.id)
          ?.text.replace(/\s+/g, ' ')
          .trim()
          .slice(0, 80) ?? r.onProject
      );
    if (target?.type === 'cluster') return project.clusters.find((k) => k.id === target.id)?.name ?? r.onProject;
    return r.onProject;
  };
  const annotations = project.comments.filter((m) => !riskIds.has(m.target) && m.text.trim());
  if (annotations.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  for (const group of [...COMMUNITIES, 'other'] as const) {
    const ofGroup = annotations.filter((m) => groupOf(m) === group);
    if (ofGroup.length === 0) continue;
    h(3, r.communities[group]);
    blocks.push({
      type: 'bullets',
      items: ofGroup.map((m) => [{ text: m.authorName.trim() || r.untitled, strong: true }, `, ${quoteIn(lang, targetLabel(m.target))}${c}`, m.text]),
    });
  }
  h(2, r.votes);
  blocks.push(...votesBlocks(project, r, lang));
  h(2, d.audienceQuestions);
  if (project.questions.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: r.none, muted: true }] });
  else
    blocks.push({
      type: 'bullets',
      items: [...project.questions]
        .sort((a, b) => b.upvoters.length - a.upvoters.length || a.askedAt - b.askedAt)
        .map((q) => [q.text, { text: ` (${countLabel(lang, 'supporter', q.upvoters.length)}, ${q.answered ? d.answered : d.unanswered})`, muted: true }]),
    });

  return { lang, title: projectLabel(info, r.untitled), subtitle: d.subtitle(exp.workshop.title.trim() || r.untitled), blocks };
}

const quoteIn = (lang: ReportLang, s: string) => (lang === 'fr' ? `« ${s} »` : lang === 'de' ? `„${s}“` : `“${s}”`);

/** The latest vote round: the notes that got dots, with their dots by community. */
function votesBlocks(project: ProjectExport, r: ReportLabels, lang: ReportLang): Block[] {
  const latest = [...project.votes].sort((a, b) => b.closedAt - a.closedAt)[0];
  const voted = (latest?.items ?? []).filter((i) => i.total > 0 && project.notes.some((n) => n.id === i.itemId)).sort((a, b) => b.total - a.total);
  if (!latest || voted.length === 0) return [{ type: 'paragraph', runs: [{ text: r.none, muted: true }] }];
  const groupLabel = (g: string) => (g === 'commune' ? r.commune : r.communities[g === 'facilitator' ? 'other' : (g as Community)]);
  return [
    { type: 'paragraph', runs: [r.voters(latest.voters)] },
    {
      type: 'bullets',
      items: voted.map((item) => {
        const note = project.notes.find((n) => n.id === item.itemId)!;
        const detail = (['commune', 'maker', 'researcher', 'company', 'facilitator'] as const)
          .filter((g) => item.byGroup[g] > 0)
          .map((g) => `${groupLabel(g)} ${item.byGroup[g]}`)
          .join(', ');
        return [note.text.replace(/\s+/g, ' ').trim(), { text: ` — ${countLabel(lang, 'dot', item.total)}${detail ? ` (${detail})` : ''}`, muted: true }];
      }),
    },
  ];
}
