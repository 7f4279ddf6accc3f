import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/operations';
import * as Y from 'yjs';
import { CloseCode, MessageType, YJS_PATH, type CreateWorkshopResponse, type JoinResponse } from '../../shared/protocol';
import { encodeUpdate } from '../../server/sync/messages';
import { projectRoom } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { spawnNode, type NodeProcess } from '../helpers/nodeProcess';
import { addProjects, authorOf, connectProvider, eventually, rawSocket, sleep, waitForSync } from '../helpers/yjsClients';

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('durability of the embedded (SQLite) server process', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(dataDir: string): Promise<NodeProcess> {
    const node = await spawnNode({ DATA_DIR: dataDir });
    cleanups.push(() => node.kill('SIGKILL'));
    return node;
  }

  it('loses no update that any client has seen when killed with SIGKILL under load', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'croisee-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const node = await start(dataDir);
    const ws = await post<CreateWorkshopResponse>(`${node.url}/api/workshops`, { title: 'Kill' });
    const writerToken = (await post<JoinResponse>(`${node.url}/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode, name: 'W', role: 'commune' })).token;
    await addProjects(node.wsUrl, ws.id, ws.facilitatorToken);
    const room = projectRoom(ws.id, 'proj0001');
    const writer = await authorOf(node.url, ws.id, writerToken);

    const writers = [0, 1, 2].map(() => connectProvider(node.wsUrl, room, writerToken));
    const observer = connectProvider(node.wsUrl, room, ws.facilitatorToken);
    cleanups.push(() => [...writers, observer].forEach((c) => c.provider.destroy()));
    await Promise.all([...writers, observer].map((c) => waitForSync(c.provider)));

    let stop = false;
    const load = writers.map(async (w, wi) => {
      for (let i = 0; !stop; i++) {
        addNote(w.doc, { id: `w${wi}n${String(i).padStart(5, '0')}`, x: i, y: wi, kind: 'idea', text: `${wi}/${i}`, ...writer, createdAt: i });
        await sleep(1);
      }
    });
    await eventually(() => readNotes(observer.doc).length >= 300, 'load is flowing', 15_000);
    await node.kill('SIGKILL');
    const seen = readNotes(observer.doc).map((n) => n.id);
    stop = true;
    await Promise.all(load);
    for (const c of [...writers, observer]) c.provider.destroy();

    const restarted = await start(dataDir);
    const fresh = connectProvider(restarted.wsUrl, room, ws.facilitatorToken);
    cleanups.push(() => fresh.provider.destroy());
    await waitForSync(fresh.provider);
    const stored = new Set(readNotes(fresh.doc).map((n) => n.id));
    const lost = seen.filter((id) => !stored.has(id));
    console.log(`SIGKILL under load: ${seen.length} notes seen by the observer, ${lost.length} lost`);
    expect(lost).toEqual([]);
  }, 60_000);

  it('stores everything received on SIGTERM, even within a batch window, and closes with "server restarting"', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'croisee-term-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const node = await start(dataDir);
    const ws = await post<CreateWorkshopResponse>(`${node.url}/api/workshops`, { title: 'Term' });
    await addProjects(node.wsUrl, ws.id, ws.facilitatorToken);
    const room = projectRoom(ws.id, 'proj0001');
    const facilitator = await authorOf(node.url, ws.id, ws.facilitatorToken);
    const raw = rawSocket(`${node.wsUrl}${YJS_PATH}/${room}?token=${ws.facilitatorToken}`);
    await raw.opened;
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => raw.ws.send(encodeUpdate(u)));
    for (let i = 0; i < 50; i++)
      addNote(doc, { id: `note${String(i).padStart(4, '0')}`, x: 0, y: 0, kind: 'idea', text: `${i}`, ...facilitator, createdAt: i });
    // Messages are handled in order: once the server answers this query, it has applied all 50.
    const before = raw.frames.length;
    raw.ws.send(new Uint8Array([MessageType.queryAwareness]));
    await eventually(() => raw.frames.slice(before).some((f) => f[0] === MessageType.awareness), 'query answered');
    await node.kill('SIGTERM');
    expect((await raw.closed).code).toBe(CloseCode.serverRestarting);

    const restarted = await start(dataDir);
    const fresh = connectProvider(restarted.wsUrl, room, ws.facilitatorToken);
    cleanups.push(() => fresh.provider.destroy());
    await waitForSync(fresh.provider);
    expect(readNotes(fresh.doc)).toHaveLength(50);
  }, 60_000);
});
