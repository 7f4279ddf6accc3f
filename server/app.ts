import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { accessRoutes, type AccessDeps } from './api/accessRoutes';
import { attachmentRoutes, type AttachmentDeps } from './api/attachmentRoutes';
import { partnerRoutes } from './api/partnerRoutes';
import { importRoute, reportRoutes, type ReportDeps } from './api/reportRoutes';
import { sendError } from './api/requestAuth';
import { securityHeaders, type SecurityHeaderOptions } from './api/securityHeaders';
import { workshopRoutes } from './api/workshopRoutes';
import type { ImportRunner } from './importRunner';
import { httpMetrics } from './instrumentation';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { Storage } from './storage/Storage';

/** The HTTP side: JSON API under /api, health and metrics, and the built client with an SPA fallback. */
export function createApp(deps: {
  storage: Storage;
  log: Logger;
  staticDir: string | null;
  isJoinLocked: (workshopId: string) => Promise<boolean>;
  reports: ReportDeps;
  security?: SecurityHeaderOptions;
  access: AccessDeps;
  attachments: AttachmentDeps;
  imports: ImportRunner;
  /** Operations: request log, metrics, /health /ready /metrics, rate limits (see opsRoutes, httpLimits). */
  ops: { trustProxy: boolean | number; requestLog?: RequestHandler; metrics: Metrics; routes: RequestHandler; mountLimits: (app: Express) => void };
}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.ops.trustProxy);
  if (deps.ops.requestLog) app.use(deps.ops.requestLog);
  app.use(securityHeaders(deps.security));
  app.use(httpMetrics(deps.ops.metrics));
  app.use(deps.ops.routes);
  deps.ops.mountLimits(app);
  app.use('/api', importRoute(deps.storage, deps.imports, deps.attachments.limits)); // before the small default body limit
  app.use('/api', attachmentRoutes(deps.attachments)); // its own body limit too
  app.use('/api', express.json({ limit: '64kb' }));
  app.use('/api', workshopRoutes(deps.storage, deps.isJoinLocked));
  app.use('/api', reportRoutes(deps.reports));
  app.use('/api', accessRoutes(deps.access));
  app.use('/api', partnerRoutes(deps.reports));
  app.use('/api', (_req, res) => sendError(res, 404, 'not_found', 'No such API route.'));

  const staticDir = deps.staticDir;
  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    app.use(
      express.static(staticDir, {
        index: false,
        maxAge: '1h',
        // Hashed assets may be cached; the service worker and the page must be revalidated so a
        // new version reaches everyone.
        setHeaders: (res, file) => {
          if (/\/assets\//.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          else res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    // Client-side routes (/w/…, /join/…) all load the app shell.
    app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
      res.sendFile(path.join(staticDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Croisée server is running, but the client is not built. Run `npm run build`.\n');
    });
  }

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // Malformed JSON and oversize bodies come from the body parser with a status; anything else is ours.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.log.error('request failed', err);
    const message =
      status === 413 ? 'Request body too large.' : status === 400 ? 'Malformed JSON body.' : status === 500 ? 'Internal error.' : String(err.message);
    sendError(res, status, status === 500 ? 'internal' : 'bad_request', message);
  };
  app.use(onError);
  return app;
}
