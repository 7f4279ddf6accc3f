import http from 'node:http';
import net from 'node:net';
import Database from 'better-sqlite3';
import path from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/operations';
import { CloseCode, YJS_PATH } from '../../shared/protocol';
import { readNotes } from '../../shared/schema';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { parsePrometheus } from '../helpers/promText';
import { connectSocket } from '../helpers/socketClients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { addProjects, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';

/** A GET from another loopback address: "another client" for per-address limits. */
function getFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress, agent: false, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Polls an asynchronous condition until it holds. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const metricsOf = async (t: TestServer, headers: Record<string, string> = {}) => {
  const res = await fetch(`${t.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
};

describe('health and readiness', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers /health and /ready while serving', async () => {
    expect(await (await fetch(`${t.url}/health`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${t.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok' }, shuttingDown: false, failedRooms: 0 });
  });

  it('answers /ready 503 with the failing check when a dependency does not answer', async () => {
    let up = true;
    const s = await startTestServer({ readinessChecks: { redis: async () => (up ? 'PONG' : Promise.reject(new Error('connection refused'))) } });
    try {
      expect((await fetch(`${s.url}/ready`)).status).toBe(200);
      up = false;
      const res = await fetch(`${s.url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', checks: { storage: 'ok', redis: 'connection refused' } });
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('answers /ready 503 once shutting down', async () => {
    const s = await startTestServer();
    const closing = s.server.close();
    // close() marks the node unavailable before it stops listening; a probe arriving then sees 503.
    expect(await s.server.readiness.report()).toMatchObject({ status: 'unavailable', shuttingDown: true });
    await closing;
    const again = await startTestServer();
    try {
      again.server.readiness.markShuttingDown();
      const res = await fetch(`${again.url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', shuttingDown: true });
    } finally {
      await again.stop();
    }
  });
});

describe('metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ metricsToken: 'a-metrics-token-of-32-characters' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('wants the bearer token when one is configured', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('counts a known workload exactly: N connections, M updates, joins, commands', async () => {
    const auth = { authorization: 'Bearer a-metrics-token-of-32-characters' };
    const w = await t.createWorkshop('Métriques', []);
    // The facilitator adds a project (as the UI does), then experts write notes on its canvas.
    await addProjects(t.wsUrl, w.id, w.facilitatorToken, ['proj0001']);
    const room = projectRoom(w.id, 'proj0001');
    const N = 3;
    const M = 7;
    const people = [];
    for (let i = 0; i < N; i++) people.push(await t.join(w.id, { joinCode: w.joinCode, name: `P${i}`, role: 'expert', community: 'maker' }));
    const clients = people.map((p) => connectProvider(t.wsUrl, room, p.token));
    await Promise.all(clients.map((c) => waitForSync(c.provider)));
    // Opening a canvas reads the workshop document (which projects exist); it unloads again once idle.
    await until(async () => (await metricsOf(t, auth)).get('croisee_open_rooms') === 1, 'only the canvas stays open');
    const before = await metricsOf(t, auth);
    expect(before.get('croisee_yjs_connections{role="expert"}')).toBe(N);
    expect(before.get('croisee_open_rooms')).toBe(1);

    for (let i = 0; i < M; i++) {
      addNote(clients[0].doc, { id: `opsnote${i}`, x: i, y: 0, kind: 'idea', text: `idée ${i}`, authorId: people[0].userId, authorName: 'P0', createdAt: i });
      // Each update is broadcast before the next is made, so batches are exactly one update each.
      await eventually(() => readNotes(clients[1].doc).length === i + 1, `update ${i} arrives`);
    }
    const mid = await metricsOf(t, auth);
    const delta = (name: string) => (mid.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(delta('croisee_broadcast_batch_updates_sum')).toBe(M);
    expect(delta('croisee_broadcast_batch_updates_count')).toBe(M);
    expect(delta('croisee_broadcast_latency_seconds_count')).toBe(M);
    expect(delta('croisee_storage_write_seconds_count')).toBe(M);
    // Each update reaches the two other clients: 2·M update frames out (awareness frames come on top).
    expect(delta('croisee_yjs_messages_out_total')).toBeGreaterThanOrEqual(2 * M);
    expect(delta('croisee_yjs_messages_in_total')).toBeGreaterThanOrEqual(M);

    const facilitator = connectSocket(t.url, w.facilitatorToken);
    expect(await facilitator.command({ type: 'timer.start', durationMs: 60_000 })).toMatchObject({ ok: true });
    expect(await facilitator.command({ type: 'no.such.command' } as never)).toMatchObject({ ok: false });
    facilitator.close();

    const after = await metricsOf(t, auth);
    expect(after.get('croisee_facilitation_commands_total{type="timer.start",outcome="ok"}')).toBe(1);
    expect([...after.keys()].some((k) => k.startsWith('croisee_facilitation_commands_total{type="invalid"'))).toBe(true);
    expect(after.get('croisee_http_requests_total{route="/api/workshops/:id/join",method="POST",status="200"}')).toBe(N);
    expect(after.get('croisee_http_requests_total{route="/api/workshops",method="POST",status="201"}')).toBe(1);
    expect(after.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);

    for (const c of clients) c.provider.destroy();
    await until(async () => (await metricsOf(t, auth)).get('croisee_yjs_connections{role="expert"}') === 0, 'connections gauge back to 0');
  });
});

describe('rate limits', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ httpLimits: { joinCodeLookups: 3, joins: 2, workshopCreations: 2 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers unknown join-code guesses past the limit with 429, Retry-After and JSON; other addresses unaffected', async () => {
    const w = await t.createWorkshop();
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.url}/api/join-codes/ZZZZZ${i + 2}`)).status).toBe(404);
    const limited = await fetch(`${t.url}/api/join-codes/ZZZZZ9`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    // The same address is refused even for the right code: guessing costs the guesser.
    expect((await fetch(`${t.url}/api/join-codes/${w.joinCode}`)).status).toBe(429);
    // Another client looks the code up as usual.
    const other = await getFrom('127.0.0.2', `${t.url}/api/join-codes/${w.joinCode}`);
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toMatchObject({ workshopId: w.id });
  });

  it('does not count successful look-ups (a venue behind one address joins together)', async () => {
    const s = await startTestServer({ httpLimits: { joinCodeLookups: 2 } });
    try {
      const w = await s.createWorkshop();
      for (let i = 0; i < 10; i++) expect((await fetch(`${s.url}/api/join-codes/${w.joinCode}`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('limits joins and workshop creations per address', async () => {
    const w = await t.createWorkshop();
    const join = () =>
      fetch(`${t.url}/api/workshops/${w.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ joinCode: w.joinCode, name: 'X', role: 'commune' }),
      });
    expect((await join()).status).toBe(200);
    expect((await join()).status).toBe(200);
    const third = await join();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    const create = await fetch(`${t.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(create.status).toBe(429); // two were created above (one per test)
    expect((await metricsOf(t)).get('croisee_http_rate_limited_total{limit="join"}')).toBe(1);
  });
});

describe('rate limits on tickets and the people routes', () => {
  it('answers past the limit with 429 and Retry-After, counting each limit apart; other addresses unaffected', async () => {
    const s = await startTestServer({ httpLimits: { tickets: 2, people: 2 } });
    try {
      const w = await s.createWorkshop();
      const auth = { authorization: `Bearer ${w.facilitatorToken}`, 'content-type': 'application/json' };
      const ticket = () => fetch(`${s.url}/api/workshops/${w.id}/tickets`, { method: 'POST', headers: auth, body: JSON.stringify({ room: w.id }) });
      const people = () => fetch(`${s.url}/api/workshops/${w.id}/people`, { headers: auth });
      expect((await ticket()).status).toBe(201);
      expect((await ticket()).status).toBe(201);
      const refused = await ticket();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
      // The people list has its own budget.
      expect((await people()).status).toBe(200);
      expect((await people()).status).toBe(200);
      expect((await people()).status).toBe(429);
      // A facilitator elsewhere still gets the list.
      const other = await getFrom('127.0.0.2', `${s.url}/api/workshops/${w.id}/people`, { authorization: `Bearer ${w.facilitatorToken}` });
      expect(other.status).toBe(200);
      const counts = await metricsOf(s);
      expect(counts.get('croisee_http_rate_limited_total{limit="tickets"}')).toBe(1);
      expect(counts.get('croisee_http_rate_limited_total{limit="people"}')).toBe(1);
    } finally {
      await s.stop();
    }
  });
});

describe('connections', () => {
  it('drops a WebSocket that stops answering pings, and keeps one that answers', async () => {
    const t = await startTestServer({ pingIntervalMs: 100 });
    try {
      const w = await t.createWorkshop();
      const url = `${t.wsUrl}${YJS_PATH}/${workshopRoom(w.id)}?token=${w.facilitatorToken}`;
      // A half-open peer: its TCP connection stays, but nothing answers (no pong, no frames).
      const silent = new WebSocket(url, { autoPong: false });
      const live = new WebSocket(url);
      const silentClosed = new Promise<void>((resolve) => silent.on('close', () => resolve()));
      await Promise.all([silent, live].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
      let pongsAnswered = 0;
      live.on('ping', () => pongsAnswered++);
      await silentClosed;
      expect(pongsAnswered).toBeGreaterThanOrEqual(1);
      expect(live.readyState).toBe(WebSocket.OPEN);
      live.close();
    } finally {
      await t.stop();
    }
  });

  it('destroys connections past the per-address cap: thousands of never-reading sockets leave /health answering', async () => {
    const t = await startTestServer({ connectionCaps: { perIp: 50, total: 500 } });
    const port = Number(new URL(t.url).port);
    const sockets: net.Socket[] = [];
    const metricsFromElsewhere = async () => parsePrometheus((await getFrom('127.0.0.3', `${t.url}/metrics`)).body);
    try {
      await Promise.all(
        Array.from({ length: 2000 }, () => {
          return new Promise<void>((resolve) => {
            const s = net.connect({ host: '127.0.0.1', port }, () => {
              // Headers begun, never finished; answers never read.
              s.write(`GET /health HTTP/1.1\r\nHost: x\r\n`);
              resolve();
            });
            s.pause();
            s.on('error', () => resolve());
            sockets.push(s);
          });
        }),
      );
      await until(async () => (await metricsFromElsewhere()).get('croisee_connections_refused_total{reason="per_ip"}') === 1950, 'all past the cap refused');
      const health = await getFrom('127.0.0.2', `${t.url}/health`);
      expect(health.status).toBe(200);
    } finally {
      for (const s of sockets) s.destroy();
      await t.stop();
    }
  });
});

describe('a room whose stored data cannot be loaded', () => {
  it('closes with 4424 (the stock client stops retrying), marks /ready degraded and counts it', async () => {
    const t = await startTestServer();
    try {
      const w = await t.createWorkshop();
      // A project canvas whose stored entry was overwritten with garbage (the workshop document is fine).
      const damaged = projectRoom(w.id, 'proj0001');
      const db = new Database(path.join(t.dataDir, 'croisee.sqlite'));
      db.prepare('INSERT INTO doc_updates (room, data) VALUES (?, ?)').run(damaged, Buffer.from('garbage garbage garbage'));
      db.close();
      const { provider } = connectProvider(t.wsUrl, damaged, w.facilitatorToken, new Y.Doc());
      const closed = await new Promise<{ code: number }>((resolve) => provider.once('closed', resolve));
      expect(closed.code).toBe(CloseCode.roomUnavailable);
      expect(provider.shouldConnect).toBe(false);
      const ready = await fetch(`${t.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded', failedRooms: 1 });
      const m = await metricsOf(t);
      expect(m.get('croisee_room_load_failures_total')).toBe(1);
      expect(m.get('croisee_failed_rooms')).toBe(1);
      provider.destroy();
    } finally {
      await t.stop();
    }
  });
});

describe('import', () => {
  it('refuses an export with a 2 MiB title (built off the main thread) and malformed JSON, naming the problem', async () => {
    const t = await startTestServer({ httpLimits: { imports: 2 } });
    try {
      const w = await t.createWorkshop('Atelier à exporter');
      const exported = await (await fetch(`${t.url}/api/workshops/${w.id}/export.json`, { headers: { authorization: `Bearer ${w.facilitatorToken}` } })).json();
      exported.workshop.title = 'x'.repeat(2 * 1024 * 1024);
      const post = (body: string) => fetch(`${t.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const long = await post(JSON.stringify(exported));
      expect(long.status).toBe(400);
      expect(await long.json()).toMatchObject({ error: 'invalid_export', field: 'workshop.title' });
      const malformed = await post('{"format": ');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: 'bad_request', message: 'Malformed JSON body.' });
      const third = await post('{}');
      expect(third.status).toBe(429);
    } finally {
      await t.stop();
    }
  });
});
