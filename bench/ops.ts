/**
 * Operations figures (issue 13), printed, never asserted:
 *  - time to ready and idle RSS of the server run through tsx (source) and as the built bundle;
 *  - another client's /health latency (p50/p99/max) while the largest accepted import is posted.
 *
 *   npm run build:server && npx tsx bench/ops.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function startServer(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; readyMs: number; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'croisee-bench-ops-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, STATIC_DIR: '/nonexistent', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  // /health: older servers have no /ready.
  while ((await fetch(`${url}/health`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 5));
  return { child, url, readyMs: performance.now() - t0, dir };
}

async function stop(s: { child: ChildProcess; dir: string }) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
  rmSync(s.dir, { recursive: true, force: true });
}

async function startupFigures(label: string, args: string[]) {
  const runs: Array<{ readyMs: number; rss: number }> = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer(args);
    await new Promise((r) => setTimeout(r, 3000)); // idle: let start-up garbage be collected
    runs.push({ readyMs: s.readyMs, rss: rssMb(s.child.pid!) });
    await stop(s);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| ${label} | ${median(runs.map((r) => r.readyMs)).toFixed(0)} ms | ${median(runs.map((r) => r.rss)).toFixed(0)} MB |`);
}

/** An export just under 20 MiB: many projects full of notes, each within the field limits. */
function bigExport(base: { workshop: unknown; projects: Array<{ notes: unknown[] }> } & Record<string, unknown>): string {
  const note = {
    id: 'n',
    text: 'Capteurs de qualité de l’air '.repeat(60).slice(0, 1900),
    x: 1,
    y: 2,
    kind: 'idea',
    authorId: 'u',
    authorName: 'Léa',
    createdAt: 1,
    tags: [],
    clusterId: null,
  };
  const project = { projectId: 'p', notes: [] as unknown[], clusters: [], comments: [], threads: [], partners: [], questions: [], votes: [] };
  const projects = [];
  let size = Buffer.byteLength(JSON.stringify(base));
  for (let p = 0; size < 19 * 1024 * 1024; p++) {
    const notes = Array.from({ length: 1000 }, (_, i) => ({ ...note, id: `n${p}-${i}` }));
    const proj = { ...project, projectId: `p${p}`, notes };
    size += Buffer.byteLength(JSON.stringify(proj));
    projects.push(proj);
  }
  return JSON.stringify({ ...base, projects });
}

async function importFigures(args: string[]) {
  const s = await startServer(args, { RATE_LIMIT_IMPORT: '1000' });
  try {
    const w = await (
      await fetch(`${s.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Atelier"}' })
    ).json();
    const base = await (await fetch(`${s.url}/api/workshops/${w.id}/export.json`, { headers: { authorization: `Bearer ${w.facilitatorToken}` } })).json();
    const body = bigExport(base);
    const latencies: number[] = [];
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const t = performance.now();
        await fetch(`${s.url}/health`);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${s.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const importMs = performance.now() - t0;
    importing = false;
    await probe;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
    console.log(
      `import of ${(Buffer.byteLength(body) / 1024 / 1024).toFixed(1)} MiB: ${res.status} in ${importMs.toFixed(0)} ms; another client's /health during it: ${latencies.length} requests, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
    );
  } finally {
    await stop(s);
  }
}

if (!process.argv.includes('--import-only')) {
  console.log('| server | time to ready | idle RSS |\n|---|---|---|');
  await startupFigures('tsx server/main.ts (source)', ['--import', 'tsx', 'server/main.ts']);
  await startupFigures('node dist-server/main.js (built)', ['dist-server/main.js']);
}
// `--entry <file>`: measure the import against another server (e.g. an older checkout's server/main.ts).
const entryAt = process.argv.indexOf('--entry');
const entry = entryAt > 0 ? process.argv[entryAt + 1] : 'dist-server/main.js';
await importFigures(entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry]);
