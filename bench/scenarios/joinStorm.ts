import { performance } from 'node:perf_hooks';
import { WireClient, sleep, waitUntil } from '../lib/clients';
import { prefillBoard } from '../lib/board';
import { runAtRate } from '../lib/scheduler';
import { cpuUs, startServer, type ServerKind } from '../lib/servers';
import { GenMonitor, fmt, fmtMs, mb, summarize } from '../lib/stats';
import { perServer, ratioTable, resultTable, targetLines, type BenchContext } from './common';

const WAIT_S = 60;

/** J1: clients join a big board at a steady pace; each is synced when its sync step 2 arrived. */
export interface JoinResult {
  joined: number;
  synced: number;
  complete: number;
  syncP50: number;
  syncP99: number;
  allSyncedAfterLastJoinMs: number;
  spreadMs: number;
  cpuPercent: number;
  peakRssBytes: number;
  stateKB: number;
  genCpuPercent: number;
}

export function j1Config(quick: boolean) {
  return quick ? { clients: 200, notes: 1000, spreadMs: 2_000 } : { clients: 1000, notes: 5000, spreadMs: 10_000 };
}

async function runOnce(kind: ServerKind, quick: boolean): Promise<JoinResult> {
  const cfg = j1Config(quick);
  const server = await startServer(kind, { tokens: cfg.clients + 10 });
  const clients: WireClient[] = [];
  let prefill: Awaited<ReturnType<typeof prefillBoard>> | null = null;
  try {
    prefill = await prefillBoard(server, cfg.notes, 0);
    await sleep(1_000);
    const gen = new GenMonitor();
    const s0 = await server.stats();
    server.sampler.start();
    gen.start();
    const t0 = performance.now();
    let lastJoinAt = t0;
    await runAtRate({
      ratePerSec: (cfg.clients * 1000) / cfg.spreadMs,
      durationMs: cfg.spreadMs,
      fire: (i) => {
        clients.push(new WireClient(server, 10 + i));
        lastJoinAt = performance.now();
      },
    });
    const done = () => clients.every((c) => c.synced || c.closeCode !== 0 || c.error !== null);
    await waitUntil(done, WAIT_S * 1000);
    const t1 = performance.now();
    const s1 = await server.stats();
    const genStats = gen.stop();
    server.sampler.stop();
    const synced = clients.filter((c) => c.synced);
    // Complete: the sync step 2 carried (about) the whole board, not an empty document.
    const complete = synced.filter((c) => c.step2Bytes >= prefill!.stateBytes * 0.9).length;
    const times = synced.map((c) => c.syncedAt - c.startedAt);
    const { p50, p99 } = summarize(times);
    return {
      joined: clients.length,
      synced: synced.length,
      complete,
      syncP50: p50,
      syncP99: p99,
      allSyncedAfterLastJoinMs: synced.length === clients.length ? Math.max(...synced.map((c) => c.syncedAt)) - lastJoinAt : NaN,
      spreadMs: lastJoinAt - t0,
      cpuPercent: ((cpuUs(s1) - cpuUs(s0)) / 1000 / (t1 - t0)) * 100,
      peakRssBytes: Math.max(server.sampler.peakRss, s1.rss),
      stateKB: prefill.stateBytes / 1024,
      genCpuPercent: genStats.cpuPercent,
    };
  } finally {
    for (const c of clients) c.close();
    prefill?.holder.close();
    for (const writer of prefill?.writers ?? []) writer.close();
    await server.kill();
  }
}

export async function runJoinStorm(ctx: BenchContext): Promise<string> {
  const cfg = j1Config(ctx.quick);
  const kinds = ctx.servers.filter((k) => k !== 'relay');
  const results = await perServer(ctx, 'J1', kinds, (kind) => runOnce(kind, ctx.quick));
  const out = [`### J1 join storm: ${cfg.clients} clients join a ${cfg.notes}-note board within ${cfg.spreadMs / 1000} s`, ''];
  out.push(
    resultTable(
      results,
      [
        'server',
        'synced / joined',
        'full state',
        'connect→synced p50 ms',
        'p99 ms',
        'all synced after last join (s)',
        'CPU%',
        'RSS MB (peak)',
        'board KB',
        'gen CPU%',
      ],
      (r) => [
        `${r.synced} / ${r.joined}`,
        String(r.complete),
        fmtMs(r.syncP50),
        fmtMs(r.syncP99),
        r.synced === r.joined ? fmt(r.allSyncedAfterLastJoinMs / 1000, 2) : `not all within ${WAIT_S} s`,
        fmt(r.cpuPercent, 0),
        mb(r.peakRssBytes),
        fmt(r.stateKB, 0),
        fmt(r.genCpuPercent, 0),
      ],
    ),
  );
  if (ctx.servers.includes('relay')) out.push('', 'raw ws relay: n/a (it holds no state to sync).');
  out.push('');
  const ratios = ratioTable(results, [
    { metric: 'all synced after last join', value: (r) => r.allSyncedAfterLastJoinMs },
    { metric: 'connect→synced p99', value: (r) => r.syncP99 },
    { metric: 'peak RSS', value: (r) => r.peakRssBytes },
  ]);
  if (ratios) out.push(ratios, '');
  const targets = targetLines(results, [
    {
      label: `J1 all ${cfg.clients} synced within 5 s of the last join`,
      ok: (r) => r.allSyncedAfterLastJoinMs <= 5_000 && r.complete === r.joined,
      value: (r) => `${fmt(r.allSyncedAfterLastJoinMs / 1000, 2)} s, ${r.complete}/${r.joined} with the full board`,
    },
  ]);
  if (targets) out.push('Croisée targets:', '', targets, '');
  return out.join('\n');
}
