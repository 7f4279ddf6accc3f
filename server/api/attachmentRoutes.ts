import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response, Router } from 'express';
import { type AttachmentView, checkAttachment, cleanAttachmentName } from '../../shared/attachments';
import { ID_PATTERN, newId } from '../../shared/ids';
import type { Principal } from '../../shared/protocol';
import { workshopRoom } from '../../shared/rooms';
import { readWorkshop } from '../../shared/schema';
import type { AttachmentRecord, Storage } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';
import { ReadBudget, readRoom } from './readRooms';
import { requireMember, sendError } from './requestAuth';

export interface AttachmentLimits {
  /** Largest single file, in bytes (ATTACHMENT_MAX_BYTES). */
  fileBytes: number;
  /** Most bytes of attachments one workshop may hold (WORKSHOP_ATTACHMENTS_MAX_BYTES). */
  workshopBytes: number;
}

export interface AttachmentDeps {
  storage: Storage;
  rooms: RoomManager;
  limits: AttachmentLimits;
}

/** Who may attach pitch material: the communes and the facilitators (not experts, not the wall). */
const mayUpload = (me: Principal) => me.role === 'facilitator' || me.role === 'commune';

export const attachmentView = ({ workshopId: _workshop, ...view }: AttachmentRecord): AttachmentView => view;

/** `filename` for old clients (ASCII only) and `filename*` with the real name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A limit as people read it: "10 MiB", "8 KiB". */
const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round((bytes / 1024) * 10) / 10} KiB`;

/**
 * Pitch material of a project (PDF slides, photos, maps), kept in the storage backend.
 * - POST   /workshops/:id/projects/:projectId/attachments?name=… (the body is the file's bytes)
 * - GET    /workshops/:id/projects/:projectId/attachments         (the list, without bytes)
 * - GET    /workshops/:id/attachments/:attachmentId               (the bytes)
 * - DELETE /workshops/:id/attachments/:attachmentId               (uploader or facilitator)
 * The token is checked before the body is read, so nobody outside the workshop makes the server
 * buffer a file. Mounted before the JSON body parser (its own, larger body limit).
 */
export function attachmentRoutes(deps: AttachmentDeps): Router {
  const router = Router();
  const { storage, limits } = deps;

  const projectExists = async (me: Principal, projectId: string) =>
    ID_PATTERN.test(projectId) &&
    (await readRoom(
      { rooms: deps.rooms, docs: storage.docs, reader: me, budget: new ReadBudget(Number.POSITIVE_INFINITY) },
      workshopRoom(me.workshopId),
      'workshop',
      (doc) => readWorkshop(doc).projects.some((p) => p.id === projectId),
      () => 0,
    ));

  const members = new WeakMap<Request, Principal>();
  const rawBody = express.raw({ type: () => true, limit: limits.fileBytes });
  /** The body parser's refusals (too large, aborted) as JSON answers. */
  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err?.status === 413) return sendError(res, 413, 'file_too_large', `A file may be at most ${sizeLabel(limits.fileBytes)}.`);
    if (typeof err?.status === 'number' && err.status < 500) return sendError(res, err.status, 'bad_request', 'The file could not be read.');
    next(err);
  };

  router.post(
    '/workshops/:id/projects/:projectId/attachments',
    async (req: Request<{ id: string; projectId: string }>, res: Response, next: NextFunction) => {
      const me = await requireMember(storage.registry, req, res);
      if (!me) return;
      if (!mayUpload(me)) return sendError(res, 403, 'forbidden', 'Only the communes and the facilitators can attach files to a project.');
      members.set(req, me);
      next();
    },
    rawBody,
    async (req: Request<{ id: string; projectId: string }>, res: Response) => {
      const me = members.get(req)!;
      const data: unknown = req.body;
      if (!Buffer.isBuffer(data) || data.length === 0) return sendError(res, 400, 'empty_file', 'Send the file as the request body.', 'body');
      const rawName = typeof req.query.name === 'string' ? req.query.name : '';
      if (!rawName.trim()) return sendError(res, 400, 'invalid_query', 'name: the file name is required', 'name');
      if (!(await projectExists(me, req.params.projectId))) return sendError(res, 404, 'unknown_project', 'This project does not exist in this workshop.');
      const name = cleanAttachmentName(rawName);
      const checked = checkAttachment(name, data);
      if (!checked.ok) return sendError(res, 415, checked.reason === 'mismatch' ? 'type_mismatch' : 'unsupported_type', checked.message, 'body');
      const record: AttachmentRecord = {
        id: newId(),
        workshopId: me.workshopId,
        projectId: req.params.projectId,
        name,
        contentType: checked.contentType,
        size: data.length,
        uploadedBy: me.userId,
        uploaderName: me.name,
        createdAt: Date.now(),
      };
      if (!(await storage.attachments.put(record, data, limits.workshopBytes))) {
        return sendError(
          res,
          413,
          'workshop_full',
          `This workshop's attachments may take at most ${sizeLabel(limits.workshopBytes)} in all; delete some first.`,
        );
      }
      res.status(201).json(attachmentView(record));
    },
    bodyErrors,
  );

  router.get('/workshops/:id/projects/:projectId/attachments', async (req, res) => {
    const me = await requireMember(storage.registry, req, res);
    if (!me) return;
    const list = await storage.attachments.list(me.workshopId, req.params.projectId);
    res.json({ attachments: list.map(attachmentView), limits, used: await storage.attachments.totalBytes(me.workshopId) });
  });

  router.get('/workshops/:id/attachments/:attachmentId', async (req, res) => {
    const me = await requireMember(storage.registry, req, res);
    if (!me) return;
    const found = await storage.attachments.get(me.workshopId, req.params.attachmentId);
    if (!found) return sendError(res, 404, 'unknown_attachment', 'This attachment does not exist in this workshop.');
    // The type is the one decided from the content at upload; nothing here may run as a page
    // (a PDF viewer's script, an image opened directly): no sniffing, a CSP that allows nothing.
    res
      .status(200)
      .set({
        'Content-Type': found.record.contentType,
        'Content-Length': String(found.data.byteLength),
        'Content-Disposition': contentDisposition(found.record.name),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
        'Cross-Origin-Resource-Policy': 'same-origin',
      })
      .end(Buffer.from(found.data.buffer, found.data.byteOffset, found.data.byteLength));
  });

  router.delete('/workshops/:id/attachments/:attachmentId', async (req, res) => {
    const me = await requireMember(storage.registry, req, res);
    if (!me) return;
    const found = await storage.attachments.get(me.workshopId, req.params.attachmentId);
    if (!found) return sendError(res, 404, 'unknown_attachment', 'This attachment does not exist in this workshop.');
    if (me.role !== 'facilitator' && found.record.uploadedBy !== me.userId) {
      return sendError(res, 403, 'forbidden', 'Only whoever attached this file, or a facilitator, can delete it.');
    }
    await storage.attachments.delete(me.workshopId, found.record.id);
    res.status(204).end();
  });

  return router;
}
