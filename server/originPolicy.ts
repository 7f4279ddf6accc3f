import type { IncomingMessage } from 'node:http';

/**
 * Cross-site WebSocket hijacking guard: a browser page from another site must not open Croisée's
 * sockets with a participant's credentials. Browsers always send `Origin` on WebSocket and
 * cross-origin requests; clients that are not browsers (y-websocket in Node, tests) send none.
 * Allowed: no Origin, an Origin whose host is the request's Host, or one listed in `allowed`.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
