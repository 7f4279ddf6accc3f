import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH } from '../../shared/protocol';

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
