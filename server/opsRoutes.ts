import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { sendError } from './api/requestAuth';
import type { Metrics } from './metrics';
import type { Readiness } from './readiness';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * `/health`: the process answers (liveness). `/ready`: it can serve (readiness; 503 when not).
 * `/metrics`: Prometheus text, behind a bearer token when one is configured.
 */
export function opsRoutes(deps: { readiness: Readiness; metrics: Metrics; metricsToken: string | null }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });
  router.get('/ready', async (_req, res) => {
    const report = await deps.readiness.report();
    res
      .set('Cache-Control', 'no-store')
      .status(report.status === 'unavailable' ? 503 : 200)
      .json(report);
  });
  router.get('/metrics', async (req, res) => {
    if (deps.metricsToken) {
      const header = req.get('authorization') ?? '';
      if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7).trim(), deps.metricsToken)) {
        return sendError(res, 401, 'unauthorized', 'Missing or invalid metrics token.');
      }
    }
    res
      .set('Content-Type', deps.metrics.registry.contentType)
      .set('Cache-Control', 'no-store')
      .send(await deps.metrics.registry.metrics());
  });
  return router;
}
