import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocPool, type OpenTransport } from '../../client/sync/docPool';
import { addNote } from '../../shared/operations';
import { YJS_PATH } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { notesMap } from '../../shared/schema';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { authorOf, connectProvider, eventually, sleep, TEST_PROJECTS, waitForSync } from '../helpers/yjsClients';

/**
 * The client's document pool against a real server, with stock y-websocket providers over `ws`
 * (the browser's ticketed socket and IndexedDB cache are the only parts replaced).
 */
describe('DocPool: one document and one connection per room for the whole page', () => {
  let server: TestServer;
  let opened: string[];
  const transport =
    (wsUrl: string): OpenTransport =>
    (room, token, doc) => {
      opened.push(room);
      const provider = new WebsocketProvider(`${wsUrl}${YJS_PATH}`, room, doc, {
        params: { token },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        connect: false,
      });
      return { provider, persistence: null, cached: false, markCached: () => undefined };
    };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('shares the room between holders, keeps it while one holds it, and closes it after the linger', async () => {
    opened = [];
    const ws = await server.createWorkshop('Pool');
    const pool = new DocPool(transport(server.wsUrl), 200);
    const room = projectRoom(ws.id, TEST_PROJECTS[0]);
    const canvas = pool.acquire(room, ws.facilitatorToken);
    const panel = pool.acquire(room, ws.facilitatorToken);
    expect(panel).toBe(canvas);
    expect(opened).toEqual([room]);
    await eventually(() => canvas.getState().synced && canvas.getState().loaded, 'pooled room synced');
    // Nobody shows in the room's presence until a holder says who they are.
    expect(canvas.provider.awareness.getLocalState()).toBeNull();

    // A note written through one holder is in the other's document (the same one), and reaches a peer.
    const author = await authorOf(server.url, ws.id, ws.facilitatorToken);
    addNote(canvas.doc, { id: 'poolnote1', x: 0, y: 0, kind: 'idea', text: 'partagée', ...author, createdAt: 1 });
    expect(notesMap(panel.doc).has('poolnote1')).toBe(true);
    const peer = connectProvider(server.wsUrl, room, ws.facilitatorToken);
    await waitForSync(peer.provider);
    await eventually(() => notesMap(peer.doc).has('poolnote1'), 'peer received the note');

    pool.release(canvas);
    expect(canvas.provider.wsconnected).toBe(true);
    pool.release(panel);
    // Re-acquired within the linger (canvas → outline of the same project): the same connection.
    await sleep(50);
    expect(pool.acquire(room, ws.facilitatorToken)).toBe(canvas);
    expect(opened).toHaveLength(1);
    pool.release(canvas);
    await eventually(() => pool.size === 0, 'room closed after the linger');
    expect(canvas.provider.shouldConnect).toBe(false);
    peer.provider.destroy();
  });

  it('keeps rooms and identities apart: another room or another token is another document', async () => {
    opened = [];
    const ws = await server.createWorkshop('Pool 2');
    const pool = new DocPool(transport(server.wsUrl), 0);
    const a = pool.acquire(projectRoom(ws.id, TEST_PROJECTS[0]), ws.facilitatorToken);
    const b = pool.acquire(projectRoom(ws.id, TEST_PROJECTS[1]), ws.facilitatorToken);
    const res = await fetch(`${server.url}/api/workshops/${ws.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: ws.joinCode, name: 'Camille', role: 'commune' }),
    });
    const { token: participant } = (await res.json()) as { token: string };
    const c = pool.acquire(projectRoom(ws.id, TEST_PROJECTS[0]), participant);
    await eventually(() => c.getState().synced, 'participant room synced');
    expect(new Set([a, b, c]).size).toBe(3);
    expect(pool.size).toBe(3);
    for (const r of [a, b, c]) pool.release(r);
    expect(pool.size).toBe(0);
  });
});
