import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config';
import { createCroiseeServer, type CroiseeServer } from './createCroiseeServer';
import { ensureDemoWorkshop, facilitatorLink, joinLink } from './demoWorkshop';
import { createOpsRedis } from './opsRedis';
import { createPinoLogger } from './pinoLogger';
import { requestLogger } from './requestLogger';
import { createRedisCluster } from './scale/createRedisCluster';
import { checkSqliteDataDir, StorageFault } from './storageCheck';
import { openPostgresStorage } from './storage/postgresStorage';
import { openSqliteStorage } from './storage/sqliteStorage';
import type { Storage } from './storage/Storage';

// The only impure root: reads the environment (through config.ts), wires the parts, listens.
let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Croisée: ${err.message}\nSee the configuration table in README.md.\n`);
  process.exit(2);
}

const { log, pino } = createPinoLogger(config.logLevel);
// Beside the server: server/main.ts in a checkout, dist-server/main.js in a build; both one level down.
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = config.staticDir ?? path.join(appRoot, 'dist');
const SQLITE_FILE = 'croisee.sqlite';

let server: CroiseeServer | null = null;
let opsRedis: ReturnType<typeof createOpsRedis> | null = null;
let stopping = false;

/**
 * Stores what can be stored, then exits with `code`. A hard timeout ends the process if storing
 * hangs (a dead database must not keep a supervisor from restarting it).
 */
function shutdown(reason: string, code: number): void {
  if (stopping) return;
  stopping = true;
  log.info(`${reason}: storing everything and closing…`);
  setTimeout(() => {
    log.error(`shutdown did not finish within ${config.shutdownTimeoutMs} ms; exiting without it`);
    process.exit(code || 1);
  }, config.shutdownTimeoutMs).unref();
  Promise.resolve()
    .then(async () => {
      await server?.close();
      await opsRedis?.close();
    })
    .then(
      () => process.exit(code),
      (err) => {
        log.error('shutdown failed', err);
        process.exit(code || 1);
      },
    );
}

// After an unexpected exception the process is in an unknown state: keep what users wrote, then
// exit non-zero so the supervisor restarts it cleanly.
process.on('uncaughtException', (err) => {
  log.error('uncaught exception: storing what can be stored, then exiting', err);
  shutdown('uncaught exception', 1);
});
process.on('unhandledRejection', (err) => {
  log.error('unhandled rejection: storing what can be stored, then exiting', err);
  shutdown('unhandled rejection', 1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal, 0));

async function openStorage(): Promise<Storage> {
  if (config.multiNode) return openPostgresStorage(config.multiNode.databaseUrl, { schema: config.multiNode.databaseSchema });
  checkSqliteDataDir(config.dataDir, SQLITE_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteStorage(path.join(config.dataDir, SQLITE_FILE));
}

let storage: Storage;
try {
  storage = await openStorage();
} catch (err) {
  if (err instanceof StorageFault) {
    log.error(err.message);
    process.stderr.write(`Croisée cannot start: ${err.message}\n`);
    process.exit(3);
  }
  log.error('storage could not be opened', err);
  process.exit(1);
}

const multi = config.multiNode;
const cluster = multi ? createRedisCluster(multi.redisUrl, multi.redisPrefix, log, { heartbeatMs: config.clusterHeartbeatMs }) : undefined;
opsRedis = multi ? createOpsRedis(multi.redisUrl, multi.redisPrefix, log) : null;
server = createCroiseeServer({
  storage,
  log,
  staticDir,
  cluster,
  allowedOrigins: config.allowedOrigins,
  frameAncestors: config.frameAncestors,
  requestLog: requestLogger(pino),
  metricsToken: config.metricsToken,
  readinessChecks: opsRedis ? { redis: opsRedis.ping } : {},
  rateLimitStore: opsRedis?.rateLimitStore,
  httpLimits: config.rateLimits,
  trustProxy: config.trustProxy,
  connectionCaps: { total: config.maxConnections, perIp: config.maxConnectionsPerIp },
  pingIntervalMs: config.wsPingIntervalMs,
  attachmentLimits: config.attachmentLimits,
  antiEntropyMs: config.clusterAntiEntropyMs,
});

const demo = await ensureDemoWorkshop(storage, Date.now());
const address = await server.listen(config.port, config.host);
const publicUrl = config.publicUrl ?? `http://localhost:${address.port}`;
log.info(`Croisée is running at ${publicUrl}`, { mode: multi ? 'multi-node' : 'single-node', dataDir: multi ? undefined : config.dataDir });
if (demo) {
  log.info('demo workshop created', { workshopId: demo.workshopId });
  // To the terminal only, once: the facilitator link grants running the workshop, so it is not logged.
  process.stdout.write(
    `\n  Demo workshop "Regards croisés sur la SmartCity" — shown once, keep this link:\n` +
      `    facilitator link: ${facilitatorLink(publicUrl, demo.workshopId, demo.facilitatorToken)}\n` +
      `    join link:        ${joinLink(publicUrl, demo.joinCode)}\n\n`,
  );
}
log.info(`listening on port ${address.port}`);
