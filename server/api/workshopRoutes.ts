import { Router } from 'express';
import * as Y from 'yjs';
import { newId, newJoinCode, normalizeJoinCode } from '../../shared/ids';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import type { CreateTokenResponse, CreateWorkshopResponse, JoinCodeResponse, JoinResponse, WorkshopInfoResponse } from '../../shared/protocol';
import { createWorkshopBody, firstIssue, joinBody, tokenBody } from '../../shared/validate';
import { hashToken, newToken, tokenExpiresAt } from '../auth';
import { requireMember, sendError } from './requestAuth';
import type { Storage, WorkshopRecord } from '../storage/Storage';
import { createWorkshopDocument, TEMPLATES, type WorkshopSeed } from '../workshopSeed';

export const DEFAULT_FACILITATOR_NAME = 'Animateur·rice';

/**
 * Creates a workshop: its registry record, its facilitator, and its initial documents stored as the
 * first entry of each room's log (so the first client to connect receives them like any other state).
 */
export async function createWorkshopFromDocs(
  storage: Storage,
  args: { title: string; facilitatorName: string; now: number; workshopState: Uint8Array; projectStates?: Record<string, Uint8Array> },
): Promise<CreateWorkshopResponse> {
  const id = newId();
  let workshop: WorkshopRecord | null = null;
  // Join codes are short; on the rare collision, draw again.
  for (let attempt = 0; attempt < 10 && !workshop; attempt++) {
    const candidate = { id, title: args.title, joinCode: newJoinCode(), createdAt: args.now, tokenLifetimeMs: null, ticketsOnly: false };
    if (!(await storage.registry.findWorkshopByJoinCode(candidate.joinCode))) workshop = candidate;
  }
  if (!workshop) throw new Error('could not draw a free join code');
  await storage.docs.append(workshopRoom(id), args.workshopState);
  for (const [projectId, state] of Object.entries(args.projectStates ?? {})) {
    // An imported workshop has many big documents: let other requests in between two writes.
    await new Promise((resolve) => setImmediate(resolve));
    await storage.docs.append(projectRoom(id, projectId), state);
  }
  await storage.registry.createWorkshop(workshop);
  const facilitatorToken = newToken();
  const userId = newId();
  await storage.registry.addParticipant(
    { userId, workshopId: id, name: args.facilitatorName, role: 'facilitator', community: null, createdAt: args.now, origin: 'creator', deviceHash: null },
    hashToken(facilitatorToken),
  );
  return { id, joinCode: workshop.joinCode, facilitatorToken, userId };
}

/** Creates a workshop from a seed (themes, projects) with the default taxonomy. */
export async function createWorkshop(
  storage: Storage,
  args: { title: string; facilitatorName: string; seed: WorkshopSeed; now: number },
): Promise<CreateWorkshopResponse> {
  const workshopDoc = createWorkshopDocument({ title: args.title, createdAt: args.now, seed: args.seed });
  try {
    return await createWorkshopFromDocs(storage, { ...args, workshopState: Y.encodeStateAsUpdate(workshopDoc) });
  } finally {
    workshopDoc.destroy();
  }
}

export function workshopRoutes(storage: Storage, isJoinLocked: (workshopId: string) => Promise<boolean>): Router {
  const router = Router();
  const { registry } = storage;

  router.post('/workshops', async (req, res) => {
    const parsed = createWorkshopBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    const created = await createWorkshop(storage, {
      title: parsed.data.title,
      facilitatorName: parsed.data.name ?? DEFAULT_FACILITATOR_NAME,
      seed: TEMPLATES[parsed.data.template ?? 'blank'],
      now: Date.now(),
    });
    res.status(201).json(created);
  });

  router.get('/join-codes/:code', async (req, res) => {
    const workshop = await registry.findWorkshopByJoinCode(normalizeJoinCode(req.params.code));
    if (!workshop) return sendError(res, 404, 'unknown_code', 'No workshop has this join code.');
    const body: JoinCodeResponse = { workshopId: workshop.id, title: workshop.title, locked: await isJoinLocked(workshop.id) };
    res.json(body);
  });

  router.post('/workshops/:id/join', async (req, res) => {
    const workshop = await registry.getWorkshop(req.params.id);
    if (!workshop) return sendError(res, 404, 'unknown_workshop', 'This workshop does not exist.');
    const parsed = joinBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    if (parsed.data.joinCode !== workshop.joinCode) {
      return sendError(res, 403, 'wrong_code', 'The join code does not match this workshop.', 'joinCode');
    }
    if (await isJoinLocked(workshop.id)) {
      return sendError(res, 403, 'joining_locked', 'The facilitator has closed joining for this workshop; ask them to open it.');
    }
    // Hashed with the workshop, so a device id seen in one workshop says nothing in another.
    const deviceHash = parsed.data.deviceId ? hashToken(`${workshop.id}:${parsed.data.deviceId}`) : null;
    if (deviceHash && (await registry.isDeviceRemoved(workshop.id, deviceHash))) {
      return sendError(res, 403, 'removed', 'You were removed from this workshop; ask the facilitator to re-admit you.');
    }
    const token = newToken();
    const userId = newId();
    await registry.addParticipant(
      {
        userId,
        workshopId: workshop.id,
        name: parsed.data.name,
        role: parsed.data.role,
        community: parsed.data.community ?? null,
        createdAt: Date.now(),
        origin: 'join',
        deviceHash,
      },
      hashToken(token),
    );
    const body: JoinResponse = { token, userId };
    res.json(body);
  });

  /** A facilitator hands out a co-facilitator link or a projector (viewer) link. */
  router.post('/workshops/:id/tokens', async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const parsed = tokenBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, 'invalid_body', message, field);
    }
    const token = newToken();
    const userId = newId();
    await registry.addParticipant(
      {
        userId,
        workshopId: me.workshopId,
        name: parsed.data.name,
        role: parsed.data.role,
        community: null,
        createdAt: Date.now(),
        origin: 'link',
        deviceHash: null,
      },
      hashToken(token),
    );
    const body: CreateTokenResponse = { token, userId };
    res.status(201).json(body);
  });

  router.get('/workshops/:id', async (req, res) => {
    const me = await requireMember(registry, req, res);
    if (!me) return;
    const [workshop, record] = await Promise.all([registry.getWorkshop(req.params.id), registry.getParticipant(me.workshopId, me.userId)]);
    if (!workshop || !record) return sendError(res, 404, 'unknown_workshop', 'This workshop does not exist.');
    // Everyone holding a token either joined with the code or was let in by a facilitator, so the
    // code is no secret to them — and the projector wall needs it to show how to join.
    const body: WorkshopInfoResponse = {
      id: workshop.id,
      title: workshop.title,
      joinCode: workshop.joinCode,
      me,
      origin: record.origin,
      expiresAt: tokenExpiresAt(record, workshop),
    };
    res.json(body);
  });

  return router;
}
