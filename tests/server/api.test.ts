import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SessionInfo } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../helpers/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const post = (path: string, body: unknown, raw = false) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });

describe('HTTP API', () => {
  it('creates a workshop: 201 with id, join code and facilitator token', async () => {
    const res = await post('/api/workshops', { title: '  Atelier Namur  ' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(/^[a-z0-9]{12}$/);
    expect(body.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(typeof body.facilitatorToken).toBe('string');
    const info = await fetch(`${t.url}/api/workshops/${body.id}`, { headers: { authorization: `Bearer ${body.facilitatorToken}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ id: body.id, title: 'Atelier Namur', joinCode: body.joinCode, me: { role: 'facilitator' } });
  });

  it('answers bad bodies with 400 and the field', async () => {
    for (const [body, field] of [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
    ] as const) {
      const res = await post('/api/workshops', body);
      expect(res.status).toBe(400);
      expect((await res.json()).field).toBe(field);
    }
    const malformed = await post('/api/workshops', '{"title":', true);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toMatch(/JSON/);
  });

  it('joins with the code; wrong code 403; bad body 400 naming the field', async () => {
    const ws = await t.createWorkshop('Atelier');
    const ok = await post(`/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode.toLowerCase(), name: 'Chloé', role: 'expert', community: 'researcher' });
    expect(ok.status).toBe(200);
    const joined = await ok.json();
    expect(joined.userId).toMatch(/^[a-z0-9]+$/);
    const me = await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: { authorization: `Bearer ${joined.token}` } });
    const info = await me.json();
    expect(info.me).toMatchObject({ name: 'Chloé', role: 'expert', community: 'researcher', workshopId: ws.id });
    expect(info.joinCode).toBe(ws.joinCode); // the projector wall shows it, whoever opens it

    const wrong = await post(`/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA', name: 'X', role: 'commune' });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).message).toMatch(/join code/i);

    const cases: Array<[unknown, string]> = [
      [{ joinCode: ws.joinCode, name: '', role: 'commune' }, 'name'],
      [{ joinCode: ws.joinCode, name: 'A', role: 'facilitator' }, 'role'],
      [{ joinCode: ws.joinCode, name: 'A', role: 'expert' }, 'community'],
      [{ joinCode: ws.joinCode, name: 'A', role: 'commune', community: 'maker' }, 'community'],
      [{ joinCode: 'short', name: 'A', role: 'commune' }, 'joinCode'],
    ];
    for (const [body, field] of cases) {
      const res = await post(`/api/workshops/${ws.id}/join`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).field).toBe(field);
    }
    expect((await post('/api/workshops/nosuchworkshop/join', { joinCode: 'AAAAAA', name: 'A', role: 'commune' })).status).toBe(404);
  });

  it('lets only a facilitator of the workshop create projector and co-facilitator links', async () => {
    const ws = await t.createWorkshop('Liens');
    const other = await t.createWorkshop('Autre');
    const member = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Membre', role: 'commune' });
    const create = (token: string, body: unknown) =>
      fetch(`${t.url}/api/workshops/${ws.id}/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await create(member.token, { role: 'viewer', name: 'Projecteur' })).status).toBe(403);
    expect((await create(other.facilitatorToken, { role: 'viewer', name: 'Projecteur' })).status).toBe(403);
    expect((await create('nope', { role: 'viewer', name: 'Projecteur' })).status).toBe(401);
    const bad = await create(ws.facilitatorToken, { role: 'expert', name: 'X' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('role');
    const res = await create(ws.facilitatorToken, { role: 'viewer', name: 'Projecteur' });
    expect(res.status).toBe(201);
    const { token } = await res.json();
    const info = await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await info.json()).me).toMatchObject({ role: 'viewer', name: 'Projecteur' });
  });

  it('resolves a join code to its workshop', async () => {
    const ws = await t.createWorkshop('Code');
    const res = await fetch(`${t.url}/api/join-codes/${ws.joinCode.toLowerCase()}`);
    expect(await res.json()).toEqual({ workshopId: ws.id, title: 'Code', locked: false });
    expect((await fetch(`${t.url}/api/join-codes/ZZZZZZ`)).status).toBe(404);
  });

  it('refuses workshop info without a valid token for that workshop', async () => {
    const a = await t.createWorkshop('A');
    const b = await t.createWorkshop('B');
    expect((await fetch(`${t.url}/api/workshops/${a.id}`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/workshops/${a.id}`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${t.url}/api/workshops/${a.id}`, { headers: { authorization: `Bearer ${b.facilitatorToken}` } })).status).toBe(403);
    expect((await fetch(`${t.url}/api/nothing`)).status).toBe(404);
  });
});

describe('socket.io', () => {
  it('authenticates with auth.token and tells who you are', async () => {
    const ws = await t.createWorkshop('Socket');
    const socket = ioClient(t.url, { auth: { token: ws.facilitatorToken }, transports: ['websocket'] });
    const res = await new Promise<Ack<SessionInfo>>((resolve) => socket.emit('session:whoami', resolve));
    socket.close();
    expect(res).toMatchObject({ ok: true, data: { workshopId: ws.id, me: { role: 'facilitator', userId: ws.userId } } });
  });

  it('refuses a bad token with a connect error', async () => {
    const socket = ioClient(t.url, { auth: { token: 'nope' }, transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(err.message).toMatch(/unauthorized/);
  });
});
