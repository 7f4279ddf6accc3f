/**
 * W1-shaped load on 1, 2 and 3 Croisée nodes (server/main.ts processes) sharing the local PostgreSQL
 * and Redis, in the same run: clients spread round-robin over the nodes (writers, probes, cursor
 * movers and listeners alike), so most notes cross nodes. Reports latency across nodes, CPU per node,
 * and what goes through Redis per note (counted by a subscriber of the run's own key prefix).
 *
 *   npx tsx bench/multinodeLoad.ts [--nodes 1,2,3] [--scale 1] [--seconds 10]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { CreateWorkshopResponse, JoinResponse } from '../shared/protocol';
import { projectRoom } from '../shared/rooms';
import { notesMap } from '../shared/schema';
import { decodeRoomFrame } from '../server/scale/relayFrames';
import { dropPostgresSchema } from '../server/storage/postgresStorage';
import { spawnNode, type NodeProcess } from '../tests/helpers/nodeProcess';
import { POSTGRES_URL, REDIS_URL, uniqueName } from '../tests/helpers/services';
import { addProjects } from '../tests/helpers/yjsClients';
import { CursorMover, NoteBook, Probe, WireClient, Writer, connectAll, sleep, waitUntil } from './lib/clients';
import { runAtRate } from './lib/scheduler';
import { fmt, fmtMs, summarize, table } from './lib/stats';
import type { Author, Target } from './lib/wire';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const NODE_COUNTS = arg('nodes', '1,2,3').split(',').map(Number);
const scale = Number(arg('scale', '1'));
const seconds = Number(arg('seconds', '10'));
const n = (x: number) => Math.max(1, Math.round(x * scale));
const CFG = { listeners: n(500), probes: Math.max(3, n(10)), writers: n(50), notesPerSec: 100, movers: n(20), moverHz: 5 };

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** CPU seconds (user + system) a process used so far, from /proc (10 ms resolution). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Result {
  nodes: number;
  clients: number;
  notes: number;
  p50: number;
  p99: number;
  crossP50: number;
  crossP99: number;
  missing: number;
  cpuPerNode: number[];
  redisMessagesPerNote: number;
  redisBytesPerNote: number;
  updateBytesPerNote: number;
  awarenessMessagesPerSec: number;
}

async function runOnce(nodeCount: number): Promise<Result> {
  const schema = uniqueName('croisee_mnbench');
  const prefix = `${uniqueName('croisee_mnbench')}:`;
  const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: prefix, MAX_CONNECTIONS_PER_IP: '0' };
  const nodes: NodeProcess[] = [];
  const clients: WireClient[] = [];
  const counter = new Redis(REDIS_URL);
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await spawnNode(env, 60_000));
    const ws = await post<CreateWorkshopResponse>(`${nodes[0].url}/api/workshops`, { title: 'Bench' });
    await addProjects(nodes[0].wsUrl, ws.id, ws.facilitatorToken, ['proj0001']);
    const total = CFG.probes + CFG.writers + CFG.movers + CFG.listeners;
    const tokens: string[] = [];
    const authors: Author[] = [];
    for (let i = 0; i < total; i++) {
      const name = `Bench ${i}`;
      const joined = await post<JoinResponse>(`${nodes[i % nodeCount].url}/api/workshops/${ws.id}/join`, {
        joinCode: ws.joinCode,
        name,
        role: 'expert',
        community: 'maker',
      });
      tokens.push(joined.token);
      authors.push({ userId: joined.userId, name });
    }
    const room = projectRoom(ws.id, 'proj0001');
    // Client i talks to node i % nodeCount, with token i.
    const targets: Target[] = nodes.map((node) => ({ kind: 'croisee', port: node.port, room, tokens, authors }));
    const on = (i: number) => targets[i % nodeCount];

    // What the nodes publish for this room (and the run's prefix only: Redis is shared).
    let redisMessages = 0;
    let redisBytes = 0;
    let updateBytes = 0;
    let updates = 0;
    let awareness = 0;
    let counting = false;
    counter.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      if (!counting) return;
      redisMessages++;
      redisBytes += message.length;
      const frame = decodeRoomFrame(message);
      if (frame?.kind === 'update') {
        updates++;
        updateBytes += message.length;
      } else if (frame?.kind === 'awareness') awareness++;
    });
    await counter.subscribe(`${prefix}room:${room}`);

    const book = new NoteBook();
    let index = 0;
    const probes = await connectAll(CFG.probes, () => new Probe(on(index), index++, book));
    const probeNode = probes.map((p) => p.index % nodeCount);
    const writers = await connectAll(CFG.writers, (i) => new Writer(on(index), index++, i, book));
    const movers = await connectAll(CFG.movers, (i) => new CursorMover(on(index), index++, i));
    const listeners = await connectAll(CFG.listeners, () => new WireClient(on(index), index++), { timeoutMs: 180_000 });
    clients.push(...probes, ...writers, ...movers, ...listeners);
    await sleep(1_000);

    const writerNode = new Map<string, number>();
    const arrivals = probes.map((probe) => {
      const at = new Map<string, number>();
      probe.onNote = (id) => at.set(id, performance.now());
      return at;
    });
    const cpu0 = nodes.map((node) => cpuSeconds(node.child.pid!));
    counting = true;
    const t0 = performance.now();
    const durationMs = seconds * 1000;
    await Promise.all([
      runAtRate({
        ratePerSec: CFG.notesPerSec,
        durationMs,
        fire: (i) => {
          const writer = writers[i % writers.length];
          writerNode.set(writer.writeNote(), writer.index % nodeCount);
        },
      }),
      runAtRate({ ratePerSec: CFG.movers * CFG.moverHz, durationMs, fire: (i) => movers[i % movers.length].move() }),
    ]);
    const elapsed = (performance.now() - t0) / 1000;
    const cpuPerNode = nodes.map((node, i) => ((cpuSeconds(node.child.pid!) - cpu0[i]) / elapsed) * 100);
    await waitUntil(() => probes.every((p) => p.seen.size >= book.written.length), 5_000);
    counting = false;

    const all: number[] = [];
    const cross: number[] = [];
    let missing = 0;
    probes.forEach((probe, p) => {
      const ids = new Set(notesMap(probe.doc).keys());
      for (const id of book.written) {
        if (!ids.has(id)) missing++;
        const arrived = arrivals[p].get(id);
        if (arrived === undefined) continue;
        const latency = arrived - book.sentAt.get(id)!;
        all.push(latency);
        if (writerNode.get(id) !== probeNode[p]) cross.push(latency);
      }
    });
    const s = summarize(all);
    const c = summarize(cross);
    const notes = book.written.length;
    return {
      nodes: nodeCount,
      clients: total,
      notes,
      p50: s.p50,
      p99: s.p99,
      crossP50: c.p50,
      crossP99: c.p99,
      missing,
      cpuPerNode,
      redisMessagesPerNote: redisMessages / notes,
      redisBytesPerNote: redisBytes / notes,
      updateBytesPerNote: updates > 0 ? updateBytes / updates : NaN,
      awarenessMessagesPerSec: awareness / elapsed,
    };
  } finally {
    for (const c of clients) c.close();
    await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
    await counter.quit().catch(() => {});
    await dropPostgresSchema(POSTGRES_URL, schema).catch(() => {});
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

const startLoad = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');
const results: Result[] = [];
for (const count of NODE_COUNTS) {
  process.stderr.write(`${count} node(s) …\n`);
  results.push(await runOnce(count));
}
const one = results.find((r) => r.nodes === 1);
console.log(
  `### Several nodes: ${CFG.listeners} listeners + ${CFG.probes} probes + ${CFG.writers} writers sharing ${CFG.notesPerSec} notes/s + ${CFG.movers} cursors at ${CFG.moverHz} Hz, ${seconds} s, clients spread round-robin over the nodes (PostgreSQL + Redis)\n`,
);
console.log(
  table(
    [
      'nodes',
      'notes',
      'missing',
      'p50 / p99 ms (all)',
      'p50 / p99 ms (writer and probe on different nodes)',
      'CPU% per node',
      'CPU% in all',
      'vs 1 node',
      'Redis messages / note',
      'Redis bytes published / note',
      'bytes per relayed update',
      'awareness messages/s via Redis',
    ],
    results.map((r) => {
      const sum = r.cpuPerNode.reduce((a, b) => a + b, 0);
      return [
        String(r.nodes),
        String(r.notes),
        String(r.missing),
        `${fmtMs(r.p50)} / ${fmtMs(r.p99)}`,
        r.nodes === 1 ? '—' : `${fmtMs(r.crossP50)} / ${fmtMs(r.crossP99)}`,
        r.cpuPerNode.map((c) => fmt(c, 0)).join(' / '),
        fmt(sum, 0),
        one ? `${fmt(sum / one.cpuPerNode[0], 2)}×` : '',
        fmt(r.redisMessagesPerNote, 2),
        fmt(r.redisBytesPerNote, 0),
        fmt(r.updateBytesPerNote, 0),
        fmt(r.awarenessMessagesPerSec, 0),
      ];
    }),
  ),
);
console.log(
  `\nRedis bytes are what the nodes publish; Redis sends each message to every node subscribed to the room (all of them), so its egress is that × nodes. Load average at the start ${startLoad}, at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (2 cores shared with other work: absolute latencies are noisy, compare rows).`,
);
process.exit(0);
