/**
 * One server under test, alone in this child process, so that its CPU and memory are measured apart
 * from the load generator. Started by bench/lib/servers.ts as
 *   node --import tsx --expose-gc bench/lib/serverProcess.ts --kind croisee|yws|hocuspocus|relay [--tokens N]
 * Prints `listening on port N` and sends `{type:'ready', port, room, tokens, dataFile}` over IPC.
 * Answers IPC `{type:'stats'}`, `{type:'resetEld'}`, `{type:'gc'}` and `{type:'heapSnapshot'}` (answers with the file).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { WebSocketServer, WebSocket } from 'ws';

type Kind = 'croisee' | 'yws' | 'hocuspocus' | 'relay';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const kind = arg('kind') as Kind;
const tokenCount = Math.max(1, Math.min(5000, Number(arg('tokens') ?? 1200)));
const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
let warnings = 0;
let warningLines = 0;
let cleanup: () => void = () => {};
let compactRoom: ((room: string) => Promise<void>) | null = null;

function noteWarning(level: string, message: string, details?: unknown): void {
  warnings++;
  // Print only the first few, so a fault under load does not flood the bench output.
  if (warningLines++ < 10)
    process.stderr.write(`${level}: ${message}${details === undefined ? '' : ` ${details instanceof Error ? details.message : String(details)}`}\n`);
}

/** Write-type system calls (write, writev…) this process made so far (Linux /proc; NaN elsewhere). */
function writeSyscalls(): number {
  try {
    return Number(/syscw: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

interface Ready {
  port: number;
  room: string;
  tokens: string[];
  /** Croisée: the participant of each token (the identity its notes must carry). */
  authors?: Array<{ userId: string; name: string }>;
  dataFile: string | null;
}

async function listenHttp(http: HttpServer): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

async function startCroisee(): Promise<Ready> {
  const Y = await import('yjs');
  const { createCroiseeServer } = await import('../../server/createCroiseeServer');
  const { openSqliteStorage } = await import('../../server/storage/sqliteStorage');
  const { createWorkshop } = await import('../../server/api/workshopRoutes');
  const { hashToken, newToken } = await import('../../server/auth');
  const { newId } = await import('../../shared/ids');
  const { projectsMap } = await import('../../shared/schema');
  const { projectRoom } = await import('../../shared/rooms');

  const dir = mkdtempSync(path.join(tmpdir(), 'croisee-bench-'));
  const dataFile = path.join(dir, 'croisee.sqlite');
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  // BENCH_MERGE=inline: compactions merge on the event loop (the behaviour before the merge worker).
  const { mergeInThread } = await import('../../server/mergeUpdates');
  const storage = openSqliteStorage(dataFile, process.env.BENCH_MERGE === 'inline' ? { mergeUpdates: mergeInThread } : {});
  compactRoom = async (room) => storage.docs.compact(room);
  const now = Date.now();
  // Real auth: a workshop with one project, created as POST /api/workshops does, and participants
  // added as POST /api/workshops/:id/join does (one token per bench client, role expert).
  const workshop = await createWorkshop(storage, {
    title: 'Bench workshop',
    facilitatorName: 'Bench facilitator',
    seed: { themes: ['Bench theme'], projects: [{ name: 'Bench project', commune: 'Namur', theme: 0 }] },
    now,
  });
  const doc = new Y.Doc();
  for (const update of await storage.docs.load(workshop.id)) Y.applyUpdate(doc, update);
  const projectId = [...projectsMap(doc).keys()][0];
  doc.destroy();
  if (!projectId) throw new Error('seeded workshop has no project');
  const tokens: string[] = [];
  const authors: Array<{ userId: string; name: string }> = [];
  for (let i = 0; i < tokenCount; i++) {
    const token = newToken();
    const author = { userId: newId(), name: `Bench ${i}` };
    authors.push(author);
    await storage.registry.addParticipant(
      {
        userId: author.userId,
        workshopId: workshop.id,
        name: author.name,
        role: 'expert',
        community: 'maker',
        createdAt: now,
        origin: 'join',
        deviceHash: null,
      },
      hashToken(token),
    );
    tokens.push(token);
  }
  const server = createCroiseeServer({
    storage,
    staticDir: null,
    // Every bench client connects from 127.0.0.1, as everyone does behind a reverse proxy: no per-address cap.
    connectionCaps: { perIp: 0 },
    // BENCH_BATCH_MS: another shortest time between two broadcasts of a room (to compare).
    ...(process.env.BENCH_BATCH_MS ? { batchIntervalMs: Number(process.env.BENCH_BATCH_MS) } : {}),
    // Defaults for everything else, rate limits included (no bench client exceeds them).
    log: {
      info: (m) => process.env.BENCH_DEBUG && process.stderr.write(`info: ${m}\n`),
      warn: (m, d) => noteWarning('warn', m, d),
      error: (m, d) => noteWarning('error', m, d),
    },
  });
  const address = await server.listen(0, '127.0.0.1');
  return { port: address.port, room: projectRoom(workshop.id, projectId), tokens, authors, dataFile };
}

async function startYws(): Promise<Ready> {
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (conn, req) => setupWSConnection(conn, req));
  return { port: await listenHttp(http), room: 'bench-room', tokens: [], dataFile: null };
}

async function startHocuspocus(): Promise<Ready> {
  const { Server } = await import('@hocuspocus/server');
  // Its defaults (flushDelay 0, debounce only for onStoreDocument hooks, none configured), no extensions.
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  return { port: server.address.port, room: 'bench-room', tokens: ['bench-token'], dataFile: null };
}

/** The floor: every frame to every other socket, nothing else. */
async function startRelay(): Promise<Ready> {
  const http = createServer((_req, res) => {
    res.writeHead(200);
    res.end('ok');
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      for (const other of wss.clients) if (other !== ws && other.readyState === WebSocket.OPEN) other.send(data, { binary: isBinary });
    });
  });
  return { port: await listenHttp(http), room: 'bench-room', tokens: [], dataFile: null };
}

async function main(): Promise<void> {
  const start = { croisee: startCroisee, yws: startYws, hocuspocus: startHocuspocus, relay: startRelay }[kind];
  if (!start) throw new Error(`unknown --kind ${kind}`);
  const ready = await start();
  process.on('message', (msg: { type: string; id?: number }) => {
    switch (msg.type) {
      case 'stats': {
        const cpu = process.cpuUsage();
        const mem = process.memoryUsage();
        process.send?.({
          type: 'stats',
          id: msg.id,
          cpuUserUs: cpu.user,
          cpuSystemUs: cpu.system,
          rss: mem.rss,
          heapUsed: mem.heapUsed,
          external: mem.external + mem.arrayBuffers,
          eventLoopDelayP99Ms: eld.percentile(99) / 1e6,
          eventLoopDelayMaxMs: eld.max / 1e6,
          warnings,
          writeSyscalls: writeSyscalls(),
        });
        return;
      }
      case 'compact': {
        const started = performance.now();
        void (compactRoom?.(ready.room) ?? Promise.reject(new Error(`${kind} has no stored log`))).then(
          () => process.send?.({ type: 'ok', id: msg.id, ms: performance.now() - started }),
          (err: Error) => process.send?.({ type: 'ok', id: msg.id, ms: NaN, error: err.message }),
        );
        return;
      }
      case 'heapSnapshot': {
        // Synchronous: the file is complete when answered.
        const file = writeHeapSnapshot(path.join(tmpdir(), `croisee-bench-${process.pid}-${Date.now()}.heapsnapshot`));
        process.send?.({ type: 'ok', id: msg.id, file });
        return;
      }
      case 'resetEld':
        eld.reset();
        process.send?.({ type: 'ok', id: msg.id });
        return;
      case 'gc': {
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) {
          gc();
          gc();
        }
        process.send?.({ type: 'ok', id: msg.id, gc: Boolean(gc) });
        return;
      }
    }
  });
  // The parent going away ends us too (IPC channel closes).
  process.on('disconnect', () => {
    cleanup();
    process.exit(0);
  });
  process.stdout.write(`listening on port ${ready.port}\n`);
  process.send?.({ type: 'ready', ...ready });
}

process.on('exit', () => cleanup());
process.on('SIGTERM', () => process.exit(0));
main().catch((err) => {
  process.stderr.write(`server ${kind} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
