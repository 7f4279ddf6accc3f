import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addProject } from '../../shared/operations';
import { YJS_PATH } from '../../shared/protocol';
import { projectsMap } from '../../shared/schema';

/** A stock y-websocket client, as any Yjs app would connect. */
export function connectProvider(wsUrl: string, room: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(`${wsUrl}${YJS_PATH}`, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

export function waitForSync(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.once('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Polls until `check` returns true; fails with `what` after the timeout. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw WebSocket to the Yjs endpoint, recording frames and the close, to test the wire itself. */
export function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const frames: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  opened.catch(() => {}); // a refused upgrade rejects it; tests that expect that await `refused`
  const refused = new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
  ws.on('error', () => {});
  ws.on('message', (data) => frames.push(new Uint8Array(data as Buffer)));
  return { ws, frames, closed, opened, refused };
}

/** Project ids of the test workshops (`TestServer.createWorkshop` adds them; `addProjects` elsewhere). */
export const TEST_PROJECTS = ['proj0001', 'proj0002'] as const;

/**
 * Adds projects to a workshop as its facilitator would (through the workshop document), and
 * resolves once a fresh client reads them from the server: only existing projects' canvases open.
 */
export async function addProjects(wsUrl: string, workshopId: string, facilitatorToken: string, ids: readonly string[] = TEST_PROJECTS): Promise<void> {
  const writer = connectProvider(wsUrl, workshopId, facilitatorToken);
  try {
    await waitForSync(writer.provider);
    for (const id of ids) addProject(writer.doc, { id, name: `Projet ${id}`, themeId: null, createdAt: 1 });
    for (const deadline = Date.now() + 10_000; ; ) {
      if (Date.now() > deadline) throw new Error(`projects ${ids.join(', ')} did not reach the server`);
      const reader = connectProvider(wsUrl, workshopId, facilitatorToken);
      try {
        await waitForSync(reader.provider);
        if (ids.every((id) => projectsMap(reader.doc).has(id))) return;
      } finally {
        reader.provider.destroy();
      }
      await sleep(20);
    }
  } finally {
    writer.provider.destroy();
  }
}

/** Who a token stands for, as the server says (`me`): notes must carry their writer's own identity. */
export async function authorOf(httpUrl: string, workshopId: string, token: string): Promise<{ authorId: string; authorName: string }> {
  const res = await fetch(`${httpUrl}/api/workshops/${workshopId}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`authorOf: ${res.status} ${await res.text()}`);
  const { me } = (await res.json()) as { me: { userId: string; name: string } };
  return { authorId: me.userId, authorName: me.name };
}
