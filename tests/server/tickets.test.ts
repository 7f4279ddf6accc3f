import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode, EXPIRED_REASON, YJS_PATH, type TicketResponse } from '../../shared/protocol';
import { privateRoom, projectRoom, workshopRoom } from '../../shared/rooms';
import { hashToken, newToken } from '../../server/auth';
import { signTicket } from '../../server/tickets';
import { newId } from '../../shared/ids';
import { serverPerTest } from '../helpers/testServer';
import { rawSocket, waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

const api = async (method: string, path: string, token: string | null, body?: unknown) => {
  const res = await fetch(`${t.url}/api${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};

const ticketFor = async (workshopId: string, token: string, room: string) => {
  const res = await api('POST', `/workshops/${workshopId}/tickets`, token, { room });
  expect(res.status).toBe(201);
  return res.body as unknown as TicketResponse;
};

/** Opens the Yjs endpoint with `credential` and reports the HTTP refusal (status and text), or 'open'. */
function upgrade(room: string, credential: string): Promise<{ status: number; text: string } | 'open'> {
  const ws = new WebSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${encodeURIComponent(credential)}`);
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: text.trim() }));
    });
    ws.on('error', () => {});
  });
}

async function setup() {
  const ws = await t.createWorkshop('Tickets');
  const alice = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Alice', role: 'commune' });
  return { ws, alice, room: projectRoom(ws.id, 'proj0001') };
}

describe('Yjs tickets', () => {
  it('a ticket opens its room for a stock y-websocket client (the ticket is its token parameter)', async () => {
    const { ws, alice } = await setup();
    const { ticket, expiresAt } = await ticketFor(ws.id, alice.token, workshopRoom(ws.id));
    expect(ticket).not.toContain(alice.token);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    const c = t.provider(workshopRoom(ws.id), ticket);
    await waitForSync(c.provider);
    expect(c.doc.getMap('meta').get('title')).toBe('Tickets');
  });

  it('a ticket starts loading its room before the socket arrives; a project that does not exist is never loaded', async () => {
    const { ws, alice, room } = await setup();
    const madeUp = projectRoom(ws.id, 'nosuch01');
    expect(t.server.rooms.loaded(room)).toBeNull();
    await ticketFor(ws.id, alice.token, madeUp);
    await ticketFor(ws.id, alice.token, room);
    // Nobody connects: the ticket alone loaded the room.
    await expect.poll(() => t.server.rooms.loaded(room) !== null).toBe(true);
    expect(t.server.rooms.loadedNames()).not.toContain(madeUp);
  });

  it('refuses a ticket for another room, another workshop, an expired or forged one, with a clear status', async () => {
    const { ws, alice, room } = await setup();
    const other = await t.createWorkshop('Autre');
    const { ticket } = await ticketFor(ws.id, alice.token, workshopRoom(ws.id));

    expect(await upgrade(room, ticket)).toEqual({ status: 403, text: 'this ticket is for another room' });
    expect(await upgrade(workshopRoom(other.id), ticket)).toEqual({ status: 403, text: 'this ticket is for another workshop' });
    expect(await upgrade(workshopRoom(ws.id), `${ticket.slice(0, -4)}AAAA`)).toEqual({ status: 401, text: 'invalid ticket' });

    // A genuine ticket (signed with the server's own secret) whose minute has passed.
    const secret = (await t.server.storage.registry.getSetting('ticket-secret'))!;
    const stale = signTicket(secret, { workshopId: ws.id, userId: alice.userId, room: workshopRoom(ws.id), expiresAt: Date.now() - 1 });
    expect(await upgrade(workshopRoom(ws.id), stale)).toEqual({ status: 401, text: 'ticket expired; fetch a new one' });
  });

  it('the ticket route refuses other workshops, others’ private drafts, bad room names and missing tokens', async () => {
    const { ws, alice } = await setup();
    const other = await t.createWorkshop('Autre');
    const bob = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Bob', role: 'commune' });
    expect((await api('POST', `/workshops/${ws.id}/tickets`, alice.token, { room: workshopRoom(other.id) })).status).toBe(403);
    expect((await api('POST', `/workshops/${other.id}/tickets`, alice.token, { room: workshopRoom(other.id) })).status).toBe(403);
    expect((await api('POST', `/workshops/${ws.id}/tickets`, alice.token, { room: privateRoom(ws.id, 'proj0001', bob.userId) })).status).toBe(403);
    await ticketFor(ws.id, alice.token, privateRoom(ws.id, 'proj0001', alice.userId));
    await ticketFor(ws.id, ws.facilitatorToken, privateRoom(ws.id, 'proj0001', bob.userId));
    const bad = await api('POST', `/workshops/${ws.id}/tickets`, alice.token, { room: '../etc' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'room' } });
    expect((await api('POST', `/workshops/${ws.id}/tickets`, null, { room: workshopRoom(ws.id) })).status).toBe(401);
  });

  it('revocation refuses the person’s tickets and tokens and closes their open sockets with 4401', async () => {
    const { ws, alice } = await setup();
    const { ticket } = await ticketFor(ws.id, alice.token, workshopRoom(ws.id));
    const open = rawSocket(`${t.wsUrl}${YJS_PATH}/${workshopRoom(ws.id)}?token=${encodeURIComponent(ticket)}`);
    await open.opened;

    expect((await api('DELETE', `/workshops/${ws.id}/people/${alice.userId}`, ws.facilitatorToken)).status).toBe(204);
    expect((await open.closed).code).toBe(CloseCode.unauthorized);
    expect(await upgrade(workshopRoom(ws.id), ticket)).toEqual({ status: 401, text: 'access revoked' });
    expect(await upgrade(workshopRoom(ws.id), alice.token)).toMatchObject({ status: 401 });
    expect((await api('POST', `/workshops/${ws.id}/tickets`, alice.token, { room: workshopRoom(ws.id) })).status).toBe(401);
  });

  it('a workshop may accept tickets only: long-lived tokens in the URL are refused, tickets still work', async () => {
    const { ws, alice } = await setup();
    expect(await upgrade(workshopRoom(ws.id), alice.token)).toBe('open');
    const set = await api('PUT', `/workshops/${ws.id}/settings`, ws.facilitatorToken, { tokenLifetimeHours: null, ticketsOnly: true });
    expect(set).toEqual({ status: 200, body: { tokenLifetimeHours: null, ticketsOnly: true } });
    expect(await upgrade(workshopRoom(ws.id), alice.token)).toMatchObject({ status: 403 });
    const { ticket } = await ticketFor(ws.id, alice.token, workshopRoom(ws.id));
    expect(await upgrade(workshopRoom(ws.id), ticket)).toBe('open');
    expect((await api('PUT', `/workshops/${ws.id}/settings`, alice.token, { tokenLifetimeHours: null, ticketsOnly: false })).status).toBe(403);
  });
});

describe('token lifetime', () => {
  it('tokens older than the workshop’s lifetime are refused everywhere; the creator’s never expires', async () => {
    const { ws, alice } = await setup();
    // Someone admitted three hours ago (written straight into the registry: no clock to wait for).
    const oldToken = newToken();
    const oldUser = newId();
    await t.server.storage.registry.addParticipant(
      {
        userId: oldUser,
        workshopId: ws.id,
        name: 'Ancien',
        role: 'commune',
        community: null,
        createdAt: Date.now() - 3 * 3_600_000,
        origin: 'join',
        deviceHash: null,
      },
      hashToken(oldToken),
    );
    expect((await api('GET', `/workshops/${ws.id}`, oldToken)).status).toBe(200);
    const connected = t.socket(oldToken);
    await new Promise<void>((r) => connected.once('facilitation', () => r()));
    const { ticket } = await ticketFor(ws.id, oldToken, workshopRoom(ws.id));
    const doc = rawSocket(`${t.wsUrl}${YJS_PATH}/${workshopRoom(ws.id)}?token=${encodeURIComponent(ticket)}`);
    await doc.opened;
    const ended = new Promise<string>((r) => connected.once('session:ended', r));

    expect(await api('PUT', `/workshops/${ws.id}/settings`, ws.facilitatorToken, { tokenLifetimeHours: 2, ticketsOnly: false })).toMatchObject({ status: 200 });
    // Shortening the lifetime disconnects whoever it expires, saying why.
    expect(await ended).toBe('expired');
    expect(await doc.closed).toEqual({ code: CloseCode.unauthorized, reason: EXPIRED_REASON });

    expect(await api('GET', `/workshops/${ws.id}`, oldToken)).toMatchObject({ status: 401, body: { error: 'token_expired' } });
    expect((await api('POST', `/workshops/${ws.id}/tickets`, oldToken, { room: workshopRoom(ws.id) })).status).toBe(401);
    expect(await upgrade(workshopRoom(ws.id), oldToken)).toMatchObject({ status: 401 });
    const refused = t.socket(oldToken);
    expect(await new Promise<string>((r) => refused.once('connect_error', (e) => r(e.message)))).toMatch(/unauthorized/);

    const fresh = await api('GET', `/workshops/${ws.id}`, alice.token);
    expect(fresh.status).toBe(200);
    expect(fresh.body?.expiresAt).toBeGreaterThan(Date.now());
    const creator = await api('GET', `/workshops/${ws.id}`, ws.facilitatorToken);
    expect(creator.body).toMatchObject({ origin: 'creator', expiresAt: null });
    expect(await api('PUT', `/workshops/${ws.id}/settings`, ws.facilitatorToken, { tokenLifetimeHours: 0, ticketsOnly: false })).toMatchObject({
      status: 400,
      body: { field: 'tokenLifetimeHours' },
    });
  });
});

describe('people: removal, re-admission, links', () => {
  const deviceId = 'device-aaaaaaaaaaaaaaaa';

  it('someone removed cannot rejoin from the same browser until re-admitted, and is told why', async () => {
    const { ws } = await setup();
    const carol = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Carol', role: 'commune', deviceId });
    const fac = t.socket(ws.facilitatorToken);
    expect(await fac.command({ type: 'participant.remove', userId: carol.userId })).toMatchObject({ ok: true });

    const again = await api('POST', `/workshops/${ws.id}/join`, null, { joinCode: ws.joinCode, name: 'Carol 2', role: 'commune', deviceId });
    expect(again).toMatchObject({ status: 403, body: { error: 'removed' } });
    // Another browser (another device id) is not refused: the limit of a ban without accounts.
    expect(
      (await api('POST', `/workshops/${ws.id}/join`, null, { joinCode: ws.joinCode, name: 'Dan', role: 'commune', deviceId: 'device-bbbbbbbbbbbbbbbb' }))
        .status,
    ).toBe(200);

    const people = await api('GET', `/workshops/${ws.id}/people`, ws.facilitatorToken);
    expect((people.body?.people as { userId: string; refusedAtDoor: boolean }[]).find((p) => p.userId === carol.userId)).toMatchObject({ refusedAtDoor: true });
    expect((await api('POST', `/workshops/${ws.id}/people/${carol.userId}/readmit`, ws.facilitatorToken)).status).toBe(204);
    expect((await api('POST', `/workshops/${ws.id}/join`, null, { joinCode: ws.joinCode, name: 'Carol', role: 'commune', deviceId })).status).toBe(200);
    // the old token stays revoked
    expect((await api('GET', `/workshops/${ws.id}`, carol.token)).status).toBe(401);
  });

  it('a locked workshop says so at the door, before and after the code', async () => {
    const { ws } = await setup();
    const fac = t.socket(ws.facilitatorToken);
    expect(await fac.command({ type: 'join.lock', locked: true })).toMatchObject({ ok: true });
    expect(await api('GET', `/join-codes/${ws.joinCode.toLowerCase()}`, null)).toMatchObject({ status: 200, body: { locked: true } });
    expect(await api('POST', `/workshops/${ws.id}/join`, null, { joinCode: ws.joinCode, name: 'Tard', role: 'commune' })).toMatchObject({
      status: 403,
      body: { error: 'joining_locked' },
    });
  });

  it('links are revocable, the creator is not; a co-facilitator chooses their name', async () => {
    const { ws, alice } = await setup();
    const link = await api('POST', `/workshops/${ws.id}/tokens`, ws.facilitatorToken, { role: 'facilitator', name: 'Co-animation' });
    const co = link.body as { token: string; userId: string };
    expect(await api('PUT', `/workshops/${ws.id}/me`, co.token, { name: 'Zoé' })).toMatchObject({ status: 200, body: { name: 'Zoé', role: 'facilitator' } });
    expect((await api('GET', `/workshops/${ws.id}`, co.token)).body).toMatchObject({ me: { name: 'Zoé' }, origin: 'link' });
    expect((await api('PUT', `/workshops/${ws.id}/me`, alice.token, { name: 'Autre' })).status).toBe(403);

    const creatorId = ((await api('GET', `/workshops/${ws.id}`, ws.facilitatorToken)).body?.me as { userId: string }).userId;
    expect((await api('DELETE', `/workshops/${ws.id}/people/${creatorId}`, co.token)).status).toBe(403);
    const coSocket = t.socket(co.token);
    expect(await coSocket.command({ type: 'participant.remove', userId: creatorId })).toMatchObject({ ok: false, error: 'forbidden' });
    expect((await api('GET', `/workshops/${ws.id}`, ws.facilitatorToken)).status).toBe(200);

    const ended = new Promise<string>((r) => coSocket.once('session:ended', r));
    expect((await api('DELETE', `/workshops/${ws.id}/people/${co.userId}`, ws.facilitatorToken)).status).toBe(204);
    expect(await ended).toBe('removed');
    expect((await api('GET', `/workshops/${ws.id}`, co.token)).status).toBe(401);
    const people = (await api('GET', `/workshops/${ws.id}/people`, ws.facilitatorToken)).body?.people as {
      userId: string;
      origin: string;
      revokedAt: number | null;
    }[];
    expect(people.find((p) => p.userId === co.userId)).toMatchObject({ origin: 'link' });
    expect(people.find((p) => p.userId === co.userId)?.revokedAt).toBeGreaterThan(0);
    expect((await api('GET', `/workshops/${ws.id}/people`, alice.token)).status).toBe(403);
  });

  it('facilitators see how many private drafts each person has before revealing', async () => {
    const { ws, alice } = await setup();
    const project = 'proj0001';
    const c = t.provider(privateRoom(ws.id, project, alice.userId), alice.token);
    await waitForSync(c.provider);
    const { addNote } = await import('../../shared/operations');
    for (const id of ['draft001', 'draft002']) {
      addNote(c.doc, { id, x: 0, y: 0, kind: 'idea', text: id, authorId: alice.userId, authorName: 'Alice', createdAt: 1 });
    }
    const path = `/workshops/${ws.id}/projects/${project}/drafts`;
    let res = await api('GET', path, ws.facilitatorToken);
    for (let i = 0; i < 200 && (res.body?.drafts as unknown[]).length === 0; i++) res = await api('GET', path, ws.facilitatorToken);
    expect(res.body).toEqual({ drafts: [{ userId: alice.userId, name: 'Alice', count: 2 }] });
    expect((await api('GET', path, alice.token)).status).toBe(403);
  });
});
