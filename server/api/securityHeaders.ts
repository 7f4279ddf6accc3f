import { Router } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /**
   * Origins allowed to show Croisée in a frame (e.g. `https://intranet.example.be`), for venues that
   * embed the projector wall in another page. Empty (the default): no page may frame Croisée, so a
   * facilitator's page cannot be overlaid to trick clicks (clickjacking).
   */
  frameAncestors?: readonly string[];
}

/**
 * The security headers of every answer (pages, assets, API), with `helmet`:
 * - a strict Content-Security-Policy the built app passes: scripts, styles, workers and
 *   connections (fetch, WebSocket to the same host — `'self'` covers ws:/wss: of it) from the
 *   server only, no inline script or style element, images also from `data:` (the favicon) and
 *   `blob:` (canvas PNG export), no plugins, no `<base>`, forms only to the server;
 * - `frame-ancestors 'none'` (and `X-Frame-Options: DENY`) unless `frameAncestors` lists origins;
 * - `X-Content-Type-Options: nosniff`; `Referrer-Policy: no-referrer`, since pages carry tokens in
 *   their fragment and a link followed from them must not tell where it came from;
 * - `Cache-Control: no-store` on every API answer: they are private to a token or hand one out.
 * HSTS is left to the TLS-terminating proxy: Croisée is often served over plain HTTP on a venue's
 * network, where a stray HSTS policy would lock browsers out.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): Router {
  const embedders = [...(options.frameAncestors ?? [])];
  const router = Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          mediaSrc: ["'self'", 'data:', 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: embedders.length > 0 ? embedders : ["'none'"],
        },
      },
      frameguard: embedders.length > 0 ? false : { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    }),
  );
  router.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  return router;
}
