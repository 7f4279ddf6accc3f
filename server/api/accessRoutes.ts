import { Router } from 'express';
import { ID_PATTERN } from '../../shared/ids';
import type { DraftCountsResponse, PeopleResponse, Principal, TicketResponse, WorkshopSettingsBody } from '../../shared/protocol';
import { parseRoom, privateRoomPrefix, type RoomRef } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { firstIssue, renameBody, settingsBody, ticketBody } from '../../shared/validate';
import { tokenExpiresAt, type Credentials } from '../auth';
import { mayOpenRoom } from '../facilitation/roomAccess';
import type { Storage, WorkshopRecord } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';
import { requireMember, sendError } from './requestAuth';

export interface AccessDeps {
  storage: Storage;
  rooms: RoomManager;
  credentials: Credentials;
  /** Closes every connection of someone whose token was just revoked or expired (documents and socket.io, every node). */
  endSession(workshopId: string, userId: string, reason: 'removed' | 'expired'): void;
  /**
   * Starts loading a room whose ticket was just issued, if that person may open it: the socket
   * follows within moments, and a big canvas takes a while to load. Never fails.
   */
  preloadRoom?(principal: Principal, room: RoomRef, name: string): Promise<void>;
}

const HOUR = 3_600_000;
const settingsOf = (w: WorkshopRecord): WorkshopSettingsBody => ({
  tokenLifetimeHours: w.tokenLifetimeMs === null ? null : Math.round(w.tokenLifetimeMs / HOUR),
  ticketsOnly: w.ticketsOnly,
});

/**
 * Who holds access and how: Yjs tickets, token settings, the facilitator's list of people and links
 * (revoke, re-admit), a co-facilitator's chosen name, and draft counts before a reveal.
 */
export function accessRoutes(deps: AccessDeps): Router {
  const router = Router();
  const { registry } = deps.storage;

  router.post('/workshops/:id/tickets', async (req, res) => {
    const me = await requireMember(registry, req, res);
    if (!me) return;
    const parsed = ticketBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    const room = parseRoom(parsed.data.room);
    if (!room) return sendError(res, 400, 'invalid_body', 'room: not a room name of Croisée', 'room');
    if (room.workshopId !== me.workshopId) return sendError(res, 403, 'forbidden', 'This room belongs to another workshop.');
    if (!mayOpenRoom(me, room)) return sendError(res, 403, 'forbidden', 'Private drafts belong to their author.');
    const body: TicketResponse = await deps.credentials.issueTicket(me, parsed.data.room);
    res.status(201).json(body);
    void deps.preloadRoom?.(me, room, parsed.data.room);
  });

  router.get('/workshops/:id/settings', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const workshop = await registry.getWorkshop(me.workshopId);
    if (!workshop) return sendError(res, 404, 'unknown_workshop', 'This workshop does not exist.');
    res.json(settingsOf(workshop));
  });

  router.put('/workshops/:id/settings', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const parsed = settingsBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    const { tokenLifetimeHours, ticketsOnly } = parsed.data;
    const settings = { tokenLifetimeMs: tokenLifetimeHours === null ? null : tokenLifetimeHours * HOUR, ticketsOnly };
    if (!(await registry.updateWorkshopSettings(me.workshopId, settings))) return sendError(res, 404, 'unknown_workshop', 'This workshop does not exist.');
    const workshop = (await registry.getWorkshop(me.workshopId))!;
    // A shorter lifetime applies at once: whoever it expires is disconnected now, not at their next reconnection.
    const now = Date.now();
    for (const p of await registry.listParticipants(me.workshopId)) {
      const expiresAt = tokenExpiresAt(p, workshop);
      if (p.revokedAt === null && expiresAt !== null && expiresAt <= now) deps.endSession(me.workshopId, p.userId, 'expired');
    }
    res.json(settingsOf(workshop));
  });

  router.get('/workshops/:id/people', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const [workshop, people] = await Promise.all([registry.getWorkshop(me.workshopId), registry.listParticipants(me.workshopId)]);
    if (!workshop) return sendError(res, 404, 'unknown_workshop', 'This workshop does not exist.');
    const body: PeopleResponse = {
      people: people.map((p) => ({
        userId: p.userId,
        name: p.name,
        role: p.role,
        community: p.community,
        origin: p.origin,
        createdAt: p.createdAt,
        revokedAt: p.revokedAt,
        refusedAtDoor: p.revokedAt !== null && p.deviceHash !== null,
        expiresAt: tokenExpiresAt(p, workshop),
      })),
    };
    res.json(body);
  });

  /** Revokes a link or removes a person: the token stops working and their connections close. */
  router.delete('/workshops/:id/people/:userId', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const target = await registry.getParticipant(me.workshopId, req.params.userId);
    if (!target) return sendError(res, 404, 'unknown_person', 'Nobody with this id in this workshop.');
    if (target.userId === me.userId) return sendError(res, 400, 'invalid', 'You cannot revoke your own access.');
    if (target.origin === 'creator') return sendError(res, 403, 'forbidden', 'The workshop creator’s access cannot be revoked.');
    if (target.revokedAt === null) await registry.revokeParticipant(me.workshopId, target.userId);
    deps.endSession(me.workshopId, target.userId, 'removed');
    res.status(204).end();
  });

  /** Lets someone removed join again from the browser they used (their old token stays revoked). */
  router.post('/workshops/:id/people/:userId/readmit', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    if (!(await registry.readmitParticipant(me.workshopId, req.params.userId))) {
      return sendError(res, 404, 'not_removed', 'Nobody removed with this id in this workshop.');
    }
    res.status(204).end();
  });

  /** A co-facilitator (or anyone a link was made for) chooses the name others see. */
  router.put('/workshops/:id/me', async (req, res) => {
    const me = await requireMember(registry, req, res);
    if (!me) return;
    const parsed = renameBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    const record = await registry.getParticipant(me.workshopId, me.userId);
    if (record?.origin !== 'link') return sendError(res, 403, 'forbidden', 'Only people invited by a link choose their name here.');
    await registry.renameParticipant(me.workshopId, me.userId, parsed.data.name);
    res.json({ ...me, name: parsed.data.name });
  });

  router.get('/workshops/:id/projects/:projectId/drafts', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    if (!ID_PATTERN.test(req.params.projectId)) return sendError(res, 404, 'unknown_project', 'No such project.');
    const prefix = privateRoomPrefix(me.workshopId, req.params.projectId);
    const names = new Set([...(await deps.storage.docs.listRooms(prefix)), ...deps.rooms.loadedNames().filter((n) => n.startsWith(prefix))]);
    const people = new Map((await registry.listParticipants(me.workshopId)).map((p) => [p.userId, p.name]));
    const drafts: DraftCountsResponse['drafts'] = [];
    for (const name of names) {
      const ref = parseRoom(name);
      if (ref?.kind !== 'private') continue;
      const count = await deps.rooms.withRoom(name, (room) => readNotes(room.doc).length);
      if (count > 0) drafts.push({ userId: ref.userId, name: people.get(ref.userId) ?? ref.userId, count });
    }
    drafts.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const body: DraftCountsResponse = { drafts };
    res.json(body);
  });

  return router;
}
