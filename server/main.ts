import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCroiseeServer } from './createCroiseeServer';
import { ensureDemoWorkshop, facilitatorLink, joinLink } from './demoWorkshop';
import { consoleLogger } from './logger';
import { createRedisCluster } from './scale/createRedisCluster';
import { openPostgresStorage } from './storage/postgresStorage';
import { openSqliteStorage } from './storage/sqliteStorage';

// The only module that reads the environment.
const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
const dataDir = path.resolve(env.DATA_DIR ?? 'data');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.resolve(env.STATIC_DIR ?? path.join(repoRoot, 'dist'));
const databaseUrl = env.DATABASE_URL;
const redisUrl = env.REDIS_URL;
const multiNode = Boolean(databaseUrl && redisUrl);

const log = consoleLogger;
process.on('uncaughtException', (err) => log.error('uncaught exception (the server keeps running)', err));
process.on('unhandledRejection', (err) => log.error('unhandled rejection (the server keeps running)', err));

if (Boolean(databaseUrl) !== Boolean(redisUrl)) {
  log.error('Multi-node mode needs both DATABASE_URL and REDIS_URL; set both or neither.');
  process.exit(1);
}

let storage;
if (multiNode) {
  storage = await openPostgresStorage(databaseUrl!, { schema: env.DATABASE_SCHEMA ?? 'croisee' });
} else {
  mkdirSync(dataDir, { recursive: true });
  storage = openSqliteStorage(path.join(dataDir, 'croisee.sqlite'));
}
// Several nodes: heartbeat period (a node silent for 3 of them is dead) and anti-entropy period.
const clusterMs = (name: string): number | undefined => {
  const value = env[name];
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) {
    log.error(`${name} must be a whole number of milliseconds, not "${value}".`);
    process.exit(1);
  }
  return Number(value);
};
const heartbeatMs = clusterMs('CLUSTER_HEARTBEAT_MS');
const antiEntropyMs = clusterMs('CLUSTER_ANTI_ENTROPY_MS');
const cluster = multiNode ? createRedisCluster(redisUrl!, env.REDIS_PREFIX ?? 'croisee:', log, { heartbeatMs }) : undefined;
const allowedOrigins = (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
const frameAncestors = (env.FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean);
const server = createCroiseeServer({ storage, log, staticDir, cluster, allowedOrigins, antiEntropyMs, frameAncestors });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: storing everything and closing…`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', err);
        process.exit(1);
      },
    );
  });
}

const demo = await ensureDemoWorkshop(storage, Date.now());
const address = await server.listen(port, host);
const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${address.port}`).replace(/\/$/, '');
log.info(`Croisée is running at ${publicUrl}  (${multiNode ? 'multi-node: PostgreSQL + Redis' : `data: ${dataDir}`})`);
log.info(`Demo workshop "Regards croisés sur la SmartCity"`);
log.info(`  facilitator link: ${facilitatorLink(publicUrl, demo.workshopId, demo.facilitatorToken)}`);
log.info(`  join code:        ${demo.joinCode}   (join link: ${joinLink(publicUrl, demo.joinCode)})`);
log.info(`listening on port ${address.port}`);
