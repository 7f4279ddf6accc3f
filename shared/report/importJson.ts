import * as Y from 'yjs';
import { z } from 'zod';
import {
  COMMUNITIES,
  MAX_NOTE_TEXT,
  MAX_QUESTION_LENGTH,
  MAX_TITLE,
  NOTE_KINDS,
  ROLES,
  metaMap,
  notesMap,
  projectsMap,
  questionsMap,
  themesMap,
} from '../schema';
import { VOTER_GROUPS } from '../facilitation';
import { assignExpert } from '../panels';
import { addNote, recordVoteResults } from '../operations';
import { MAX_TAG_LABEL, taxonomyMap } from '../taxonomy';
import { addCluster } from '../clusters';
import { placeImage } from '../boardImages';
import { MAX_COMMENT, restoreComments } from '../comments';
import { MAX_CHALLENGE_DESCRIPTION, restoreChallenge } from '../challenges';
import { MAX_CONTACT, MAX_PARTNER_DESCRIPTION, MAX_PARTNER_NAME, PARTNER_OFFERS, PARTNER_TYPES, declareInterest } from '../partners';
import { ATTACHMENT_TYPES, type AttachmentExport, MAX_ATTACHMENT_NAME } from '../attachments';
import { APPROACHES, MAX_BUDGET, MAX_RECORD_TEXT, recordEntries } from '../projectRecord';
import { WORKSHOP_EXPORT_FORMAT, WORKSHOP_EXPORT_VERSION, type WorkshopExport } from './exportJson';

/**
 * Rebuilds a workshop from its JSON export into fresh Y.Docs: one workshop document and one canvas
 * document per exported project. The input is parsed first (it comes from a file someone uploads);
 * anything malformed is refused as a whole with `WorkshopImportError`, never half-imported.
 */

export class WorkshopImportError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'WorkshopImportError';
  }
}

/*
 * Bounds: every text field has the limit the live editor has (or MAX_TITLE for names and
 * references), every list at most MAX_ITEMS entries, so an upload cannot plant a 2 MiB title that is
 * then served to anyone who looks up the join code, or make the server build a huge document.
 */
const MAX_ITEMS = 10_000;
/** An attachment's base64 may be at most this long (1 GiB of bytes); the server's own limits are lower. */
const MAX_ATTACHMENT_BASE64 = Math.ceil((1024 * 1024 * 1024 * 4) / 3) + 4;
const short = z.string().max(MAX_TITLE);
const label = z.string().max(MAX_TAG_LABEL);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS);

const id = short.min(1).max(64);
/** A project id names rooms (`<workshop>.<project>`): a dot would make it name another kind of room. */
const projectId = id.regex(/^[^.]+$/, 'must not contain a dot');
const time = z.number().finite();
const groupCounts = z.object(Object.fromEntries(VOTER_GROUPS.map((g) => [g, z.number().finite()])) as Record<(typeof VOTER_GROUPS)[number], z.ZodNumber>);

const recordText = z.string().max(MAX_RECORD_TEXT);
const budget = z.number().finite().min(0).max(MAX_BUDGET).nullable();
/** The project record (absent from exports made before it existed). */
const projectRecord = z.object({
  description: recordText,
  objectives: recordText,
  outcomes: recordText,
  contact: short,
  callTheme: short,
  approach: z.enum(APPROACHES).nullable(),
  approachNote: recordText,
  connections: recordText,
  budgetMin: budget,
  budgetMax: budget,
  aidRate: z.number().finite().min(0).max(100).nullable(),
  timeline: short,
});

const voteResults = z.object({
  roundId: short,
  projectId: short,
  voters: z.number().finite(),
  votersByGroup: groupCounts,
  items: list(z.object({ itemId: short, total: z.number().finite(), byGroup: groupCounts })),
  closedAt: time,
});

const projectExport = z.object({
  projectId,
  notes: list(
    z.object({
      id,
      text: z.string().max(MAX_NOTE_TEXT),
      x: z.number().finite(),
      y: z.number().finite(),
      kind: z.enum(NOTE_KINDS),
      authorId: short,
      authorName: short,
      // Absent from exports made before authors' roles were recorded on notes.
      authorRole: z.enum(ROLES).nullable().default(null),
      authorCommunity: z.enum(COMMUNITIES).nullable().default(null),
      createdAt: time,
      // Absent from exports made before the flag existed (their anonymous notes say "Anonyme").
      anonymous: z.boolean().optional(),
      tags: list(short),
      clusterId: short.nullable(),
    }),
  ),
  clusters: list(z.object({ id, name: short, x: z.number(), y: z.number(), width: z.number(), height: z.number(), createdAt: time })),
  comments: list(
    z.object({
      id,
      target: short,
      text: z.string().max(MAX_COMMENT),
      authorId: short,
      authorName: short,
      authorRole: z.enum(ROLES),
      authorCommunity: z.enum(COMMUNITIES).nullable(),
      createdAt: time,
      editedAt: time.nullable(),
    }),
  ),
  threads: list(z.object({ target: short, resolved: z.boolean(), by: short, at: time })),
  partners: list(
    z.object({
      id,
      name: z.string().max(MAX_PARTNER_NAME),
      organisation: short,
      partnerType: z.enum(PARTNER_TYPES),
      offers: list(z.enum(PARTNER_OFFERS)),
      description: z.string().max(MAX_PARTNER_DESCRIPTION),
      consent: z.boolean(),
      contact: z.string().max(MAX_CONTACT).nullable(),
      declaredBy: short,
      createdAt: time,
    }),
  ),
  questions: list(
    z.object({
      id,
      text: z.string().max(MAX_QUESTION_LENGTH),
      authorId: short,
      authorName: short,
      askedAt: time,
      answered: z.boolean(),
      upvoters: list(short),
      // Moderation travels with the question: a hidden one stays hidden, an anonymous one nameless.
      hidden: z.boolean().optional(),
      anonymous: z.boolean().optional(),
    }),
  ),
  votes: list(voteResults),
  images: list(
    z.object({
      id,
      attachmentId: id,
      name: short,
      x: z.number().finite(),
      y: z.number().finite(),
      width: z.number().finite(),
      height: z.number().finite(),
      authorId: short,
      authorName: short,
      createdAt: time,
    }),
  ).optional(),
});

export const workshopExportSchema = z.object({
  format: z.literal(WORKSHOP_EXPORT_FORMAT),
  version: z.literal(WORKSHOP_EXPORT_VERSION),
  workshop: z.object({
    title: z.string().max(MAX_TITLE),
    createdAt: time,
    themes: list(z.object({ id, name: short, order: z.number() })),
    projects: list(
      z.object({ id: projectId, name: short, commune: short, themeId: short.nullable(), order: z.number(), createdAt: time, record: projectRecord.optional() }),
    ),
    // nl and de are absent from exports of tags that have no Dutch or German label (and from older exports).
    taxonomy: list(z.object({ id, fr: label, en: label, nl: label.optional(), de: label.optional(), order: z.number() })),
    challenges: list(
      z.object({
        id,
        title: z.string().max(MAX_TITLE),
        description: z.string().max(MAX_CHALLENGE_DESCRIPTION),
        themeId: short.nullable(),
        createdBy: short,
        createdAt: time,
        source: z.object({ projectId: short, noteId: short }).nullable(),
        links: list(z.object({ projectId: short, noteId: short.nullable() })),
        voters: list(short),
        dots: z.record(short, z.number().finite()).refine((r) => Object.keys(r).length <= MAX_ITEMS, 'too many entries'),
        mergedInto: short.nullable(),
        mergedAt: time.nullable(),
      }),
    ),
    panels: z
      .record(projectId, list(z.object({ userId: id, name: short, community: z.enum(COMMUNITIES).nullable() })))
      .refine((r) => Object.keys(r).length <= MAX_ITEMS, 'too many entries')
      .optional(),
  }),
  projects: list(projectExport),
  attachments: list(
    z.object({
      id,
      projectId,
      name: z.string().min(1).max(MAX_ATTACHMENT_NAME),
      contentType: z.enum(ATTACHMENT_TYPES),
      uploadedBy: short,
      uploaderName: short,
      createdAt: time,
      // Checked again once decoded (size, type by content) by the server, which knows its limits.
      data: z
        .string()
        .max(MAX_ATTACHMENT_BASE64)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    }),
  ).optional(),
});

/** Checks an uploaded export (already JSON-parsed); throws `WorkshopImportError` naming the first bad field. */
export function parseWorkshopExport(data: unknown): WorkshopExport {
  const format = (data as { format?: unknown } | null)?.format;
  const version = (data as { version?: unknown } | null)?.version;
  if (format === WORKSHOP_EXPORT_FORMAT && typeof version === 'number' && version > WORKSHOP_EXPORT_VERSION) {
    throw new WorkshopImportError(`export version ${version} is newer than this server understands (${WORKSHOP_EXPORT_VERSION})`, 'version');
  }
  const parsed = workshopExportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'body';
    throw new WorkshopImportError(`${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  return parsed.data as WorkshopExport;
}

function map(entries: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
}

export interface ImportedWorkshop {
  workshop: Y.Doc;
  /** Canvas documents by project id. */
  projects: Record<string, Y.Doc>;
  /** Attachments as exported (bytes still in base64), to be stored by the importing server. */
  attachments: AttachmentExport[];
}

/** Fresh documents holding the export's content (parsed first). */
export function importWorkshop(data: unknown): ImportedWorkshop {
  const exp = parseWorkshopExport(data);
  const workshop = new Y.Doc();
  workshop.transact(() => {
    const w = exp.workshop;
    metaMap(workshop).set('title', w.title);
    metaMap(workshop).set('createdAt', w.createdAt);
    for (const t of w.themes) themesMap(workshop).set(t.id, map({ id: t.id, name: t.name, order: t.order }));
    for (const p of w.projects) {
      const record = p.record ? Object.fromEntries(recordEntries(p.record)) : {};
      projectsMap(workshop).set(
        p.id,
        map({ id: p.id, name: p.name, commune: p.commune, themeId: p.themeId, order: p.order, createdAt: p.createdAt, ...record }),
      );
    }
    for (const t of w.taxonomy) {
      const tag = map({ id: t.id, fr: t.fr, en: t.en, order: t.order });
      if (t.nl) tag.set('nl', t.nl);
      if (t.de) tag.set('de', t.de);
      taxonomyMap(workshop).set(t.id, tag);
    }
    for (const c of w.challenges) restoreChallenge(workshop, c);
    for (const [id, members] of Object.entries(w.panels ?? {})) for (const m of members) assignExpert(workshop, id, m);
  });
  const projects: Record<string, Y.Doc> = {};
  for (const p of exp.projects) {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const c of p.clusters) addCluster(doc, c);
      for (const n of p.notes) {
        addNote(doc, n);
        const note = notesMap(doc).get(n.id)!;
        if (n.tags.length > 0) note.set('tags', map(Object.fromEntries(n.tags.map((t) => [t, true]))));
        if (n.clusterId !== null) note.set('clusterId', n.clusterId);
      }
      restoreComments(doc, p.comments, p.threads);
      for (const partner of p.partners) declareInterest(doc, { ...partner, contact: partner.contact ?? undefined });
      for (const q of p.questions) {
        const upvoters = map(Object.fromEntries(q.upvoters.map((u) => [u, true])));
        const moderation = { ...(q.hidden ? { hidden: true } : {}), ...(q.anonymous ? { anonymous: true } : {}) };
        questionsMap(doc).set(
          q.id,
          map({ id: q.id, text: q.text, authorId: q.authorId, authorName: q.authorName, askedAt: q.askedAt, answered: q.answered, upvoters, ...moderation }),
        );
      }
      for (const v of p.votes) recordVoteResults(doc, v);
      for (const image of p.images ?? []) placeImage(doc, image);
    });
    projects[p.projectId] = doc;
  }
  return { workshop, projects, attachments: exp.attachments ?? [] };
}
