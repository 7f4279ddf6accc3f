import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCroiseeServer } from './createCroiseeServer';
import { ensureDemoWorkshop, facilitatorLink, joinLink } from './demoWorkshop';
import { consoleLogger } from './logger';
import { openSqliteStorage } from './storage/sqliteStorage';

// The only module that reads the environment.
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.resolve(process.env.STATIC_DIR ?? path.join(repoRoot, 'dist'));

const log = consoleLogger;
mkdirSync(dataDir, { recursive: true });
const storage = openSqliteStorage(path.join(dataDir, 'croisee.sqlite'));
const server = createCroiseeServer({ storage, log, staticDir });

process.on('uncaughtException', (err) => log.error('uncaught exception (the server keeps running)', err));
process.on('unhandledRejection', (err) => log.error('unhandled rejection (the server keeps running)', err));

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
await server.listen(port, host);
log.info(`Croisée is running at ${publicUrl}  (data: ${dataDir})`);
log.info(`Demo workshop "Regards croisés sur la SmartCity"`);
log.info(`  facilitator link: ${facilitatorLink(publicUrl, demo.workshopId, demo.facilitatorToken)}`);
log.info(`  join code:        ${demo.joinCode}   (join link: ${joinLink(publicUrl, demo.joinCode)})`);
