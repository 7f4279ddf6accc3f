import express, { Router, type Request, type Response } from 'express';
import type * as Y from 'yjs';
import { ID_PATTERN } from '../../shared/ids';
import { byCreation, exportNote, exportProject, exportWorkshopWith, workshopJson, type WorkshopExport } from '../../shared/report/exportJson';
import { csvFile, notesCsvLines } from '../../shared/report/notesCsv';
import { projectMarkdown } from '../../shared/report/projectMarkdown';
import { REPORT_LABELS, isReportLang } from '../../shared/report/reportLabels';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { projectDossier } from '../../shared/report/projectDossier';
import { type ReportDoc, reportMarkdown } from '../../shared/report/reportDoc';
import { reportDocx } from '../../shared/report/reportDocx';
import { workshopSynthesis } from '../../shared/report/workshopSynthesis';
import type { Principal } from '../../shared/protocol';
import { workshopRoom } from '../../shared/rooms';
import { notesMap, readWorkshop } from '../../shared/schema';
import { indexEntry, placeHits, projectSearchEntries, searchIndexed, workshopSearchEntries, type SearchEntry } from '../../shared/search';
import type { ImportedAttachment, ImportRunner } from '../importRunner';
import { checkAttachment } from '../../shared/attachments';
import type { AttachmentExport } from '../../shared/attachments';
import type { AttachmentLimits } from './attachmentRoutes';
import type { Storage } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';
import { mapInTurns, ReadBudget, ReadBudgetExceeded, readDrafts, readProjects, readRoom, RoomReadRefused, type RoomReader } from './readRooms';
import { requireMember, sendError } from './requestAuth';
import { createWorkshopFromDocs, DEFAULT_FACILITATOR_NAME } from './workshopRoutes';

/** Largest workshop export accepted for import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Default of `ReportDeps.maxReadBytes`. */
export const DEFAULT_MAX_READ_BYTES = 128 * 1024 * 1024;

export interface ReportDeps {
  storage: Storage;
  rooms: RoomManager;
  /** Ends every session of a deleted workshop (socket.io, and documents on other nodes). */
  endWorkshopSessions(workshopId: string): void;
  /** Forgets the workshop's facilitation state on this node. */
  forgetWorkshop(workshopId: string): Promise<void>;
  /** Most content one export, report or search may read (JSON characters); above it, 413. */
  maxReadBytes?: number;
}

const labelsFor = (req: Request) => REPORT_LABELS[isReportLang(req.query.lang) ? req.query.lang : 'fr'];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name safe in a Content-Disposition header. */
const fileName = (title: string, ext: string) =>
  `${
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'croisee'
  }.${ext}`;

const jsonSize = (value: unknown) => JSON.stringify(value).length;
/** About a project's JSON size, without encoding its notes (most of a big board) in one go. */
const projectSize = (p: { notes: ReadonlyArray<{ text: string; authorName: string }> }) =>
  jsonSize({ ...p, notes: [] }) + p.notes.reduce((n, note) => n + note.text.length + note.authorName.length + 200, 0);
/** A canvas's notes, oldest first, read a slice at a time (they are most of a big canvas). */
const notesInTurns = async (doc: Y.Doc) => (await mapInTurns([...notesMap(doc).values()], exportNote)).sort(byCreation);
const entriesSize = (entries: readonly SearchEntry[]) => entries.reduce((n, e) => n + e.text.length + 64, 0);

/** Turns the refusals of a read into answers; anything else goes to the error handler. */
export function readFailure(res: Response, err: unknown): void {
  if (err instanceof RoomReadRefused) return sendError(res, 403, 'forbidden', 'This token may not read that document.');
  if (err instanceof ReadBudgetExceeded)
    return sendError(res, 413, 'too_large', `This workshop is too large to read in one request (over ${err.maxBytes} bytes).`);
  throw err;
}

/**
 * Reports and data: exports (JSON, Markdown, CSV), import, search and deletion of a workshop.
 * Every document is read through the same access rule as the Yjs endpoint (`readRooms.ts`): nobody
 * reads someone else's private drafts; a facilitator's export includes them only when asked
 * (`?drafts=include`).
 */
export function reportRoutes(deps: ReportDeps): Router {
  const router = Router();
  const { storage, rooms } = deps;

  const member = (req: Request<{ id: string }>, res: Response, opts: { facilitator?: boolean } = {}) => requireMember(storage.registry, req, res, opts);
  const readerFor = (me: Principal): RoomReader => ({
    rooms,
    docs: storage.docs,
    reader: me,
    budget: new ReadBudget(deps.maxReadBytes ?? DEFAULT_MAX_READ_BYTES),
  });

  /** The export of what `me` may read: the workshop and its canvases (or only `projectIds`). */
  async function readExport(me: Principal, options: { projectIds?: readonly string[]; drafts?: boolean } = {}): Promise<WorkshopExport> {
    const r = readerFor(me);
    const base = await readRoom(r, workshopRoom(me.workshopId), 'workshop', (doc) => exportWorkshopWith(doc, () => undefined, options), jsonSize);
    const ids = base.workshop.projects.map((p) => p.id);
    const contents = await readProjects(r, ids, async (id, doc) => exportProject(id, doc, await notesInTurns(doc)), projectSize);
    const data: WorkshopExport = { ...base, projects: base.workshop.projects.flatMap((p) => contents.get(p.id) ?? []) };
    if (options.drafts) {
      data.drafts = (
        await readDrafts(r, ids, async (ref, doc) => ({ projectId: ref.projectId, userId: ref.userId, notes: await notesInTurns(doc) }), projectSize)
      ).filter((d) => d.notes.length > 0);
    }
    return data;
  }

  const download = (res: Response, type: string, name: string, body: string) => {
    res.type(type).set('Content-Disposition', `attachment; filename="${name}"`).send(body);
  };

  router.get('/workshops/:id/export.json', async (req, res) => {
    const me = await member(req, res);
    if (!me) return;
    const drafts = req.query.drafts ?? 'exclude';
    if (drafts !== 'include' && drafts !== 'exclude') return sendError(res, 400, 'invalid_query', 'drafts: include or exclude', 'drafts');
    if (drafts === 'include' && me.role !== 'facilitator') return sendError(res, 403, 'forbidden', 'Only a facilitator may export private drafts.');
    try {
      const data = await readExport(me, { drafts: drafts === 'include' });
      const attachmentBytes = await storage.attachments.totalBytes(me.workshopId);
      if ((attachmentBytes * 4) / 3 > (deps.maxReadBytes ?? DEFAULT_MAX_READ_BYTES)) throw new ReadBudgetExceeded(deps.maxReadBytes ?? DEFAULT_MAX_READ_BYTES);
      data.attachments = await exportAttachments(storage, me.workshopId);
      download(res, 'application/json; charset=utf-8', fileName(data.workshop.title, 'json'), workshopJson(data));
    } catch (err) {
      readFailure(res, err);
    }
  });

  router.get('/workshops/:id/report.md', async (req, res) => {
    const me = await member(req, res);
    if (!me) return;
    try {
      const data = await readExport(me);
      download(res, 'text/markdown; charset=utf-8', fileName(data.workshop.title, 'md'), workshopMarkdown(data, labelsFor(req)));
    } catch (err) {
      readFailure(res, err);
    }
  });

  router.get('/workshops/:id/projects/:projectId/report.md', async (req, res) => {
    const me = await member(req, res);
    if (!me) return;
    try {
      const data = await readExport(me, { projectIds: [req.params.projectId] });
      const project = data.workshop.projects.find((p) => p.id === req.params.projectId);
      if (!project) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
      download(res, 'text/markdown; charset=utf-8', fileName(project.name, 'md'), projectMarkdown(data, project.id, labelsFor(req)));
    } catch (err) {
      readFailure(res, err);
    }
  });

  /** A report document in the format asked: Markdown or Word. */
  const sendDoc = async (res: Response, doc: ReportDoc, name: string, format: 'md' | 'docx') => {
    if (format === 'md') return download(res, 'text/markdown; charset=utf-8', fileName(name, 'md'), reportMarkdown(doc));
    res
      .type(DOCX_TYPE)
      .set('Content-Disposition', `attachment; filename="${fileName(name, 'docx')}"`)
      .send(await reportDocx(doc));
  };

  // The application dossier of one project (projectDossier.ts): Markdown or Word.
  for (const format of ['md', 'docx'] as const) {
    router.get(`/workshops/:id/projects/:projectId/dossier.${format}`, async (req, res) => {
      const me = await member(req, res);
      if (!me) return;
      try {
        const data = await readExport(me, { projectIds: [req.params.projectId] });
        // The other projects' names and communes, to say with whom a common challenge is shared.
        const all = await readRoom(readerFor(me), workshopRoom(me.workshopId), 'workshop', (doc) => readWorkshop(doc).projects, jsonSize);
        const doc = projectDossier(data, req.params.projectId, labelsFor(req).lang, all);
        if (!doc) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
        await sendDoc(res, doc, `${doc.title}-dossier`, format);
      } catch (err) {
        readFailure(res, err);
      }
    });
  }

  // The organisers' synthesis across projects (workshopSynthesis.ts): facilitators only (partner contacts).
  for (const format of ['md', 'docx'] as const) {
    router.get(`/workshops/:id/synthesis.${format}`, async (req, res) => {
      const me = await member(req, res, { facilitator: true });
      if (!me) return;
      try {
        const data = await readExport(me);
        const people = await storage.registry.listParticipants(me.workshopId);
        const doc = workshopSynthesis(data, labelsFor(req).lang, people);
        await sendDoc(res, doc, `${data.workshop.title}-synthese`, format);
      } catch (err) {
        readFailure(res, err);
      }
    });
  }

  router.get('/workshops/:id/notes.csv', async (req, res) => {
    const me = await member(req, res);
    if (!me) return;
    const project = req.query.project;
    if (project !== undefined && (typeof project !== 'string' || !ID_PATTERN.test(project))) {
      return sendError(res, 400, 'invalid_query', 'project: must be a project id', 'project');
    }
    // Spreadsheets in French, Dutch and German locales split on semicolons, English ones on commas.
    const sep = req.query.sep ?? (labelsFor(req).lang === 'en' ? 'comma' : 'semicolon');
    if (sep !== 'comma' && sep !== 'semicolon') return sendError(res, 400, 'invalid_query', 'sep: comma or semicolon', 'sep');
    const only = project === undefined ? undefined : [project];
    try {
      const data = await readExport(me, only ? { projectIds: only } : {});
      if (only && data.workshop.projects.length === 0) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
      // A BOM so that spreadsheet programs read the accents as UTF-8.
      const lines = notesCsvLines(data, { projectIds: only, labels: labelsFor(req), separator: sep === 'semicolon' ? ';' : ',' });
      const body = csvFile(await mapInTurns(lines, (line) => line), { bom: true });
      download(res, 'text/csv; charset=utf-8', fileName(data.workshop.title, 'csv'), body);
    } catch (err) {
      readFailure(res, err);
    }
  });

  router.get('/workshops/:id/search', async (req, res) => {
    const me = await member(req, res);
    if (!me) return;
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    if (!q.trim()) return sendError(res, 400, 'invalid_query', 'q: required', 'q');
    try {
      const r = readerFor(me);
      const base = await readRoom(
        r,
        workshopRoom(me.workshopId),
        'workshop',
        (doc) => ({ entries: workshopSearchEntries(doc), projects: readWorkshop(doc).projects.map((p) => ({ id: p.id, name: p.name, commune: p.commune })) }),
        (v) => entriesSize(v.entries),
      );
      const projects = await readProjects(
        r,
        base.projects.map((p) => p.id),
        async (id, doc) => projectSearchEntries(id, doc, await notesInTurns(doc)),
        entriesSize,
      );
      const entries = [...base.entries, ...[...projects.values()].flat()];
      // Each hit names its project and commune: the same words in seven boards are told apart.
      res.json({ hits: placeHits(searchIndexed(entries, await mapInTurns(entries, indexEntry), q, { limit: 50 }), base.projects) });
    } catch (err) {
      readFailure(res, err);
    }
  });

  router.delete('/workshops/:id', async (req, res) => {
    if (!(await member(req, res, { facilitator: true }))) return;
    const id = req.params.id;
    // Close and unload every room first, so nothing can be written after the data is gone.
    deps.endWorkshopSessions(id);
    await deps.forgetWorkshop(id);
    await storage.docs.deleteRooms([id, ...(await storage.docs.listRooms(`${id}.`))]);
    await storage.attachments.deleteWorkshop(id);
    await storage.registry.deleteWorkshop(id);
    res.status(204).end();
  });

  return router;
}

/** Every attachment of a workshop with its bytes, as the JSON export holds them. */
async function exportAttachments(storage: Storage, workshopId: string): Promise<AttachmentExport[]> {
  const out: AttachmentExport[] = [];
  for (const r of await storage.attachments.list(workshopId)) {
    const found = await storage.attachments.get(workshopId, r.id);
    if (!found) continue; // deleted meanwhile
    const { id, projectId, name, contentType, uploadedBy, uploaderName, createdAt } = found.record;
    const data = Buffer.from(found.data.buffer, found.data.byteOffset, found.data.byteLength).toString('base64');
    out.push({ id, projectId, name, contentType, uploadedBy, uploaderName, createdAt, data });
  }
  return out;
}

/** An imported attachment must pass what an upload passes: a known project, its limits, its type by content. */
function checkImportedAttachments(
  attachments: readonly ImportedAttachment[],
  projectIds: readonly string[],
  limits: AttachmentLimits,
): { status: number; error: string; message: string; field: string } | null {
  let total = 0;
  for (const [i, a] of attachments.entries()) {
    const field = `attachments.${i}`;
    if (!projectIds.includes(a.projectId)) return { status: 400, error: 'invalid_export', message: `${field}.projectId: no such project in the export`, field };
    if (a.data.byteLength > limits.fileBytes)
      return { status: 413, error: 'file_too_large', message: `${field}: larger than this server accepts (${limits.fileBytes} bytes)`, field };
    total += a.data.byteLength;
    if (total > limits.workshopBytes)
      return { status: 413, error: 'workshop_full', message: `attachments: more than this server accepts per workshop (${limits.workshopBytes} bytes)`, field };
    const checked = checkAttachment(a.name, a.data);
    if (!checked.ok || checked.contentType !== a.contentType) {
      return { status: 415, error: 'unsupported_type', message: `${field}: its content is not the ${a.contentType} it claims to be`, field };
    }
  }
  return null;
}

/**
 * POST /api/workshops/import: its own body limit (exports are bigger than any other request); the
 * body is parsed, validated and turned into documents in a worker thread (`importRunner`).
 */
export function importRoute(storage: Storage, runner: ImportRunner, attachmentLimits: AttachmentLimits): Router {
  const router = Router();
  // Room for the workshop's attachments too, in base64 (4 bytes for 3).
  const limit = MAX_IMPORT_BYTES + Math.ceil((attachmentLimits.workshopBytes * 4) / 3);
  router.post('/workshops/import', express.raw({ type: 'application/json', limit }), async (req, res) => {
    if (!Buffer.isBuffer(req.body)) return sendError(res, 400, 'invalid_export', 'Send the export as application/json.', 'body');
    const imported = await runner.run(req.body);
    if (!imported.ok) {
      if (imported.kind === 'json') return sendError(res, 400, 'bad_request', imported.message);
      if (imported.kind === 'invalid') return sendError(res, 400, 'invalid_export', imported.message, imported.field);
      throw new Error(`import failed: ${imported.message}`);
    }
    const refused = checkImportedAttachments(imported.attachments, Object.keys(imported.projects), attachmentLimits);
    if (refused) return sendError(res, refused.status, refused.error, refused.message, refused.field);
    const name = typeof req.query.name === 'string' && req.query.name.trim() ? req.query.name.trim().slice(0, 60) : DEFAULT_FACILITATOR_NAME;
    const created = await createWorkshopFromDocs(storage, {
      title: imported.title,
      facilitatorName: name,
      now: Date.now(),
      workshopState: imported.workshop,
      projectStates: imported.projects,
    });
    for (const { data, ...a } of imported.attachments) {
      // Checked above against the same limit, on a workshop nobody else knows yet: it fits.
      await storage.attachments.put({ ...a, workshopId: created.id, size: data.byteLength }, data, attachmentLimits.workshopBytes);
    }
    res.status(201).json(created);
  });
  return router;
}
