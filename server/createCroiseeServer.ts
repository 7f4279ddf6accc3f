import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode, EXPIRED_REASON, YJS_PATH } from '../shared/protocol';
import { workshopRoom } from '../shared/rooms';
import { projectsMap } from '../shared/schema';
import type { RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import { createApp } from './app';
import type { AttachmentLimits } from './api/attachmentRoutes';
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_WORKSHOP_ATTACHMENTS_MAX_BYTES } from '../shared/attachments';
import { Credentials } from './auth';
import { guardConnections, type ConnectionCaps } from './connectionGuard';
import { attachFacilitation, createSocketServer, socketBroadcaster, type FacilitationIo } from './facilitation/FacilitationServer';
import { FacilitationService } from './facilitation/FacilitationService';
import { mayOpenRoom, mayWriteRoom } from './facilitation/roomAccess';
import { createImportRunner } from './importRunner';
import { sharedMerge } from './mergeUpdates';
import { DEFAULT_HTTP_LIMITS, mountHttpLimits, type HttpLimits } from './httpLimits';
import { instrumentDocStorage, instrumentFacilitation, instrumentRelay } from './instrumentation';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { opsRoutes } from './opsRoutes';
import { Readiness } from './readiness';
import type { Storage } from './storage/Storage';
import { RoomManager } from './sync/RoomManager';
import type { RoomRelay } from './sync/RoomRelay';
import { createSyncEndpoint, type RoomAuthorizer } from './sync/SyncEndpoint';
import { createSyncMetrics, type SyncMetrics } from './sync/SyncMetrics';

export interface CroiseeServerOptions {
  storage: Storage;
  log: Logger;
  /** Built client to serve (dist/), or null for an API-only server. */
  staticDir: string | null;
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  maxPayload?: number;
  /** Largest document (bytes of updates) a room accepts; beyond it writes close with 4413. */
  maxDocumentBytes?: number;
  /**
   * Shortest time between two broadcasts of a room's document updates (20 ms). A broadcast costs one
   * socket write per connection whatever it carries (the kernel's write is most of the server's
   * CPU): in a busy room, changes made within 20 ms of each other leave together. A change in a
   * quiet room leaves at once.
   */
  batchIntervalMs?: number;
  /** Presence changes of a room are sent together every this many ms (50 ms: 20 per second). */
  awarenessIntervalMs?: number;
  /** Bytes waiting in a client's socket beyond which it counts as slow (2 MiB). */
  congestionBytes?: number;
  /** Per-connection message rate on the Yjs endpoint. */
  rateLimit?: { burst: number; perSecond: number };
  /** Browser origins allowed besides the server's own host (e.g. a dev server). */
  allowedOrigins?: string[];
  unloadDelayMs?: number;
  /** Compact a room's stored log after this many bytes of updates (or the state's size, if larger). */
  compactAfterBytes?: number;
  /** Several nodes: how often loaded rooms compare state vectors with other nodes (2 s). */
  antiEntropyMs?: number;
  /** Origins allowed to frame Croisée (CSP frame-ancestors); none by default. */
  frameAncestors?: string[];
  /** Most content one export, report or search may read (JSON characters; 128 MiB); above it, 413. */
  maxReadBytes?: number;
  /** Several nodes: relays documents between them (Redis), and attaches socket.io's adapter. */
  cluster?: { relay: RoomRelay; attachAdapter(io: FacilitationIo): void; close(): Promise<void> };
  /** Prometheus metrics (a fresh registry per server when absent). */
  metrics?: Metrics;
  /** One log line per HTTP request (pino-http); absent in tests. */
  requestLog?: RequestHandler;
  /** Bearer token required by /metrics; null or absent: open. */
  metricsToken?: string | null;
  /** Dependencies /ready checks besides storage (Redis in multi-node mode). */
  readinessChecks?: Record<string, () => Promise<unknown>>;
  /** Per-address HTTP rate limits (defaults: DEFAULT_HTTP_LIMITS). */
  httpLimits?: Partial<HttpLimits>;
  /** A shared store per rate limit (Redis, with several nodes); in memory when absent. */
  rateLimitStore?: (name: string) => Store;
  /** Express `trust proxy` (false by default). */
  trustProxy?: boolean | number;
  /** Caps on open TCP connections. */
  connectionCaps?: Partial<ConnectionCaps>;
  /** Yjs keep-alive: ping interval; a connection silent for two intervals is dropped (30 s). */
  pingIntervalMs?: number;
  /** Attachment limits per file and per workshop (defaults in shared/attachments.ts). */
  attachmentLimits?: Partial<AttachmentLimits>;
}

export interface CroiseeServer {
  http: HttpServer;
  io: FacilitationIo;
  rooms: RoomManager;
  facilitation: FacilitationService;
  storage: Storage;
  /** Fault counters of the sync layer (append failures, relay gaps), for metrics export. */
  syncMetrics: SyncMetrics;
  metrics: Metrics;
  readiness: Readiness;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Graceful: clients are told the server restarts, everything is stored, storage is closed. */
  close(): Promise<void>;
}

/** Wires the HTTP API, the Yjs endpoint and socket.io on one HTTP server. Reads no environment. */
export function createCroiseeServer(options: CroiseeServerOptions): CroiseeServer {
  const { storage, log } = options;
  const syncMetrics = createSyncMetrics();
  const metrics = options.metrics ?? createMetrics();
  // A cheap real query: storage answers. (A registry read, so every adapter has it.)
  const readiness = new Readiness({ storage: () => storage.registry.getWorkshop('readiness-probe'), ...options.readinessChecks });
  const rooms = new RoomManager(instrumentDocStorage(storage.docs, metrics), log, {
    unloadDelayMs: options.unloadDelayMs ?? 5_000,
    compactAfterBytes: options.compactAfterBytes ?? 1024 * 1024,
    relay: options.cluster ? instrumentRelay(options.cluster.relay, metrics) : null,
    onBroadcast: (updates, latencyMs) => {
      metrics.broadcastBatchSize.observe(updates);
      metrics.broadcastLatency.observe(latencyMs / 1000);
    },
    maxDocumentBytes: options.maxDocumentBytes ?? 64 * 1024 * 1024,
    batchIntervalMs: options.batchIntervalMs ?? 20,
    awarenessIntervalMs: options.awarenessIntervalMs ?? 50,
    antiEntropyMs: options.antiEntropyMs ?? 2000,
    metrics: syncMetrics,
    mergeUpdates: sharedMerge.merge,
  });
  const http = createServer();
  const allowedOrigins = options.allowedOrigins ?? [];
  const io = createSocketServer(http, allowedOrigins);
  // Bound how long a connection may take to send its request: idle half-open sockets are dropped.
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  guardConnections(http, { total: 10_000, perIp: 1_000, ...options.connectionCaps }, metrics);
  metrics.sources.openRooms = () => rooms.openRoomCount;
  metrics.sources.failedRooms = () => readiness.failedRoomCount;
  metrics.sources.sync = () => syncMetrics;
  options.cluster?.attachAdapter(io);
  const broadcaster = socketBroadcaster(io, Boolean(options.cluster));
  const facilitation = new FacilitationService({ storage, rooms, broadcaster, log, now: Date.now });
  instrumentFacilitation(io, metrics);
  const presence = attachFacilitation(io, { registry: storage.registry, service: facilitation, log });
  options.cluster?.relay.watch({ nodeDown: () => presence.refreshPresence() });
  const credentials = new Credentials(storage.registry);
  const imports = createImportRunner();
  const app = createApp({
    imports,
    storage,
    log,
    access: {
      storage,
      rooms,
      credentials,
      endSession: (workshopId, userId, reason) => {
        if (reason === 'expired') rooms.closeConnectionsOf(workshopId, userId, CloseCode.unauthorized, EXPIRED_REASON);
        else facilitation.closeDocumentsOf(workshopId, userId);
        broadcaster.endSessionOf(workshopId, userId, reason);
      },
      preloadRoom: async (principal, room, name) => {
        try {
          if ((await authorize(principal, room)).ok) await rooms.withRoom(name, () => undefined);
        } catch (err) {
          // The socket's own load reports a failure (and closes it with a named code).
          log.warn(`room ${name}: preloading failed`, err instanceof Error ? err.message : String(err));
        }
      },
    },
    staticDir: options.staticDir,
    isJoinLocked: async (id) => (await facilitation.state(id)).joinLocked,
    attachments: {
      storage,
      rooms,
      limits: {
        fileBytes: options.attachmentLimits?.fileBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
        workshopBytes: options.attachmentLimits?.workshopBytes ?? DEFAULT_WORKSHOP_ATTACHMENTS_MAX_BYTES,
      },
    },
    reports: {
      storage,
      rooms,
      endWorkshopSessions: (id) => broadcaster.endWorkshop(id),
      forgetWorkshop: (id) => facilitation.forgetWorkshop(id),
      maxReadBytes: options.maxReadBytes,
    },
    security: { frameAncestors: options.frameAncestors },
    ops: {
      trustProxy: options.trustProxy ?? false,
      requestLog: options.requestLog,
      metrics,
      routes: opsRoutes({ readiness, metrics, metricsToken: options.metricsToken ?? null }),
      mountLimits: (app) => mountHttpLimits(app, { limits: { ...DEFAULT_HTTP_LIMITS, ...options.httpLimits }, metrics, log, store: options.rateLimitStore }),
    },
  });
  http.on('request', app);

  // Who may open which room, and whether their writes are accepted at the moment of each update.
  const authorize: RoomAuthorizer = async (principal, room) => {
    if (!mayOpenRoom(principal, room)) return { ok: false, status: 403, message: 'private drafts belong to their author' };
    // Only the canvases of projects that exist: made-up rooms would be stored and grow without bound.
    if (room.kind !== 'workshop' && !(await rooms.withRoom(workshopRoom(room.workshopId), (r) => projectsMap(r.doc).has(room.projectId)))) {
      return { ok: false, status: 404, message: 'no such project in this workshop' };
    }
    await facilitation.state(principal.workshopId); // loaded, so the per-update check is synchronous
    return { ok: true, canWrite: () => mayWriteRoom(principal, room, facilitation.loadedState(principal.workshopId)) };
  };
  const sync = createSyncEndpoint({
    rooms,
    credentials,
    authorize,
    log,
    metrics,
    readiness,
    limits: {
      maxPayload: options.maxPayload ?? 8 * 1024 * 1024,
      burst: options.rateLimit?.burst ?? 400,
      perSecond: options.rateLimit?.perSecond ?? 200,
      allowedOrigins,
      congestionBytes: options.congestionBytes ?? 2 * 1024 * 1024,
      pingIntervalMs: options.pingIntervalMs ?? 30_000,
    },
  });

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith(`${YJS_PATH}/`)) return sync.handleUpgrade(req, socket, head);
    if (path.startsWith('/socket.io/')) return; // socket.io's own upgrade listener takes it
    socket.on('error', () => {});
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  let closing: Promise<void> | null = null;
  return {
    http,
    io,
    rooms,
    facilitation,
    storage,
    syncMetrics,
    metrics,
    readiness,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    close() {
      closing ??= (async () => {
        readiness.markShuttingDown();
        await rooms.closeAll(CloseCode.serverRestarting, 'server restarting');
        sync.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        http.closeAllConnections();
        await options.cluster?.close();
        await imports.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
