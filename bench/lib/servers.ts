import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildSync } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServerKind = 'croisee' | 'yws' | 'hocuspocus' | 'relay';
export const ALL_KINDS: ServerKind[] = ['croisee', 'relay', 'yws', 'hocuspocus'];
export const KIND_LABEL: Record<ServerKind, string> = {
  croisee: 'Croisée (SQLite, auth)',
  relay: 'raw ws relay',
  yws: '@y/websocket-server',
  hocuspocus: '@hocuspocus/server',
};

export interface ServerStats {
  cpuUserUs: number;
  cpuSystemUs: number;
  rss: number;
  heapUsed: number;
  /** process.memoryUsage() external + arrayBuffers (ws buffers live there). */
  external: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  warnings: number;
  /** Write-type system calls made so far (/proc/self/io syscw), NaN when unknown. */
  writeSyscalls: number;
  /** True when the server did not answer over IPC in time (event loop saturated): CPU and RSS then come from /proc. */
  unresponsive?: boolean;
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  room: string;
  tokens: string[];
  authors?: Array<{ userId: string; name: string }>;
  dataFile: string | null;
  stats(): Promise<ServerStats>;
  resetEld(): Promise<void>;
  gc(): Promise<void>;
  /** Croisée: compacts the bench room's stored log now; resolves with how long it took (ms). */
  compact(): Promise<number>;
  /** Writes a V8 heap snapshot of the server; resolves with its path once complete. */
  heapSnapshot(): Promise<string>;
  kill(): Promise<void>;
  /** Peak RSS seen by the sampler since the last reset. */
  sampler: RssSampler;
}

/**
 * Croisée runs with the Node flags it ships with (`npm run serve`, the Dockerfile); the baselines run
 * with Node's defaults, as their own users would. BENCH_CROISEE_DEFAULT_FLAGS=1 runs it bare too.
 */
const CROISEE_NODE_FLAGS = process.env.BENCH_CROISEE_DEFAULT_FLAGS ? [] : ['--max-semi-space-size=4'];

type ReadyMessage = Pick<ServerHandle, 'port' | 'room' | 'tokens' | 'authors' | 'dataFile'>;

export const cpuUs = (s: ServerStats) => s.cpuUserUs + s.cpuSystemUs;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

let built: string | null = null;
/**
 * The servers under test run bundled by esbuild, as Croisée ships (`npm run build:server`: no tsx
 * loader thread, no name-keeping wrapper around every function made at run time, which tsx adds to
 * all TypeScript). The baselines' own code is plain JavaScript either way. Workers land beside the
 * entry, where server/workerThread.ts looks for them. BENCH_FROM_SOURCE=1 runs the sources with tsx.
 */
function serverEntry(): string[] {
  if (process.env.BENCH_FROM_SOURCE) return ['--import', 'tsx', path.join(here, 'serverProcess.ts')];
  if (!built) {
    const outdir = mkdtempSync(path.join(tmpdir(), 'croisee-bench-build-'));
    const root = path.resolve(here, '../..');
    buildSync({
      entryPoints: [path.join(here, 'serverProcess.ts'), path.join(root, 'server/mergeWorker.ts'), path.join(root, 'server/importWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      entryNames: '[name]',
      outdir,
      logLevel: 'warning',
    });
    // Bare package imports resolve from node_modules above the bundle's directory.
    symlinkSync(path.join(root, 'node_modules'), path.join(outdir, 'node_modules'));
    process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
    built = path.join(outdir, 'serverProcess.js');
  }
  return [built];
}

/** Starts one server under test in its own process and waits until it listens. */
export async function startServer(kind: ServerKind, opts: { tokens?: number; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ServerHandle> {
  installExitHook();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(kind === 'croisee' ? CROISEE_NODE_FLAGS : []),
      ...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
      ...serverEntry(),
      '--kind',
      kind,
      '--tokens',
      String(opts.tokens ?? 1200),
    ],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: path.resolve(here, '../..'), env: { ...process.env, ...opts.env } },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));
  let stderrLines = 0;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      if (stderrLines++ < 20) process.stderr.write(`  [${kind} stderr] ${line}\n`);
    }
  });
  child.stdout!.resume();

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  child.on('message', (msg: { type: string; id?: number }) => {
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    p.resolve(msg);
  });
  const request = <T>(type: string, timeoutMs = 30_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${kind} server is gone`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${kind} server did not answer ${type} (pid ${child.pid}, connected ${child.connected}, exit ${child.exitCode}/${child.signalCode})`));
      }, timeoutMs);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      child.send({ type, id });
    });

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), opts.timeoutMs ?? 30_000);
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg as unknown as ReadyMessage);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code} before it was ready`));
    });
  });

  // A saturated server may not answer for a long time: CPU and RSS are then read from /proc.
  const stats = () =>
    request<ServerStats>('stats', 5_000).catch((err: Error) => {
      const fromProc = procStats(child.pid);
      if (!fromProc) throw err;
      return fromProc;
    });
  const handle: ServerHandle = {
    kind,
    pid: child.pid ?? 0,
    ...ready,
    stats,
    async resetEld() {
      await request('resetEld');
    },
    async gc() {
      await request('gc', 30_000);
    },
    async compact() {
      return (await request<{ ms: number }>('compact', 120_000)).ms;
    },
    async heapSnapshot() {
      return (await request<{ file: string }>('heapSnapshot', 120_000)).file;
    },
    async kill() {
      handle.sampler.stop();
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
      // SIGTERM first (the child exits at once, writing a --cpu-prof profile if asked), then SIGKILL.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    },
    sampler: new RssSampler(stats),
  };
  return handle;
}

/** Samples the server's RSS every 250 ms while running. */
export class RssSampler {
  peakRss = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly stats: () => Promise<ServerStats>) {}
  start(): void {
    this.stop();
    this.peakRss = 0;
    const sample = () =>
      this.stats().then(
        (s) => void (this.peakRss = Math.max(this.peakRss, s.rss)),
        () => {},
      );
    void sample();
    this.timer = setInterval(sample, 250);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** CPU (10 ms resolution) and RSS of a process read from /proc, for when it cannot answer itself. */
function procStats(pid: number | undefined): ServerStats | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksToUs = 1_000_000 / 100; // USER_HZ
    const rssKB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return {
      cpuUserUs: Number(fields[11]) * ticksToUs,
      cpuSystemUs: Number(fields[12]) * ticksToUs,
      rss: rssKB * 1024,
      heapUsed: NaN,
      external: NaN,
      eventLoopDelayP99Ms: NaN,
      eventLoopDelayMaxMs: NaN,
      warnings: NaN,
      writeSyscalls: NaN,
      unresponsive: true,
    };
  } catch {
    return null;
  }
}
