import { WireClient, sleep, withTimeout } from '../lib/clients';
import { prefillBoard } from '../lib/board';
import { cpuUs, startServer, type ServerKind } from '../lib/servers';
import { fmt, fmtMs, summarize } from '../lib/stats';
import { perServer, ratioTable, resultTable, type BenchContext } from './common';

/** C1: one client at a time connects to a big board already in server memory; time to synced. */
export interface ColdResult {
  runs: number;
  median: number;
  p90: number;
  serverCpuMsPerSync: number;
  step2KB: number;
}

export function c1Config(quick: boolean) {
  return quick ? { notes: 1000, runs: 5 } : { notes: 5000, runs: 20 };
}

async function runOnce(kind: ServerKind, quick: boolean): Promise<ColdResult> {
  const cfg = c1Config(quick);
  const server = await startServer(kind, { tokens: cfg.runs + 10 });
  let prefill: Awaited<ReturnType<typeof prefillBoard>> | null = null;
  try {
    prefill = await prefillBoard(server, cfg.notes, 0);
    await sleep(500);
    const times: number[] = [];
    let step2 = 0;
    const s0 = await server.stats();
    for (let i = 0; i < cfg.runs; i++) {
      const client = new WireClient(server, 10 + i);
      try {
        await withTimeout(client.ready, 10_000, 'cold sync');
        if (client.step2Bytes < prefill.stateBytes * 0.9) throw new Error(`sync step 2 of ${client.step2Bytes} bytes, board is ${prefill.stateBytes}`);
        times.push(client.syncedAt - client.startedAt);
        step2 = client.step2Bytes;
      } finally {
        client.close();
      }
      await sleep(100);
    }
    const s1 = await server.stats();
    const { p50, p90 } = summarize(times);
    return { runs: times.length, median: p50, p90, serverCpuMsPerSync: (cpuUs(s1) - cpuUs(s0)) / 1000 / cfg.runs, step2KB: step2 / 1024 };
  } finally {
    prefill?.holder.close();
    for (const writer of prefill?.writers ?? []) writer.close();
    await server.kill();
  }
}

export async function runColdSync(ctx: BenchContext): Promise<string> {
  const cfg = c1Config(ctx.quick);
  const kinds = ctx.servers.filter((k) => k !== 'relay');
  const results = await perServer(ctx, 'C1', kinds, (kind) => runOnce(kind, ctx.quick));
  const out = [`### C1 cold sync of a ${cfg.notes}-note board (room loaded in server memory), median of ${cfg.runs} runs`, ''];
  out.push(
    resultTable(results, ['server', 'connect→synced median ms', 'p90 ms', 'server CPU ms / sync (incl. connect)', 'sync step 2 KB'], (r) => [
      fmtMs(r.median),
      fmtMs(r.p90),
      fmt(r.serverCpuMsPerSync, 2),
      fmt(r.step2KB, 0),
    ]),
  );
  if (ctx.servers.includes('relay')) out.push('', 'raw ws relay: n/a (it holds no state to sync).');
  out.push('', 'Time from opening the socket (Hocuspocus: incl. its auth round trip) to the last byte of sync step 2 at the client.', '');
  const ratios = ratioTable(results, [
    { metric: 'cold sync median', value: (r) => r.median, target: { against: 'yws', max: 0.5 } },
    { metric: 'server CPU per sync', value: (r) => r.serverCpuMsPerSync },
  ]);
  if (ratios) out.push(ratios, '');
  return out.join('\n');
}
