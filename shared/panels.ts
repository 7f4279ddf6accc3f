import * as Y from 'yjs';
import { COMMUNITIES, type Community, type ProjectView } from './schema';

/**
 * Expert panels: for the ideation day each commune meets a small panel of experts chosen for its
 * theme. Kept in the workshop document (so reports, the wall and an export read them):
 *   panels: Y.Map<projectId, Y.Map<userId, { name, community }>>   (facilitators write; writePolicy.ts)
 * Pure reads and changes, and the suggestion rule.
 */

export interface PanelMember {
  userId: string;
  name: string;
  community: Community | null;
}

/** An expert who may sit on panels (from the people list). */
export type Expert = PanelMember;

export type Panels = Record<string, PanelMember[]>;

/** How many experts a panel aims for: one per community. */
export const PANEL_SIZE = COMMUNITIES.length;

export const panelsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('panels');

const isCommunity = (v: unknown): v is Community => typeof v === 'string' && (COMMUNITIES as readonly string[]).includes(v);

/** Every project's panel, members sorted by name. */
export function readPanels(doc: Y.Doc): Panels {
  const out: Panels = {};
  for (const [projectId, members] of panelsMap(doc).entries()) {
    if (!(members instanceof Y.Map)) continue;
    const list: PanelMember[] = [];
    for (const [userId, v] of members.entries()) {
      const value = (v ?? {}) as { name?: unknown; community?: unknown };
      list.push({ userId, name: typeof value.name === 'string' ? value.name : '', community: isCommunity(value.community) ? value.community : null });
    }
    if (list.length > 0) out[projectId] = list.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }
  return out;
}

export function assignExpert(doc: Y.Doc, projectId: string, member: PanelMember): void {
  doc.transact(() => {
    let members = panelsMap(doc).get(projectId);
    if (!(members instanceof Y.Map)) {
      members = new Y.Map<unknown>();
      panelsMap(doc).set(projectId, members);
    }
    members.set(member.userId, { name: member.name, community: member.community });
  });
}

export function unassignExpert(doc: Y.Doc, projectId: string, userId: string): void {
  const members = panelsMap(doc).get(projectId);
  if (members instanceof Y.Map && members.has(userId)) doc.transact(() => members.delete(userId));
}

/** The projects an expert sits on the panel of. */
export function panelProjectsOf(panels: Panels, userId: string): string[] {
  return Object.entries(panels)
    .filter(([, members]) => members.some((m) => m.userId === userId))
    .map(([projectId]) => projectId);
}

/**
 * Experts to complete a project's panel (up to PANEL_SIZE), best first: a community the panel lacks
 * first (makers, researchers, companies: the programme's three viewpoints), then someone already on
 * a panel of the same theme (they know the subject), then whoever sits on fewest panels (spread the
 * load), then by name.
 */
export function suggestPanel(
  project: Pick<ProjectView, 'id' | 'themeId'>,
  projects: readonly Pick<ProjectView, 'id' | 'themeId'>[],
  experts: readonly Expert[],
  panels: Panels,
): Expert[] {
  const panel = [...(panels[project.id] ?? [])];
  const sameTheme = new Set(projects.filter((p) => p.id !== project.id && project.themeId !== null && p.themeId === project.themeId).map((p) => p.id));
  const load = (userId: string) => Object.values(panels).filter((members) => members.some((m) => m.userId === userId)).length;
  const onTheme = (userId: string) => [...sameTheme].some((id) => panels[id]?.some((m) => m.userId === userId));
  const picked: Expert[] = [];
  let candidates = experts.filter((e) => !panel.some((m) => m.userId === e.userId));
  while (panel.length + picked.length < PANEL_SIZE && candidates.length > 0) {
    const present = new Set([...panel, ...picked].map((m) => m.community));
    const score = (e: Expert) => (e.community && !present.has(e.community) ? 100 : 0) + (onTheme(e.userId) ? 10 : 0) - load(e.userId);
    const best = [...candidates].sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))[0];
    picked.push(best);
    candidates = candidates.filter((c) => c !== best);
  }
  return picked;
}
