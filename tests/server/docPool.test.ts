import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocPool, type OpenTransport } from '../../client/sync/docPool';
import { PendingCopy, pendingCopyKey } from '../../client/sync/pendingCopy';
import { addNote } from '../../shared/operations';
import { YJS_PATH } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { notesMap } from '../../shared/schema';
import { MemoryStorage } from '../helpers/memoryStorage';
import { delayAppends, stallAppends } from '../helpers/stallAppends';
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
    (wsUrl: string, storage?: MemoryStorage): OpenTransport =>
    (room, token, doc) => {
      opened.push(room);
      const provider = new WebsocketProvider(`${wsUrl}${YJS_PATH}`, room, doc, {
        params: { token },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        connect: false,
      });
      const pendingCopy = storage ? new PendingCopy(storage, pendingCopyKey(room)) : null;
      return { provider, persistence: null, cached: false, markCached: () => undefined, pendingCopy };
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

  // Without a device cache (as in private browsing) the pending copy is the only local record of a
  // change until the server has it.
  it('keeps a synchronous copy of local changes, not of remote ones, until the server has them; a new page puts it back', async () => {
    opened = [];
    const ws = await server.createWorkshop('Pool 3');
    const room = projectRoom(ws.id, TEST_PROJECTS[0]);
    const author = await authorOf(server.url, ws.id, ws.facilitatorToken);
    const writes: string[] = [];
    const storage = new MemoryStorage();
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      writes.push(key);
      setItem(key, value);
    };
    const copy = new PendingCopy(storage, pendingCopyKey(room));
    const copied = () => {
      const doc = new Y.Doc();
      const update = copy.read();
      if (update) Y.applyUpdate(doc, update);
      return [...notesMap(doc).keys()];
    };

    const pool = new DocPool(transport(server.wsUrl, storage), 0);
    const pooled = pool.acquire(room, ws.facilitatorToken);
    await eventually(() => pooled.getState().synced, 'pooled room synced');
    const peer = connectProvider(server.wsUrl, room, ws.facilitatorToken);
    await waitForSync(peer.provider);
    addNote(peer.doc, { id: 'peernote1', x: 0, y: 0, kind: 'idea', text: 'de quelqu’un d’autre', ...author, createdAt: 1 });
    await eventually(() => notesMap(pooled.doc).has('peernote1'), 'remote note received');
    expect(writes).toEqual([]);

    addNote(pooled.doc, { id: 'localnote1', x: 0, y: 0, kind: 'idea', text: 'à moi', ...author, createdAt: 2 });
    expect(copied()).toEqual(['localnote1']);
    await eventually(() => notesMap(peer.doc).has('localnote1'), 'peer received the local note');
    await eventually(() => copy.read() === null, 'copy cleared once delivered');
    pool.release(pooled);

    // A change recorded by an earlier page that never reached the server (reloaded offline).
    const earlier = new Y.Doc();
    earlier.on('update', (u: Uint8Array) => copy.record(u));
    earlier.clientID = 4242;
    addNote(earlier, { id: 'offlinenote1', x: 0, y: 0, kind: 'idea', text: 'hors ligne', ...author, createdAt: 3 });
    expect(copied()).toEqual(['offlinenote1']);
    const next = new DocPool(transport(server.wsUrl, storage), 0).acquire(room, ws.facilitatorToken);
    // Back in the document at once, before any connection.
    expect(notesMap(next.doc).get('offlinenote1')).toBeDefined();
    expect(next.getState().unsynced).toBeGreaterThan(0);
    await eventually(() => notesMap(peer.doc).has('offlinenote1'), 'peer received the restored note');
    await eventually(() => copy.read() === null && next.getState().unsynced === 0, 'copy cleared and nothing pending');
    next.destroy();
    peer.provider.destroy();
  });

  it('a change counts as not sent while the server has not stored it, even on a live connection, and as sent once it has', async () => {
    const ws = await server.createWorkshop('Pool stockage');
    const room = projectRoom(ws.id, TEST_PROJECTS[0]);
    const author = await authorOf(server.url, ws.id, ws.facilitatorToken);
    const pool = new DocPool(transport(server.wsUrl), 0);
    const pooled = pool.acquire(room, ws.facilitatorToken);
    await eventually(() => pooled.getState().synced, 'pooled room synced');

    // Editing on a healthy connection never shows as unsent, even without a pause for longer than
    // the 2 s grace and faster than answers come back (a note dragged: a change every frame, each
    // store taking 60 ms as a database across a network would).
    const seen: number[] = [];
    const unsubscribe = pooled.subscribe(() => seen.push(pooled.getState().unsynced));
    const restoreAppends = delayAppends(server.server.storage.docs, 60);
    try {
      addNote(pooled.doc, { id: 'storednote', x: 0, y: 0, kind: 'idea', text: 'glissée', ...author, createdAt: 1 });
      for (let i = 1; i <= 180; i++) {
        notesMap(pooled.doc).get('storednote')!.set('x', i);
        await sleep(16);
      }
      await sleep(2500);
    } finally {
      restoreAppends();
    }
    expect(seen.filter((n) => n > 0)).toEqual([]);

    // Storage stalls (the connection stays open): the next change is not stored, and says so.
    const stall = stallAppends(server.server.storage.docs);
    try {
      addNote(pooled.doc, { id: 'stallednote', x: 0, y: 0, kind: 'idea', text: 'en attente', ...author, createdAt: 9 });
      await eventually(() => pooled.getState().unsynced === 1, 'the change shows as not sent', 5000);
      expect(pooled.getState().status).toBe('connected');
      stall.release();
      await eventually(() => pooled.getState().unsynced === 0, 'sent once stored', 5000);
    } finally {
      stall.restore();
      unsubscribe();
      pool.release(pooled);
    }
  });

  it('drops an unreadable pending copy instead of failing to open the room', async () => {
    const ws = await server.createWorkshop('Pool 4');
    const room = projectRoom(ws.id, TEST_PROJECTS[0]);
    const storage = new MemoryStorage();
    storage.setItem(pendingCopyKey(room), 'qqqqqqqq');
    const pooled = new DocPool(transport(server.wsUrl, storage), 0).acquire(room, ws.facilitatorToken);
    expect(storage.getItem(pendingCopyKey(room))).toBeNull();
    await eventually(() => pooled.getState().synced && pooled.getState().unsynced === 0, 'room synced, nothing pending');
    pooled.destroy();
  });
});
