import type { Express, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { sendError } from './api/requestAuth';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** Requests allowed per client address and window (see docs/deployment.md for the arithmetic). */
export interface HttpLimits {
  /** Failed join-code look-ups (unknown codes) per 10 minutes. Successful ones are not counted. */
  joinCodeLookups: number;
  /** Joins per 10 minutes (a venue behind one NAT address joins together). */
  joins: number;
  /** Workshop creations per hour. */
  workshopCreations: number;
  /** Projector / co-facilitator links minted per 10 minutes. */
  tokenMints: number;
  /** Workshop imports per hour. */
  imports: number;
  /**
   * Yjs tickets per 10 minutes. Every client asks one per room it opens, again on each reconnection:
   * a venue of 300 behind one address reconnecting after a Wi-Fi cut asks ~3 each at once.
   */
  tickets: number;
  /** Facilitators' people routes (list, remove, re-admit) per 10 minutes. */
  people: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  joinCodeLookups: 30,
  joins: 300,
  workshopCreations: 30,
  tokenMints: 120,
  imports: 10,
  tickets: 3000,
  people: 600,
};

const MINUTE = 60_000;

/**
 * Mounts the rate limits in front of the API routes they guard. A refused request gets 429, a
 * `Retry-After` header (seconds) and the API's JSON error; other clients are not affected. With
 * several nodes, `store` gives each limit a shared (Redis) store so the limit holds cluster-wide.
 */
export function mountHttpLimits(app: Express, deps: { limits: HttpLimits; metrics: Metrics; log: Logger; store?: (name: string) => Store }): void {
  const limiter = (name: string, limit: number, windowMs: number, extra: { skipSuccessfulRequests?: boolean } = {}): RequestHandler =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      store: deps.store?.(name),
      // A store outage (Redis down) must not take joining down with it: let requests through and say so.
      passOnStoreError: true,
      logger: { error: (err: unknown) => deps.log.warn(`rate limit ${name}: store error`, err), warn: () => {} } as never,
      ...extra,
      handler: (_req, res) => {
        deps.metrics.httpRateLimited.inc({ limit: name });
        sendError(res, 429, 'rate_limited', `Too many requests; try again in ${res.getHeader('Retry-After') ?? 'a few'} seconds.`);
      },
    });
  const { limits } = deps;
  app.get('/api/join-codes/:code', limiter('join-code', limits.joinCodeLookups, 10 * MINUTE, { skipSuccessfulRequests: true }));
  app.post('/api/workshops/:id/join', limiter('join', limits.joins, 10 * MINUTE));
  app.post('/api/workshops', limiter('create', limits.workshopCreations, 60 * MINUTE));
  app.post('/api/workshops/:id/tokens', limiter('tokens', limits.tokenMints, 10 * MINUTE));
  app.post('/api/workshops/import', limiter('import', limits.imports, 60 * MINUTE));
  app.post('/api/workshops/:id/tickets', limiter('tickets', limits.tickets, 10 * MINUTE));
  app.use('/api/workshops/:id/people', limiter('people', limits.people, 10 * MINUTE));
}
