/**
 * Two real nodes (server/main.ts) on the local PostgreSQL and Redis, in a schema and key prefix of
 * their own (removed afterwards). Prints:
 *  - cross-node latency: a writer on node A adds notes at a steady rate, a client on node B records
 *    when each arrives (same process clock);
 *  - healing after a Redis drop: node B's subscriber connection is killed (CLIENT KILL) while the
 *    writer writes; how long after the writer's last note node B's client has all of them.
 *
 *   npx tsx bench/multinode.ts [--notes 500] [--rate 50]
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { addNote } from '../shared/operations';
import type { CreateWorkshopResponse, JoinResponse } from '../shared/protocol';
import { projectRoom } from '../shared/rooms';
import { notesMap, readNotes } from '../shared/schema';
import { dropPostgresSchema } from '../server/storage/postgresStorage';
import { killRedisConnection } from '../tests/helpers/clusterNode';
import { spawnNode } from '../tests/helpers/nodeProcess';
import { POSTGRES_URL, REDIS_URL, uniqueName } from '../tests/helpers/services';
import { connectProvider, eventually, sleep, waitForSync } from '../tests/helpers/yjsClients';
import { fmtMs, summarize } from './lib/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const NOTES = arg('notes', 500);
const RATE = arg('rate', 50);

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

const schema = uniqueName('croisee_bench');
const prefix = `${uniqueName('croisee_bench')}:`;
const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: prefix };
const a = await spawnNode(env);
const b = await spawnNode(env);
const providers: Array<{ provider: { destroy(): void } }> = [];
try {
  const ws = await post<CreateWorkshopResponse>(`${a.url}/api/workshops`, { title: 'Bench' });
  const token = (await post<JoinResponse>(`${a.url}/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode, name: 'W', role: 'commune' })).token;

  async function pair(project: string) {
    const room = projectRoom(ws.id, project);
    const writer = connectProvider(a.wsUrl, room, token);
    const reader = connectProvider(b.wsUrl, room, token);
    providers.push(writer, reader);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    return { writer, reader };
  }
  const write = (doc: Y.Doc, i: number) =>
    addNote(doc, { id: `note${String(i).padStart(6, '0')}`, x: i, y: 0, kind: 'idea', text: `n${i}`, authorId: 'w', authorName: 'W', createdAt: i });

  // 1. Cross-node latency.
  {
    const { writer, reader } = await pair('proj0001');
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    notesMap(reader.doc).observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        const at = sentAt.get(key);
        if (at !== undefined) latencies.push(now - at);
      }
    });
    for (let i = 0; i < NOTES; i++) {
      sentAt.set(`note${String(i).padStart(6, '0')}`, performance.now());
      write(writer.doc, i);
      await sleep(1000 / RATE);
    }
    await eventually(() => latencies.length === NOTES, 'every note crossed', 30_000);
    const s = summarize(latencies);
    console.log(
      `cross-node latency, ${NOTES} notes at ${RATE}/s: p50 ${fmtMs(s.p50)} ms, p90 ${fmtMs(s.p90)} ms, p99 ${fmtMs(s.p99)} ms, max ${fmtMs(s.max)} ms`,
    );
  }

  // 2. Healing after node B's subscriber is killed mid-write.
  {
    const { writer, reader } = await pair('proj0002');
    const total = 300;
    const lastNote = `note${String(total - 1).padStart(6, '0')}`;
    let lastWrittenAt = 0;
    for (let i = 0; i < total; i++) {
      if (i === 100 || i === 200) await killRedisConnection(`croisee-relay-sub-${relayNodeIdOf(b.output())}`);
      write(writer.doc, i);
      lastWrittenAt = performance.now();
      await sleep(1000 / RATE);
    }
    const missingAtEnd = total - readNotes(reader.doc).length;
    await eventually(() => readNotes(reader.doc).length === total && notesMap(reader.doc).has(lastNote), 'node B converged', 30_000);
    console.log(
      `Redis subscriber of node B killed twice during ${total} notes at ${RATE}/s: ${missingAtEnd} missing on B at the last write, ` +
        `all ${total} on B ${fmtMs(performance.now() - lastWrittenAt)} ms after it`,
    );
  }
} finally {
  for (const p of providers) p.provider.destroy();
  await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
  await dropPostgresSchema(POSTGRES_URL, schema);
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

/** A node prints its relay id at start; its Redis connections carry it in their names. */
function relayNodeIdOf(output: string): string {
  const m = /relay node ([0-9a-f]{16})/.exec(output);
  if (!m) throw new Error('the node did not print its relay id');
  return m[1];
}
