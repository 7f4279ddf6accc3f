import { VOTER_GROUPS, type FacilitationState, type FacilitatorView, type ProjectorMode, type VoteResults, type VoterGroup } from './facilitation';

/**
 * What the projector wall shows, decided from the facilitation state alone (pure, so every wall of
 * a workshop shows the same thing and the rules are testable). The facilitator asks for a mode; the
 * wall falls back to something useful when the mode has nothing to show (no project in focus, no
 * vote, joining locked).
 */
export type WallView =
  | { kind: 'presenter'; projectId: string; view: FacilitatorView }
  | { kind: 'board'; projectId: string }
  | { kind: 'overview' }
  | { kind: 'question'; projectId: string }
  | { kind: 'timer' }
  | { kind: 'ranking' }
  | { kind: 'challenges' }
  | { kind: 'summary'; projectId: string }
  | { kind: 'join' };

export type WallKind = WallView['kind'];

type WallState = Pick<FacilitationState, 'projector' | 'projectId' | 'presenting' | 'shownQuestion' | 'joinLocked' | 'stage'> & {
  vote: { status: string } | null;
};

/** Whether the wall may advertise how to join (QR + code): never while joining is locked or once closed. */
export const joinAdvertised = (state: Pick<FacilitationState, 'joinLocked' | 'stage'>): boolean => !state.joinLocked && state.stage !== 'closed';

/**
 * The view for the requested mode. `viewport` is the latest presenter view (live events are newer
 * than the state); `hasProject` says whether a project id still exists in the workshop.
 */
export function wallView(state: WallState, viewport: FacilitatorView | null, hasProject: (id: string) => boolean): WallView {
  const focus = state.projectId && hasProject(state.projectId) ? state.projectId : null;
  const mode: ProjectorMode = state.projector;
  switch (mode) {
    case 'canvas':
      // The presenter's exact view while they present; the whole board when nobody does.
      if (state.presenting && viewport && hasProject(viewport.projectId)) return { kind: 'presenter', projectId: viewport.projectId, view: viewport };
      return focus ? { kind: 'board', projectId: focus } : { kind: 'overview' };
    case 'board':
      return focus ? { kind: 'board', projectId: focus } : { kind: 'overview' };
    case 'questions': {
      const shown = state.shownQuestion?.projectId;
      const projectId = shown && hasProject(shown) ? shown : focus;
      return projectId ? { kind: 'question', projectId } : { kind: 'overview' };
    }
    case 'summary':
      return focus ? { kind: 'summary', projectId: focus } : { kind: 'overview' };
    case 'ranking':
      return state.vote ? { kind: 'ranking' } : { kind: 'overview' };
    case 'join':
      return joinAdvertised(state) ? { kind: 'join' } : { kind: 'overview' };
    case 'timer':
      return { kind: 'timer' };
    case 'challenges':
      return { kind: 'challenges' };
    case 'overview':
      return { kind: 'overview' };
  }
}

/** One ranked item of a closed vote, with its bar split by voter group (only groups that voted). */
export interface RankedItem {
  itemId: string;
  rank: number;
  text: string | null;
  total: number;
  /** Share of the longest bar, 0..1. */
  width: number;
  segments: Array<{ group: VoterGroup; dots: number }>;
}

/**
 * The ranking shown on the wall and in the cockpit: items by total (ties share a rank), each bar
 * scaled to the leader, split by community; `groups` lists the groups present, for the legend.
 */
export function rankVoteResults(results: VoteResults, textOf: (itemId: string) => string | null, limit = 8): { items: RankedItem[]; groups: VoterGroup[] } {
  const top = results.items[0]?.total ?? 0;
  const items: RankedItem[] = [];
  let rank = 0;
  let previous = Number.NaN;
  results.items.slice(0, limit).forEach((item, i) => {
    if (item.total !== previous) rank = i + 1;
    previous = item.total;
    items.push({
      itemId: item.itemId,
      rank,
      text: textOf(item.itemId),
      total: item.total,
      width: top > 0 ? item.total / top : 0,
      segments: VOTER_GROUPS.filter((g) => item.byGroup[g] > 0).map((group) => ({ group, dots: item.byGroup[group] })),
    });
  });
  const groups = VOTER_GROUPS.filter((g) => items.some((it) => it.segments.some((s) => s.group === g)));
  return { items, groups };
}

/** A component of a project (one of its clusters) with the technologies named in it. */
export interface SummaryComponent {
  id: string;
  name: string;
  technologies: string[];
  notes: number;
}

export interface ProjectSummary {
  components: SummaryComponent[];
  /** The most voted items of the latest closed vote, with their dots. */
  top: Array<{ itemId: string; text: string; total: number }>;
}

/**
 * The project summary shown for the public pitch: each cluster as a component with its
 * technologies (the taxonomy tags of its notes, then the text of its technology notes, each once,
 * in board order), and the top-voted items that still exist.
 */
export function projectSummary(
  notes: ReadonlyArray<{ id: string; text: string; kind: string; x: number; y: number }>,
  clusters: ReadonlyArray<{ id: string; name: string; noteIds: readonly string[]; x: number; y: number }>,
  tagLabels: (noteId: string) => readonly string[],
  votes: VoteResults | null,
  topCount = 3,
): ProjectSummary {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const components = [...clusters]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((c): SummaryComponent => {
      const members = c.noteIds.flatMap((id) => byId.get(id) ?? []).sort((a, b) => a.y - b.y || a.x - b.x);
      const technologies = new Set<string>();
      for (const n of members) for (const label of tagLabels(n.id)) technologies.add(label);
      for (const n of members) if (n.kind === 'technology' && n.text.trim()) technologies.add(n.text.trim());
      return { id: c.id, name: c.name, technologies: [...technologies], notes: members.length };
    });
  const top = (votes?.items ?? [])
    .flatMap((item) => {
      const text = byId.get(item.itemId)?.text.trim();
      return text ? [{ itemId: item.itemId, text, total: item.total }] : [];
    })
    .slice(0, topCount);
  return { components, top };
}
