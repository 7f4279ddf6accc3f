import type * as Y from 'yjs';
import { type NoteView, type ProjectView, type QuestionView, type ThemeView, notesMap, readNote, readQuestions, readWorkshop, votesMap } from '../schema';
import { type Panels, readPanels } from '../panels';
import { type GroupCounts, type VoteResults, VOTER_GROUPS } from '../facilitation';
import { type TagView, readNoteTagIds, readTaxonomy } from '../taxonomy';
import { type ClusterInit, readClusters } from '../clusters';
import { type CommentView, type ThreadStateRecord, readThreadStates, readThreads } from '../comments';
import { type ChallengeRecord, readChallengeRecords, readChallenges } from '../challenges';
import { type PartnerInterestView, readPartnerInterests } from '../partners';
import type { AttachmentExport } from '../attachments';
import { type BoardImageView, readImages } from '../boardImages';

/**
 * The lossless, re-importable form of a workshop: its document content and each project's canvas
 * content as plain, versioned JSON. Entity ids are kept (they are unique within the workshop), so
 * links between challenges, notes and projects survive; the imported workshop gets a new id of
 * its own from whoever imports it. Everything is listed in a fixed order, so exporting the same
 * content always gives the same bytes — and export → import → export is byte-identical.
 */

export const WORKSHOP_EXPORT_FORMAT = 'croisee.workshop';
export const WORKSHOP_EXPORT_VERSION = 1;

export interface NoteExport extends NoteView {
  tags: string[];
  clusterId: string | null;
}

export interface ProjectExport {
  projectId: string;
  notes: NoteExport[];
  clusters: ClusterInit[];
  comments: CommentView[];
  threads: ThreadStateRecord[];
  partners: PartnerInterestView[];
  questions: QuestionView[];
  votes: VoteResults[];
  /** Attachment images placed on the board (absent when none). */
  images?: BoardImageView[];
}

export interface WorkshopExport {
  format: typeof WORKSHOP_EXPORT_FORMAT;
  version: typeof WORKSHOP_EXPORT_VERSION;
  workshop: {
    title: string;
    createdAt: number;
    themes: ThemeView[];
    projects: ProjectView[];
    taxonomy: TagView[];
    challenges: ChallengeRecord[];
    /** Each project's expert panel (absent when no panel was set, as in older exports). */
    panels?: Panels;
  };
  /** In the workshop's project order; only projects whose canvas document was given. */
  projects: ProjectExport[];
  /**
   * Unrevealed private drafts, only when a facilitator's export asks for them (absent otherwise).
   * Import ignores them: they were never part of the shared workshop.
   */
  drafts?: DraftsExport[];
  /** Pitch material with its bytes (base64), oldest first; the server's export always lists it. */
  attachments?: AttachmentExport[];
}

/** One person's private drafts on one project. */
export interface DraftsExport {
  projectId: string;
  userId: string;
  notes: NoteExport[];
}

const groupCounts = (g: Partial<GroupCounts> | undefined): GroupCounts => Object.fromEntries(VOTER_GROUPS.map((k) => [k, Number(g?.[k]) || 0])) as GroupCounts;

/** Vote results in a fixed key order, whatever order they were stored in. */
function normalizeVotes(r: VoteResults): VoteResults {
  return {
    roundId: String(r.roundId),
    projectId: String(r.projectId),
    voters: Number(r.voters) || 0,
    votersByGroup: groupCounts(r.votersByGroup),
    items: (Array.isArray(r.items) ? r.items : []).map((i) => ({ itemId: String(i.itemId), total: Number(i.total) || 0, byGroup: groupCounts(i.byGroup) })),
    closedAt: Number(r.closedAt) || 0,
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

/** One note as exported. */
export function exportNote(m: Y.Map<unknown>): NoteExport {
  const n = readNote(m);
  const clusterId = m.get('clusterId');
  return {
    id: n.id,
    text: n.text,
    x: n.x,
    y: n.y,
    kind: n.kind,
    authorId: n.authorId,
    authorName: n.authorName,
    authorRole: n.authorRole,
    authorCommunity: n.authorCommunity,
    createdAt: n.createdAt,
    anonymous: n.anonymous,
    tags: readNoteTagIds(m),
    clusterId: typeof clusterId === 'string' ? clusterId : null,
  };
}

/** Notes in export order: oldest first. */
export const byCreation = (a: NoteExport, b: NoteExport) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** The notes of a canvas (or of a drafts document), oldest first. */
export function exportNotes(doc: Y.Doc): NoteExport[] {
  return [...notesMap(doc).values()].map(exportNote).sort(byCreation);
}

/** A canvas as exported; `notes` when they were read already (the server reads them in slices). */
export function exportProject(projectId: string, doc: Y.Doc, notes: NoteExport[] = exportNotes(doc)): ProjectExport {
  const comments = readThreads(doc)
    .flatMap((t) => t.comments)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map(
      (c): CommentView => ({
        id: c.id,
        target: c.target,
        text: c.text,
        authorId: c.authorId,
        authorName: c.authorName,
        authorRole: c.authorRole,
        authorCommunity: c.authorCommunity,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
      }),
    );
  return {
    projectId,
    notes,
    clusters: readClusters(doc).map((c) => ({ id: c.id, name: c.name, x: c.x, y: c.y, width: c.width, height: c.height, createdAt: c.createdAt })),
    comments,
    threads: readThreadStates(doc),
    partners: readPartnerInterests(doc).map((p) => ({
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      partnerType: p.partnerType,
      offers: p.offers,
      description: p.description,
      consent: p.consent,
      contact: p.contact,
      declaredBy: p.declaredBy,
      createdAt: p.createdAt,
    })),
    questions: readQuestions(doc).sort((a, b) => a.askedAt - b.askedAt || byId(a, b)),
    votes: [...votesMap(doc).values()]
      .filter((r) => r && typeof r === 'object')
      .map(normalizeVotes)
      .sort((a, b) => a.closedAt - b.closedAt || a.roundId.localeCompare(b.roundId)),
    ...withImages(readImages(doc)),
  };
}

/** Images on the board, only when there are some (exports of boards without them stay as they were). */
const withImages = (images: BoardImageView[]): { images?: BoardImageView[] } => (images.length > 0 ? { images } : {});

/**
 * The workshop and the given project canvases. With `projectIds`, only those projects and the
 * challenges linked to them (with what was merged into those) — a per-project export.
 */
export function exportWorkshop(
  workshop: Y.Doc,
  projectDocs: Readonly<Record<string, Y.Doc>>,
  options: { projectIds?: readonly string[] } = {},
): WorkshopExport {
  const content = (id: string) => (Object.hasOwn(projectDocs, id) ? exportProject(id, projectDocs[id]) : undefined);
  return exportWorkshopWith(workshop, content, options);
}

/**
 * `exportWorkshop` with each project's content given already exported (the server reads canvases
 * one at a time into plain data). A project listed twice in the workshop document counts once.
 */
export function exportWorkshopWith(
  workshop: Y.Doc,
  content: (projectId: string) => ProjectExport | undefined,
  options: { projectIds?: readonly string[] } = {},
): WorkshopExport {
  const view = readWorkshop(workshop);
  const wanted = options.projectIds ? new Set(options.projectIds) : null;
  const seen = new Set<string>();
  const projects = view.projects.filter((p) => (!wanted || wanted.has(p.id)) && !seen.has(p.id) && Boolean(seen.add(p.id)));
  let challenges = readChallengeRecords(workshop);
  if (wanted) {
    const keep = new Set(
      readChallenges(workshop)
        .filter((c) => c.projectIds.some((p) => wanted.has(p)))
        .flatMap((c) => [c.id, ...c.mergedFrom]),
    );
    challenges = challenges.filter((c) => keep.has(c.id));
  }
  const panels = Object.fromEntries(Object.entries(readPanels(workshop)).filter(([id]) => projects.some((p) => p.id === id)));
  return {
    format: WORKSHOP_EXPORT_FORMAT,
    version: WORKSHOP_EXPORT_VERSION,
    workshop: {
      title: view.title,
      createdAt: view.createdAt,
      themes: view.themes,
      projects,
      taxonomy: readTaxonomy(workshop),
      challenges,
      ...(Object.keys(panels).length > 0 ? { panels } : {}),
    },
    projects: projects.flatMap((p) => content(p.id) ?? []),
  };
}

/** The export as a file: two-space indented JSON with a final newline. */
export function workshopJson(data: WorkshopExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
