import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addProject, setNoteText } from '../../shared/operations';
import type { CreateWorkshopResponse, JoinResponse, TicketResponse } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { readNotes, readWorkshop } from '../../shared/schema';
import { dropPostgresSchema } from '../../server/storage/postgresStorage';
import { spawnNode, type NodeProcess } from '../helpers/nodeProcess';
import { POSTGRES_URL, REDIS_URL, requireService, uniqueName } from '../helpers/services';
import { connectSocket } from '../helpers/socketClients';
import { startTcpProxy } from '../helpers/tcpProxy';
import { addProjects, connectProvider, eventually, sleep, waitForSync } from '../helpers/yjsClients';

const services = (await requireService('postgres')) && (await requireService('redis'));

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!services)('several nodes on PostgreSQL + Redis', () => {
  const schema = uniqueName('croisee_mn');
  const prefix = `${uniqueName('croisee')}:`;
  const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: prefix };
  let a: NodeProcess;
  let b: NodeProcess;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    a = await spawnNode(env);
    b = await spawnNode(env);
  }, 60_000);
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await dropPostgresSchema(POSTGRES_URL, schema);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  async function workshop() {
    const ws = await post<CreateWorkshopResponse>(`${a.url}/api/workshops`, { title: 'Multi' });
    await addProjects(a.wsUrl, ws.id, ws.facilitatorToken, ['proj0001', 'proj0002', 'proj0003']);
    // Joining through node B: the registry is shared.
    const alice = await post<JoinResponse>(`${b.url}/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode, name: 'Alice', role: 'commune' });
    const bob = await post<JoinResponse>(`${a.url}/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode, name: 'Bob', role: 'expert', community: 'company' });
    return { ws, alice, bob };
  }

  function provider(wsUrl: string, room: string, token: string, doc?: Y.Doc) {
    const c = connectProvider(wsUrl, room, token, doc);
    cleanups.push(() => c.provider.destroy());
    return c;
  }

  it('a ticket issued by one node opens the room on the other (the signing secret is shared)', async () => {
    const { ws, alice } = await workshop();
    const room = projectRoom(ws.id, 'proj0001');
    const res = await fetch(`${a.url}/api/workshops/${ws.id}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ room }),
    });
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as TicketResponse;
    const onB = provider(b.wsUrl, room, ticket);
    await waitForSync(onB.provider);
    expect(onB.provider.wsconnected).toBe(true);
  });

  it('clients on different nodes converge on the same canvas, with presence', async () => {
    const { ws, alice, bob } = await workshop();
    const room = projectRoom(ws.id, 'proj0001');
    const onA = provider(a.wsUrl, room, alice.token);
    const onB = provider(b.wsUrl, room, bob.token);
    await Promise.all([waitForSync(onA.provider), waitForSync(onB.provider)]);

    addNote(onA.doc, { id: 'note0001', x: 0, y: 0, kind: 'idea', text: 'depuis A', authorId: alice.userId, authorName: 'Alice', createdAt: 1 });
    addNote(onB.doc, { id: 'note0002', x: 0, y: 0, kind: 'need', text: 'depuis B', authorId: bob.userId, authorName: 'Bob', createdAt: 2 });
    await eventually(() => readNotes(onA.doc).length === 2 && readNotes(onB.doc).length === 2, 'both notes on both nodes', 5000);
    setNoteText(onB.doc, 'note0001', 'depuis A, complété sur B');
    await eventually(() => readNotes(onA.doc)[0].text === 'depuis A, complété sur B', 'text edit crosses nodes', 5000);

    onA.provider.awareness.setLocalState({ user: { color: '#123456' }, cursor: { x: 5, y: 6 } });
    await eventually(
      () => [...onB.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Alice'),
      'presence crosses nodes',
      5000,
    );
  });

  it('facilitation on node A reaches participants on node B', async () => {
    const { ws, alice } = await workshop();
    const facilitator = connectSocket(a.url, ws.facilitatorToken);
    const participant = connectSocket(b.url, alice.token);
    cleanups.push(
      () => facilitator.close(),
      () => participant.close(),
    );
    await eventually(() => facilitator.latest.state !== null && participant.latest.state !== null, 'connected');
    // The project the stage names exists (added on A, seen on B).
    const structure = provider(a.wsUrl, workshopRoom(ws.id), ws.facilitatorToken);
    const seen = provider(b.wsUrl, workshopRoom(ws.id), alice.token);
    await Promise.all([waitForSync(structure.provider), waitForSync(seen.provider)]);
    addProject(structure.doc, { id: 'proj0001', name: 'Air', commune: 'Namur', themeId: null, createdAt: 1 });
    await eventually(() => readWorkshop(seen.doc).projects.some((p) => p.name === 'Air'), 'project on node B', 5000);
    expect((await facilitator.command({ type: 'stage.set', stage: 'ideation', projectId: 'proj0001' })).ok).toBe(true);
    expect((await facilitator.command({ type: 'timer.start' })).ok).toBe(true);
    await eventually(() => participant.latest.state?.timer.status === 'running', 'timer on node B', 5000);
    expect(participant.latest.state).toMatchObject({ stage: 'ideation', projectId: 'proj0001' });
    expect(participant.latest.state!.timer).toEqual(facilitator.latest.state!.timer);
    await eventually(() => participant.latest.presence.length === 2, 'presence across nodes', 5000);

    // Node B enforces the policy set on node A: in the pitch stage only facilitators write.
    await facilitator.command({ type: 'stage.set', stage: 'pitch' });
    await eventually(() => participant.latest.state?.stage === 'pitch', 'stage on B', 5000);
    const room = projectRoom(ws.id, 'proj0001');
    const onB = provider(b.wsUrl, room, alice.token);
    const watcher = provider(a.wsUrl, room, ws.facilitatorToken);
    await Promise.all([waitForSync(onB.provider), waitForSync(watcher.provider)]);
    addNote(onB.doc, { id: 'refused1', x: 0, y: 0, kind: 'idea', text: 'refusé', authorId: alice.userId, authorName: 'Alice', createdAt: 1 });
    await sleep(300);
    expect(readNotes(watcher.doc).map((n) => n.id)).not.toContain('refused1');
  });

  it('a node killed with SIGKILL loses nothing: its clients reconnect to the other node', async () => {
    const { ws, alice, bob } = await workshop();
    const room = projectRoom(ws.id, 'proj0002');
    // A node of our own to kill, behind a proxy that then sends new connections to node B.
    const victim = await spawnNode(env);
    cleanups.push(() => victim.kill('SIGKILL'));
    const proxy = await startTcpProxy(victim.port);
    cleanups.push(() => proxy.close());

    const writer = provider(proxy.wsUrl, room, alice.token);
    const observer = provider(b.wsUrl, room, bob.token);
    await Promise.all([waitForSync(writer.provider), waitForSync(observer.provider)]);

    // Write continuously; kill the node in the middle of it.
    let written = 0;
    const writing = (async () => {
      while (written < 200) {
        addNote(writer.doc, {
          id: `note${String(written).padStart(4, '0')}`,
          x: written,
          y: 0,
          kind: 'idea',
          text: `n${written}`,
          authorId: alice.userId,
          authorName: 'Alice',
          createdAt: written,
        });
        written++;
        await sleep(2);
      }
    })();
    await eventually(() => readNotes(observer.doc).length >= 40, 'observer receives through the relay', 10_000);
    proxy.setUpstream(b.port);
    await victim.kill('SIGKILL');
    const seenAtKill = new Set(readNotes(observer.doc).map((n) => n.id));
    await writing;

    // Everything the observer had seen was stored: a fresh client loading from node B has it all.
    const fresh = provider(b.wsUrl, room, bob.token);
    await waitForSync(fresh.provider);
    const stored = new Set(readNotes(fresh.doc).map((n) => n.id));
    const lost = [...seenAtKill].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);

    // The writer reconnects through the proxy to node B and everything converges: 200 notes.
    await eventually(() => readNotes(observer.doc).length === 200 && readNotes(writer.doc).length === 200, 'all 200 notes converge', 20_000);
    expect(readNotes(observer.doc).map((n) => n.text)).toEqual(readNotes(writer.doc).map((n) => n.text));
  }, 60_000);

  it("a node killed with SIGKILL, or stopped cleanly: its users leave the other nodes' presence within 5 s, and show again once reconnected elsewhere", async () => {
    const { ws, alice, bob } = await workshop();
    const room = projectRoom(ws.id, 'proj0003');
    const observer = provider(b.wsUrl, room, bob.token);
    await waitForSync(observer.provider);
    const names = () => [...observer.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
    // The facilitation presence list ("who is here", socket.io) as well as the canvas presence.
    const facilitationObserver = connectSocket(b.url, bob.token);
    cleanups.push(() => facilitationObserver.close());
    const listed = () => facilitationObserver.latest.presence.map((p) => p.name);

    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      const victim = await spawnNode(env); // default heartbeat: the 5 s promise holds as deployed
      cleanups.push(() => victim.kill('SIGKILL'));
      const proxy = await startTcpProxy(victim.port);
      cleanups.push(() => proxy.close());
      const user = provider(proxy.wsUrl, room, alice.token);
      await waitForSync(user.provider);
      const session = connectSocket(victim.url, alice.token); // does not reconnect by itself
      cleanups.push(() => session.close());
      user.provider.awareness.setLocalState({ user: { color: '#123456' }, cursor: { x: 1, y: 2 } });
      await eventually(() => names().includes('Alice') && listed().includes('Alice'), `Alice's presence reaches node B (${signal})`, 5000);
      user.provider.disconnect(); // held back, so that leaving is seen before coming back
      await victim.kill(signal);
      await eventually(() => !names().includes('Alice') && !listed().includes('Alice'), `Alice leaves presence after ${signal}`, 5000);

      // The same client, unchanged (no cursor move), reconnects through the proxy to node B: it is
      // shown again at once, though its removal left node B with a newer clock than its own.
      proxy.setUpstream(b.port);
      user.provider.connect();
      await eventually(() => names().includes('Alice'), `Alice is back after reconnecting (${signal})`, 5000);
      user.provider.destroy();
      await eventually(() => !names().includes('Alice'), 'Alice leaves when her client closes', 5000);
    }
  }, 90_000);
});
