/**
 * R1 — the HTTP read paths (search, JSON export, Markdown report, CSV) over a workshop whose
 * document lists one big canvas many times (the probe of issue 14: one `GET /search` froze the
 * server for 5 s and added ~1 GB). Prints, per route: answer time, the longest event-loop block
 * while it ran (what every other client waited), and heap/RSS growth.
 *
 *   npx tsx bench/readPaths.ts [--notes 5000] [--listed 10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addNote, addProject } from '../shared/operations';
import { projectRoom, workshopRoom } from '../shared/rooms';
import { projectsMap } from '../shared/schema';
import { createCroiseeServer } from '../server/createCroiseeServer';
import { quietLogger } from '../server/logger';
import { openSqliteStorage } from '../server/storage/sqliteStorage';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const NOTES = arg('notes', 5000);
const LISTED = arg('listed', 10);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'croisee-bench-read-'));
  const server = createCroiseeServer({ storage: openSqliteStorage(path.join(dir, 'db.sqlite')), log: quietLogger, staticDir: null, unloadDelayMs: 60_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  try {
    const ws = (await (
      await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Bench"}' })
    ).json()) as {
      id: string;
      joinCode: string;
      facilitatorToken: string;
    };
    const viewer = (await (
      await fetch(`${url}/api/workshops/${ws.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ joinCode: ws.joinCode, name: 'V', role: 'viewer' }),
      })
    ).json()) as { token: string };
    const big = 'bigcanvas1';
    await server.rooms.withRoom(workshopRoom(ws.id), (room) => {
      addProject(room.doc, { id: big, name: 'Grand canevas', commune: 'Namur', themeId: null, createdAt: 1 });
      for (let i = 1; i < LISTED; i++) {
        const copy = new Y.Map<unknown>();
        projectsMap(room.doc).set(`copy${i}`, copy);
        for (const [k, v] of Object.entries({ id: big, name: 'Grand canevas', commune: 'Namur', themeId: null, order: i, createdAt: 1 })) copy.set(k, v);
      }
    });
    const size = await server.rooms.withRoom(projectRoom(ws.id, big), (room) => {
      for (let i = 0; i < NOTES; i++) {
        addNote(room.doc, {
          id: `note${String(i).padStart(6, '0')}`,
          x: i % 100,
          y: Math.floor(i / 100),
          kind: 'idea',
          text: `Capteur numéro ${i} ${'de qualité de l’air '.repeat(8)}`,
          authorId: 'u',
          authorName: 'U',
          createdAt: i,
        });
      }
      return Y.encodeStateAsUpdate(room.doc).byteLength;
    });
    console.log(`R1 read paths: one canvas of ${NOTES} notes (${mib(size)} of Yjs state) listed ${LISTED} times; node ${process.version}\n`);
    console.log('| route | status | time | longest event-loop block | heap growth | RSS growth |');
    console.log('|---|---|---|---|---|---|');
    for (const route of ['search?q=capteur', 'export.json', 'report.md', 'notes.csv', 'notes.csv?sep=semicolon']) {
      global.gc?.();
      // A fresh request first: building the board may outlast the keep-alive of the pooled
      // connection, and the first request on it then fails once (ECONNRESET).
      for (let attempt = 0; attempt < 3; attempt++) {
        const ok = await fetch(`${url}/health`).then(
          (r) => r.arrayBuffer().then(() => true),
          () => false,
        );
        if (ok) break;
      }
      const heap = process.memoryUsage().heapUsed;
      const rss = process.memoryUsage().rss;
      const eld = monitorEventLoopDelay({ resolution: 1 });
      eld.enable();
      const started = performance.now();
      let status: string;
      try {
        const res = await fetch(`${url}/api/workshops/${ws.id}/${route}`, { headers: { authorization: `Bearer ${viewer.token}` } });
        await res.arrayBuffer();
        status = String(res.status);
      } catch (err) {
        status = `failed (${(err as { cause?: { code?: string } }).cause?.code ?? String(err)})`;
      }
      const ms = performance.now() - started;
      eld.disable();
      const after = process.memoryUsage();
      console.log(
        `| ${route} | ${status} | ${ms.toFixed(0)} ms | ${(eld.max / 1e6).toFixed(0)} ms | ${mib(after.heapUsed - heap)} | ${mib(after.rss - rss)} |`,
      );
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
