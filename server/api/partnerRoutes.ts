import { Router } from 'express';
import { readPartnerInterests, type PartnerInterestView } from '../../shared/partners';
import { workshopRoom } from '../../shared/rooms';
import { readWorkshop } from '../../shared/schema';
import type { Storage } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';
import { DEFAULT_MAX_READ_BYTES, readFailure } from './reportRoutes';
import { ReadBudget, readProjects, readRoom } from './readRooms';
import { requireMember } from './requestAuth';

/** One declared interest in the directory, with the project it is for. */
export interface PartnerDirectoryEntry extends PartnerInterestView {
  projectId: string;
}

/**
 * GET /workshops/:id/partners: every partner interest across the workshop's projects (the
 * networking day's directory), read through the same access rule as the documents. Contacts are
 * in it only where their owner consented (the documents hold no contact otherwise).
 */
export function partnerRoutes(deps: { storage: Storage; rooms: RoomManager; maxReadBytes?: number }): Router {
  const router = Router();
  router.get('/workshops/:id/partners', async (req, res) => {
    const me = await requireMember(deps.storage.registry, req, res);
    if (!me) return;
    const r = { rooms: deps.rooms, docs: deps.storage.docs, reader: me, budget: new ReadBudget(deps.maxReadBytes ?? DEFAULT_MAX_READ_BYTES) };
    const size = (v: unknown) => JSON.stringify(v).length;
    try {
      const ids = await readRoom(r, workshopRoom(me.workshopId), 'workshop', (doc) => readWorkshop(doc).projects.map((p) => p.id), size);
      const interests = await readProjects(r, ids, (projectId, doc) => readPartnerInterests(doc).map((p) => ({ ...p, projectId })), size);
      const partners: PartnerDirectoryEntry[] = ids.flatMap((id) => interests.get(id) ?? []);
      res.json({ partners });
    } catch (err) {
      readFailure(res, err);
    }
  });
  return router;
}
