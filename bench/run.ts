/**
 * Croisée benchmark suite: each load against Croisée (real auth, SQLite storage) and, in the same
 * run, against a raw ws relay, @y/websocket-server and @hocuspocus/server, each in its own process.
 *
 *   npx tsx bench/run.ts [--only F1,W1,W2,J1,C1,M1,S1,P1,K1] [--servers croisee,relay,yws,hocuspocus] [--quick] [--out bench/RESULTS.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_KINDS, type ServerKind } from './lib/servers';
import type { BenchContext } from './scenarios/common';
import { runColdSync } from './scenarios/coldSync';
import { runCompaction } from './scenarios/compaction';
import { runIdleMemory } from './scenarios/idleMemory';
import { runJoinStorm } from './scenarios/joinStorm';
import { runStorage } from './scenarios/storage';
import { runWritePolicy } from './scenarios/writePolicy';
import { configs, runWorkload } from './scenarios/workload';

const SCENARIOS = ['F1', 'W1', 'W2', 'J1', 'C1', 'M1', 'S1', 'P1', 'K1'] as const;
type ScenarioId = (typeof SCENARIOS)[number];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (!value) return [...allowed];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`unknown ${what} "${item}" (known: ${allowed.join(', ')})`);
  return items as T[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = (pkg: string) => {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};

function machineInfo(): string {
  const cpus = os.cpus();
  return [
    '### Machine',
    '',
    `- CPU: ${cpus[0]?.model ?? '?'} × ${cpus.length} cores; RAM ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB; ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; yjs ${version('yjs')}, ws ${version('ws')}, y-protocols ${version('y-protocols')}, @hocuspocus/server ${version('@hocuspocus/server')}, @y/websocket-server ${version('@y/websocket-server')}, better-sqlite3 ${version('better-sqlite3')}`,
    `- Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (1/5/15 min), CPU pressure ${psi()} (60 s); at the start: ${startLoad}. Other processes on the machine add noise to every figure.`,
    '- Each server runs alone in a child process (server CPU/RSS measured there); the load generator is one Node process on the same machine.',
  ].join('\n');
}

let startLoad = '';
const psi = () => {
  try {
    return (
      /some avg10=([\d.]+) avg60=([\d.]+)/
        .exec(readFileSync('/proc/pressure/cpu', 'utf8'))
        ?.slice(1, 3)
        .map((v) => `${v}%`)
        .join(' (10 s) / ') ?? 'n/a'
    );
  } catch {
    return 'n/a';
  }
};

async function main(): Promise<void> {
  startLoad = `${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}, CPU pressure ${psi()} (60 s)`;
  const quick = process.argv.includes('--quick');
  const only = parseList(option('only'), SCENARIOS, 'scenario');
  const servers = parseList(option('servers'), ALL_KINDS, 'server') as ServerKind[];
  const outFile = option('out');
  const ctx: BenchContext = { quick, servers, log: (line) => process.stderr.write(`${line}\n`) };
  const started = Date.now();
  const sections: string[] = [
    `## Croisée benchmarks${quick ? ' (--quick: ~1/5 of the clients, shorter runs)' : ''}`,
    '',
    `Run ${new Date().toISOString()}; scenarios ${only.join(', ')}; servers ${servers.join(', ')}.`,
    'Croisée runs with its real auth (one participant token per client, created as the join API does) and SQLite storage in a temp dir, with its default limits: no bench client exceeds the default rate limit (burst 400, 200 messages/s per connection), so it is not raised.',
    '@hocuspocus/server runs with its defaults and no extensions (flushDelay 0, no persistence); @y/websocket-server without persistence.',
    '',
  ];
  const emit = (text: string) => {
    sections.push(text);
    process.stdout.write(`${text}\n`);
  };
  process.stdout.write(`${sections.join('\n')}\n`);
  const workloads = configs(quick);
  const runners: Record<ScenarioId, () => Promise<string>> = {
    F1: () => runWorkload(ctx, workloads.F1),
    W1: () => runWorkload(ctx, workloads.W1),
    W2: () => runWorkload(ctx, workloads.W2),
    J1: () => runJoinStorm(ctx),
    C1: () => runColdSync(ctx),
    M1: () => runIdleMemory(ctx),
    S1: () => runStorage(ctx),
    P1: async () => runWritePolicy(quick),
    K1: () => runCompaction(ctx),
  };
  for (const id of SCENARIOS) {
    if (!only.includes(id)) continue;
    ctx.log(`${id} …`);
    emit(await runners[id]());
  }
  emit(machineInfo());
  emit(`\nTotal bench time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (outFile) {
    writeFileSync(path.resolve(outFile), `${sections.join('\n')}\n`);
    ctx.log(`written to ${outFile}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
