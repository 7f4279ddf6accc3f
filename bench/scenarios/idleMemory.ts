import { WireClient, connectAll, sleep } from '../lib/clients';
import { startServer, type ServerHandle, type ServerKind, type ServerStats } from '../lib/servers';
import { fmt } from '../lib/stats';
import { perServer, ratioTable, resultTable, targetLines, type BenchContext } from './common';

/** M1: server RSS (and heap) growth per idle connected, synced client. */
export interface IdleResult {
  clients: number;
  rssKBPerConn: number;
  heapKBPerConn: number;
  externalKBPerConn: number;
  baseRssMB: number;
}

export const m1Clients = (quick: boolean) => (quick ? 200 : 1000);

/**
 * Starts a server with its room held open by one client, calls `before` once it is settled (after a
 * forced GC), connects `n` idle synced clients, lets them settle, forces a GC and calls `after`.
 */
export async function withIdleClients<T>(
  kind: ServerKind,
  n: number,
  before: (server: ServerHandle) => Promise<T>,
  after: (server: ServerHandle, atStart: T) => Promise<IdleResult>,
): Promise<IdleResult> {
  const server = await startServer(kind, { tokens: n + 10 });
  const clients: WireClient[] = [];
  try {
    const holder = new WireClient(server, 0);
    clients.push(holder);
    await holder.ready;
    await sleep(500);
    await server.gc();
    await sleep(500);
    const atStart = await before(server);
    clients.push(...(await connectAll(n, (i) => new WireClient(server, 1 + i))));
    await sleep(2_000);
    await server.gc();
    await sleep(1_000);
    return await after(server, atStart);
  } finally {
    for (const c of clients) c.close();
    await server.kill();
  }
}

/** Growth per connection between two stats readings. */
export const perConnection = (n: number, s0: ServerStats, s1: ServerStats): IdleResult => ({
  clients: n,
  rssKBPerConn: (s1.rss - s0.rss) / 1024 / n,
  heapKBPerConn: (s1.heapUsed - s0.heapUsed) / 1024 / n,
  externalKBPerConn: (s1.external - s0.external) / 1024 / n,
  baseRssMB: s0.rss / 1024 / 1024,
});

function runOnce(kind: ServerKind, quick: boolean): Promise<IdleResult> {
  const n = m1Clients(quick);
  return withIdleClients(
    kind,
    n,
    (server) => server.stats(),
    async (server, s0) => perConnection(n, s0, await server.stats()),
  );
}

export async function runIdleMemory(ctx: BenchContext): Promise<string> {
  const n = m1Clients(ctx.quick);
  const results = await perServer(ctx, 'M1', ctx.servers, (kind) => runOnce(kind, ctx.quick));
  const out = [`### M1 memory per idle connection (${n} synced, idle clients on one room)`, ''];
  out.push(
    resultTable(results, ['server', 'RSS KB / connection', 'JS heap KB / connection', 'external+ArrayBuffer KB / connection', 'RSS before MB'], (r) => [
      fmt(r.rssKBPerConn, 1),
      fmt(r.heapKBPerConn, 1),
      fmt(r.externalKBPerConn, 1),
      fmt(r.baseRssMB, 0),
    ]),
  );
  out.push(
    '',
    'Server RSS after the clients connected, 2 s settle and a forced GC, minus RSS before, divided by the client count (the target is on RSS). RSS can under-count when the heap reuses pages freed before the baseline, so the JS heap and external deltas are shown too.',
    '',
  );
  const ratios = ratioTable(results, [{ metric: 'RSS per idle connection', value: (r) => r.rssKBPerConn }]);
  if (ratios) out.push(ratios, '');
  const targets = targetLines(results, [
    { label: 'M1 ≤ 15 KB per idle connection', ok: (r) => r.rssKBPerConn <= 15, value: (r) => `${fmt(r.rssKBPerConn, 1)} KB` },
  ]);
  if (targets) out.push('Croisée targets:', '', targets, '');
  return out.join('\n');
}
