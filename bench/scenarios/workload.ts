import { performance } from 'node:perf_hooks';
import { notesMap } from '../../shared/schema';
import { CursorMover, NoteBook, Probe, WireClient, Writer, connectAll, sleep, waitUntil } from '../lib/clients';
import { runAtRate } from '../lib/scheduler';
import { cpuUs, startServer, type ServerKind } from '../lib/servers';
import { GenMonitor, HostPressure, check, fmt, fmtMs, mb, summarize } from '../lib/stats';
import type { Target } from '../lib/wire';
import { perServer, ratioTable, resultTable, targetLines, type BenchContext } from './common';

/** F1, W1, W2: cheap listeners, probes with real docs, writers adding notes, cursor movers. */
export interface WorkloadConfig {
  id: 'F1' | 'W1' | 'W2';
  title: string;
  listeners: number;
  probes: number;
  writers: number;
  notesPerSec: number;
  movers: number;
  moverHz: number;
  durationMs: number;
}

export const LATE_MS = 100;
const DRAIN_MS = 1_500;

export interface WorkloadResult {
  connections: number;
  notesSent: number;
  p50: number;
  p99: number;
  latePercent: number;
  missingTotal: number;
  missingMaxPerProbe: number;
  correct: boolean;
  cpuPercent: number;
  cpuUsPerDelivery: number;
  /** Of which in the kernel (system CPU). */
  systemUsPerDelivery: number;
  /** Write-type system calls (write/writev) per delivered message. */
  writesPerDelivery: number;
  deliveries: number;
  updateFramesPerReceiver: number;
  awarenessSent: number;
  peakRssBytes: number;
  serverEldP99Ms: number;
  genCpuPercent: number;
  genEldP99Ms: number;
  hostCpuWaitPercent: number;
  serverUnresponsive: boolean;
  closedDuringRun: number;
  serverWarnings: number;
}

export function configs(quick: boolean): Record<'F1' | 'W1' | 'W2', WorkloadConfig> {
  const s = (n: number, min = 1) => (quick ? Math.max(min, Math.round(n / 5)) : n);
  const d = quick ? 4_000 : 10_000;
  return {
    F1: {
      id: 'F1',
      title: `F1 fan-out: ${s(990) + s(10, 2)} clients on one room, 1 writer, 20 notes/s`,
      listeners: s(990),
      probes: s(10, 2),
      writers: 1,
      notesPerSec: 20,
      movers: 0,
      moverHz: 0,
      durationMs: d,
    },
    W1: {
      id: 'W1',
      title: `W1 workshop: ${s(500)} clients + ${s(10, 2)} probes + ${s(50)} writers sharing 100 notes/s + ${s(20)} cursors at 5 Hz, ${d / 1000} s`,
      listeners: s(500),
      probes: s(10, 2),
      writers: s(50),
      notesPerSec: 100,
      movers: s(20),
      moverHz: 5,
      durationMs: d,
    },
    W2: {
      id: 'W2',
      title: `W2 peak: ${s(300)} clients + ${s(10, 2)} probes + ${s(100)} writers at 300 notes/s + ${s(100)} cursors at 10 Hz, ${d / 1000} s`,
      listeners: s(300),
      probes: s(10, 2),
      writers: s(100),
      notesPerSec: 300,
      movers: s(100),
      moverHz: 10,
      durationMs: d,
    },
  };
}

export async function runWorkloadOnce(kind: ServerKind, cfg: WorkloadConfig): Promise<WorkloadResult> {
  const total = cfg.probes + cfg.writers + cfg.movers + cfg.listeners;
  const server = await startServer(kind, { tokens: total + 10 });
  const all: WireClient[] = [];
  try {
    const target: Target = server;
    const book = new NoteBook();
    let index = 0;
    const probes = await connectAll(cfg.probes, () => new Probe(target, index++, book));
    all.push(...probes);
    const writers = await connectAll(cfg.writers, (i) => new Writer(target, index++, i, book));
    all.push(...writers);
    const movers = await connectAll(cfg.movers, (i) => new CursorMover(target, index++, i));
    all.push(...movers);
    const listeners = await connectAll(cfg.listeners, () => new WireClient(target, index++), { timeoutMs: 120_000 });
    all.push(...listeners);
    await sleep(500);

    const gen = new GenMonitor();
    const pressure = new HostPressure();
    await server.resetEld();
    const s0 = await server.stats();
    server.sampler.start();
    gen.start();
    pressure.start();
    const t0 = performance.now();
    const notes = runAtRate({ ratePerSec: cfg.notesPerSec, durationMs: cfg.durationMs, fire: (i) => writers[i % writers.length].writeNote() });
    const cursors =
      cfg.movers > 0
        ? runAtRate({ ratePerSec: cfg.movers * cfg.moverHz, durationMs: cfg.durationMs, fire: (i) => movers[i % movers.length].move() })
        : Promise.resolve({ fired: 0, elapsedMs: 0 });
    const [noteRun, cursorRun] = await Promise.all([notes, cursors]);
    const t1 = performance.now();
    const s1 = await server.stats();
    const hostCpuWaitPercent = pressure.stop();

    const written = book.written;
    await waitUntil(() => probes.every((p) => p.seen.size >= written.length), DRAIN_MS);
    const s2 = await server.stats();
    const genStats = gen.stop();
    server.sampler.stop();

    const latencies = probes.flatMap((p) => p.latencies);
    const { p50, p99 } = summarize(latencies);
    let missingTotal = 0;
    let missingMax = 0;
    let correct = true;
    for (const probe of probes) {
      const ids = new Set(notesMap(probe.doc).keys());
      const missing = written.filter((id) => !ids.has(id)).length;
      missingTotal += missing;
      missingMax = Math.max(missingMax, missing);
      if (missing > 0 || ids.size !== written.length) correct = false;
    }
    const samples = written.length * probes.length;
    const late = latencies.filter((l) => l > LATE_MS).length + missingTotal;
    const deliveries = written.length * (total - 1);
    const receivers = listeners.length + probes.length;
    const updateFrames = [...listeners, ...probes].reduce((sum, c) => sum + c.updateFrames, 0);
    return {
      connections: total,
      notesSent: noteRun.fired,
      p50,
      p99,
      latePercent: samples > 0 ? (late / samples) * 100 : NaN,
      missingTotal,
      missingMaxPerProbe: missingMax,
      correct,
      cpuPercent: ((cpuUs(s1) - cpuUs(s0)) / 1000 / (t1 - t0)) * 100,
      cpuUsPerDelivery: (cpuUs(s2) - cpuUs(s0)) / deliveries,
      systemUsPerDelivery: (s2.cpuSystemUs - s0.cpuSystemUs) / deliveries,
      writesPerDelivery: (s2.writeSyscalls - s0.writeSyscalls) / deliveries,
      deliveries,
      updateFramesPerReceiver: updateFrames / Math.max(1, receivers),
      awarenessSent: cursorRun.fired,
      peakRssBytes: Math.max(server.sampler.peakRss, s2.rss),
      serverEldP99Ms: s2.eventLoopDelayP99Ms,
      genCpuPercent: genStats.cpuPercent,
      genEldP99Ms: genStats.eldP99Ms,
      hostCpuWaitPercent,
      serverUnresponsive: Boolean(s1.unresponsive || s2.unresponsive),
      closedDuringRun: all.filter((c) => c.closeCode !== 0).length,
      serverWarnings: s2.warnings,
    };
  } finally {
    for (const c of all) c.close();
    await server.kill();
  }
}

export async function runWorkload(ctx: BenchContext, cfg: WorkloadConfig): Promise<string> {
  const results = await perServer(ctx, cfg.id, ctx.servers, (kind) => runWorkloadOnce(kind, cfg));
  const headers = [
    'server',
    'notes',
    'p50 ms',
    'p99 ms',
    `late% (>${LATE_MS} ms or missing)`,
    'missing (max/probe)',
    'probes = writers',
    'CPU%',
    'CPU µs/msg (kernel)',
    'write syscalls/msg',
    'RSS MB (peak)',
    'server ELD p99 ms',
    'gen CPU% / ELD p99 ms',
    'host CPU-wait %',
    'closed',
  ];
  const out: string[] = [`### ${cfg.title}`, ''];
  out.push(
    resultTable(results, headers, (r) => [
      String(r.notesSent),
      fmtMs(r.p50),
      fmtMs(r.p99),
      fmt(r.latePercent, 1),
      `${r.missingTotal} (${r.missingMaxPerProbe})`,
      check(r.correct),
      fmt(r.cpuPercent, 0),
      `${fmt(r.cpuUsPerDelivery, 2)} (${fmt(r.systemUsPerDelivery, 2)})`,
      fmt(r.writesPerDelivery, 2),
      mb(r.peakRssBytes),
      r.serverUnresponsive ? 'no IPC answer in 5 s (saturated)' : fmt(r.serverEldP99Ms, 1),
      `${fmt(r.genCpuPercent, 0)} / ${fmt(r.genEldP99Ms, 1)}`,
      fmt(r.hostCpuWaitPercent, 0),
      String(r.closedDuringRun),
    ]),
  );
  out.push(
    '',
    `CPU% = server process CPU over the load phase / wall time. CPU µs/msg = server CPU from load start to the end of the ${DRAIN_MS} ms drain / (notes × ${cfg.id === 'F1' ? 'receiving clients' : 'other connections in the room'}), with the kernel's share (system CPU) in brackets. "write syscalls/msg" = write-type system calls of the server (Linux /proc/<pid>/io syscw: socket writes, plus a few for storage and the bench's IPC) per delivered message. ` +
      `"gen" = the load generator's own CPU% and event-loop delay (latency is observed there). "host CPU-wait %" = share of the load phase during which some task on the machine waited for a CPU (Linux PSI; high values mean other processes competed with the bench and the latencies are inflated). "closed" = connections the server closed during the run.`,
    '',
  );
  const ratios =
    cfg.id === 'F1'
      ? ratioTable(results, [
          { metric: 'CPU µs per delivered message', value: (r) => r.cpuUsPerDelivery, target: { against: 'relay', max: 0.65 } },
          { metric: 'p99 latency', value: (r) => r.p99 },
        ])
      : ratioTable(results, [
          { metric: 'p50 latency', value: (r) => r.p50 },
          { metric: 'p99 latency', value: (r) => r.p99 },
          { metric: 'server CPU%', value: (r) => r.cpuPercent, target: cfg.id === 'W1' ? { against: 'hocuspocus', max: 0.45 } : undefined },
          { metric: 'peak RSS', value: (r) => r.peakRssBytes },
        ]);
  if (ratios) out.push(ratios, '');
  const targets =
    cfg.id === 'W1'
      ? targetLines(results, [
          { label: 'W1 p99 ≤ 25 ms', ok: (r) => r.p99 <= 25, value: (r) => `${fmtMs(r.p99)} ms` },
          { label: 'probes equal writers', ok: (r) => r.correct, value: (r) => `${r.missingTotal} missing` },
        ])
      : cfg.id === 'W2'
        ? targetLines(results, [
            { label: 'W2 p99 ≤ 100 ms', ok: (r) => r.p99 <= 100, value: (r) => `${fmtMs(r.p99)} ms` },
            { label: 'no note lost, probes equal writers', ok: (r) => r.correct, value: (r) => `${r.missingTotal} missing` },
          ])
        : targetLines(results, [{ label: 'probes equal writers', ok: (r) => r.correct, value: (r) => `${r.missingTotal} missing` }]);
  if (targets) out.push('Croisée targets:', '', targets, '');
  return out.join('\n');
}
