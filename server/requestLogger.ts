import type { RequestHandler } from 'express';
import type { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * Hides what grants access: join codes in paths (`/api/join-codes/<code>`, `/join/<code>`) and
 * `token` / `joinCode` query parameters. Fragments (`#token=…`) never reach the server.
 */
export function redactUrl(url: string): string {
  const [pathPart, query] = splitOnce(url, '?');
  const safePath = pathPart.replace(/(\/join-codes\/|\/join\/)[^/]+/g, '$1[redacted]');
  if (query === null) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => (/^(token|joinCode|code)=/i.test(pair) ? `${pair.split('=')[0]}=[redacted]` : pair))
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function splitOnce(s: string, sep: string): [string, string | null] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, null] : [s.slice(0, i), s.slice(i + 1)];
}

/** Probes run every few seconds; at info level they would drown everything else. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/**
 * One JSON line per HTTP request: method, redacted URL, status, time. No headers (they carry
 * bearer tokens and cookies) and no bodies (they carry join codes).
 */
export function requestLogger(p: Pino): RequestHandler {
  return pinoHttp({
    logger: p,
    quietReqLogger: true,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (PROBES.has((req.url ?? '').split('?')[0])) return 'debug';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        url: redactUrl(req.url ?? ''),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}
