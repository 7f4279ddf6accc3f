import express, { Router, type Request, type Response } from 'express';
import { exportWorkshop, workshopJson } from '../../shared/report/exportJson';
import { importWorkshop, WorkshopImportError } from '../../shared/report/importJson';
import { notesCsv } from '../../shared/report/notesCsv';
import { projectMarkdown } from '../../shared/report/projectMarkdown';
import { REPORT_LABELS, isReportLang } from '../../shared/report/reportLabels';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { readWorkshop } from '../../shared/schema';
import { buildSearchEntries, search } from '../../shared/search';
import type { Storage } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';
import { requireMember, sendError } from './requestAuth';
import { createWorkshopFromDocs, DEFAULT_FACILITATOR_NAME } from './workshopRoutes';
import { snapshotWorkshop } from './workshopDocs';

/** Largest workshop export accepted for import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ReportDeps {
  storage: Storage;
  rooms: RoomManager;
  /** Ends every session of a deleted workshop (socket.io, and documents on other nodes). */
  endWorkshopSessions(workshopId: string): void;
  /** Forgets the workshop's facilitation state on this node. */
  forgetWorkshop(workshopId: string): Promise<void>;
}

const labelsFor = (req: Request) => REPORT_LABELS[isReportLang(req.query.lang) ? req.query.lang : 'fr'];

/** A file name safe in a Content-Disposition header. */
const fileName = (title: string, ext: string) =>
  `${title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'croisee'}.${ext}`;

/**
 * Reports and data: exports (JSON, Markdown, CSV), import, search and deletion of a workshop.
 * Reading routes take snapshots of the documents, so a report never holds a live room.
 */
export function reportRoutes(deps: ReportDeps): Router {
  const router = Router();
  const { storage, rooms } = deps;

  const member = (req: Request<{ id: string }>, res: Response, opts: { facilitator?: boolean } = {}) =>
    requireMember(storage.registry, req, res, opts);

  const download = (res: Response, type: string, name: string, body: string) => {
    res.type(type).set('Content-Disposition', `attachment; filename="${name}"`).send(body);
  };

  router.get('/workshops/:id/export.json', async (req, res) => {
    if (!(await member(req, res))) return;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    const data = exportWorkshop(workshop, projects);
    download(res, 'application/json; charset=utf-8', fileName(data.workshop.title, 'json'), workshopJson(data));
  });

  router.get('/workshops/:id/report.md', async (req, res) => {
    if (!(await member(req, res))) return;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    const data = exportWorkshop(workshop, projects);
    download(res, 'text/markdown; charset=utf-8', fileName(data.workshop.title, 'md'), workshopMarkdown(data, labelsFor(req)));
  });

  router.get('/workshops/:id/projects/:projectId/report.md', async (req, res) => {
    if (!(await member(req, res))) return;
    const { workshop } = await snapshotWorkshop(rooms, req.params.id, []);
    const project = readWorkshop(workshop).projects.find((p) => p.id === req.params.projectId);
    if (!project) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
    const { projects } = await snapshotWorkshop(rooms, req.params.id, [project.id]);
    const data = exportWorkshop(workshop, projects, { projectIds: [project.id] });
    download(res, 'text/markdown; charset=utf-8', fileName(project.name, 'md'), projectMarkdown(data, project.id, labelsFor(req)));
  });

  router.get('/workshops/:id/notes.csv', async (req, res) => {
    if (!(await member(req, res))) return;
    const only = typeof req.query.project === 'string' ? [req.query.project] : undefined;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id, only);
    const data = exportWorkshop(workshop, projects, only ? { projectIds: only } : {});
    if (only && data.workshop.projects.length === 0) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
    // A BOM so that spreadsheet programs read the accents as UTF-8.
    download(res, 'text/csv; charset=utf-8', fileName(data.workshop.title, 'csv'), notesCsv(data, { projectIds: only, labels: labelsFor(req), bom: true }));
  });

  router.get('/workshops/:id/search', async (req, res) => {
    if (!(await member(req, res))) return;
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    if (!q.trim()) return sendError(res, 400, 'invalid_query', 'q: required', 'q');
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    res.json({ hits: search(buildSearchEntries(workshop, projects), q, { limit: 50 }) });
  });

  router.delete('/workshops/:id', async (req, res) => {
    if (!(await member(req, res, { facilitator: true }))) return;
    const id = req.params.id;
    // Close and unload every room first, so nothing can be written after the data is gone.
    deps.endWorkshopSessions(id);
    await deps.forgetWorkshop(id);
    await storage.docs.deleteRooms([id, ...(await storage.docs.listRooms(`${id}.`))]);
    await storage.registry.deleteWorkshop(id);
    res.status(204).end();
  });

  return router;
}

/** POST /api/workshops/import: its own body limit (exports are bigger than any other request). */
export function importRoute(storage: Storage): Router {
  const router = Router();
  router.post('/workshops/import', express.json({ limit: MAX_IMPORT_BYTES }), async (req, res) => {
    let imported;
    try {
      imported = importWorkshop(req.body);
    } catch (err) {
      if (err instanceof WorkshopImportError) return sendError(res, 400, 'invalid_export', err.message, err.field);
      throw err;
    }
    const title = readWorkshop(imported.workshop).title;
    const name = typeof req.query.name === 'string' && req.query.name.trim() ? req.query.name.trim().slice(0, 60) : DEFAULT_FACILITATOR_NAME;
    const created = await createWorkshopFromDocs(storage, {
      title,
      facilitatorName: name,
      now: Date.now(),
      workshopDoc: imported.workshop,
      projectDocs: imported.projects,
    });
    res.status(201).json(created);
  });
  return router;
}
