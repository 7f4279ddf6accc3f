import { performance } from 'node:perf_hooks';
import { prefillBoard } from '../lib/board';
import { NoteBook, Probe, Writer, connectAll, sleep, waitUntil } from '../lib/clients';
import { runAtRate } from '../lib/scheduler';
import { startServer } from '../lib/servers';
import { fmt, fmtMs, summarize, table } from '../lib/stats';
import type { BenchContext } from './common';

/**
 * K1, compaction of a big room under load (Croisée only): a 5,000-note board (~1.5 MB in 50 log
 * entries) is compacted while a writer adds notes to the room at 50/s and probes time their
 * arrival. Run twice in the same run: the merge in the worker thread (as shipped) and on the event
 * loop (as before). Reports the server's longest event-loop block while compacting (the second
 * compaction of the run: the worker is warm), and the latency of the notes broadcast meanwhile.
 */
interface CompactionResult {
  mode: string;
  compactMs: number;
  eldMaxMs: number;
  eldP99Ms: number;
  p50: number;
  p99: number;
  max: number;
  missing: number;
}

async function runOnce(mode: 'worker' | 'inline', quick: boolean): Promise<CompactionResult> {
  const notes = quick ? 2000 : 5000;
  const server = await startServer('croisee', { tokens: 80, env: { BENCH_MERGE: mode } });
  const clients: Array<{ close(): void }> = [];
  try {
    const prefill = await prefillBoard(server, notes, 0);
    clients.push(prefill.holder, ...prefill.writers);
    const book = new NoteBook();
    const probes = await connectAll(3, (i) => new Probe(server, 60 + i, book));
    const [writer] = await connectAll(1, () => new Writer(server, 70, 70, book));
    clients.push(...probes, writer);
    const arrivals = probes.map((probe) => {
      const at = new Map<string, number>();
      probe.onNote = (id) => at.set(id, performance.now());
      return at;
    });
    // A first compaction, not measured: the worker thread is started by the first big merge of the
    // process (loading or compacting a big room), so a server that has one is measured warm.
    await server.compact();
    await sleep(500);
    // Only the notes written while the compaction runs count.
    const load = runAtRate({ ratePerSec: 50, durationMs: 3_000, fire: () => writer.writeNote() });
    await sleep(1_000);
    await server.resetEld();
    const from = book.written.length;
    const compactMs = await server.compact();
    // The event-loop delay monitor records a block when its timer runs after it: give it a turn.
    await sleep(50);
    const stats = await server.stats();
    const during = book.written.slice(from, Math.max(book.written.length, from + 1));
    await load;
    await waitUntil(() => probes.every((p) => p.seen.size >= book.written.length), 3_000);
    const latencies: number[] = [];
    let missing = 0;
    for (const at of arrivals) {
      for (const id of during) {
        const arrived = at.get(id);
        if (arrived === undefined) missing++;
        else latencies.push(arrived - book.sentAt.get(id)!);
      }
    }
    const s = summarize(latencies);
    return { mode, compactMs, eldMaxMs: stats.eventLoopDelayMaxMs, eldP99Ms: stats.eventLoopDelayP99Ms, p50: s.p50, p99: s.p99, max: s.max, missing };
  } finally {
    for (const c of clients) c.close();
    await server.kill();
  }
}

export async function runCompaction(ctx: BenchContext): Promise<string> {
  const results: CompactionResult[] = [];
  for (const mode of ['worker', 'inline'] as const) {
    ctx.log(`  K1 · ${mode} …`);
    const t0 = performance.now();
    results.push(await runOnce(mode, ctx.quick));
    ctx.log(`  K1 · ${mode} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const [worker, inline] = results;
  return [
    `### K1 compaction of a ${ctx.quick ? '2000' : '5000'}-note room (50 log entries) while a writer adds 50 notes/s to it (Croisée)`,
    '',
    table(
      ['merge', 'compaction ms', 'server event-loop delay max ms (p99)', 'notes broadcast meanwhile: p50 / p99 / max ms', 'missing'],
      results.map((r) => [
        r.mode === 'worker' ? 'worker thread (shipped)' : 'event loop (before)',
        fmt(r.compactMs, 0),
        `${fmt(r.eldMaxMs, 1)} (${fmt(r.eldP99Ms, 1)})`,
        `${fmtMs(r.p50)} / ${fmtMs(r.p99)} / ${fmtMs(r.max)}`,
        String(r.missing),
      ]),
    ),
    '',
    `Longest event-loop block while compacting: ${fmt(worker.eldMaxMs / inline.eldMaxMs, 2)}× the event-loop merge's (same run).`,
    '',
  ].join('\n');
}
