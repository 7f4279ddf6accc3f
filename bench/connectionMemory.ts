/**
 * Where the memory of idle connections goes: heap snapshots of a server under test before and after
 * N idle, synced clients connect (as in M1), compared by constructor (self size, count).
 *
 *   npx tsx bench/connectionMemory.ts [--kind croisee|relay|yws|hocuspocus] [--clients 1000] [--top 30]
 */
import { readFileSync, rmSync } from 'node:fs';
import type { ServerHandle, ServerKind } from './lib/servers';
import { perConnection, withIdleClients } from './scenarios/idleMemory';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const kind = arg('kind', 'croisee') as ServerKind;
const n = Number(arg('clients', '1000'));
const top = Number(arg('top', '30'));

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

type Totals = Map<string, { size: number; count: number }>;

/** Self size and count per "type:name" (the constructor's name for objects). */
function aggregate(file: string): Totals {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out: Totals = new Map();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]];
    const name = type.endsWith('string') ? '' : snap.strings[snap.nodes[i + iName]].slice(0, 60);
    const entry = out.get(`${type}:${name}`) ?? { size: 0, count: 0 };
    entry.size += snap.nodes[i + iSize];
    entry.count++;
    out.set(`${type}:${name}`, entry);
  }
  return out;
}

/** A heap snapshot of the server, aggregated (the file is removed afterwards). */
async function snapshot(server: ServerHandle): Promise<Totals> {
  const file = await server.heapSnapshot();
  try {
    return aggregate(file);
  } finally {
    rmSync(file, { force: true });
  }
}

await withIdleClients(
  kind,
  n,
  async (server) => ({ stats: await server.stats(), heap: await snapshot(server) }),
  async (server, start) => {
    const result = perConnection(n, start.stats, await server.stats());
    const heap = await snapshot(server);
    const rows = [...heap].map(([key, v]) => ({ key, size: v.size - (start.heap.get(key)?.size ?? 0), count: v.count - (start.heap.get(key)?.count ?? 0) }));
    rows.sort((x, y) => y.size - x.size);
    const total = rows.reduce((sum, r) => sum + r.size, 0);
    console.log(
      `${kind}: ${n} idle clients. Heap snapshot growth ${(total / 1024 / n).toFixed(2)} KB per connection; RSS ${result.rssKBPerConn.toFixed(2)} KB, ` +
        `heapUsed ${result.heapKBPerConn.toFixed(2)} KB, external ${result.externalKBPerConn.toFixed(2)} KB per connection`,
    );
    console.log('| type:name | bytes per connection | objects per connection |\n|---|---|---|');
    for (const r of rows.slice(0, top)) console.log(`| ${r.key.replace(/\|/g, '/')} | ${(r.size / n).toFixed(0)} | ${(r.count / n).toFixed(2)} |`);
    return result;
  },
);
process.exit(0);
