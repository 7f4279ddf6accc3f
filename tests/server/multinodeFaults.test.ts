import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { CloseCode, type CreateWorkshopResponse, type JoinResponse } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { ensureDemoWorkshop } from '../../server/demoWorkshop';
import { openPostgresStorage } from '../../server/storage/postgresStorage';
import type { Storage } from '../../server/storage/Storage';
import { clusterEnvironment, killRedisConnection, type ClusterNode } from '../helpers/clusterNode';
import { POSTGRES_URL, requireService } from '../helpers/services';
import { addProjects, connectProvider, eventually, sleep, waitForSync } from '../helpers/yjsClients';

/**
 * Faults that real multi-node deployments meet (issue 16), against the local PostgreSQL and Redis,
 * with nodes in this process so a test can reach into them: a Redis connection dropped mid-write,
 * a compaction racing another node's append, a failing append, several nodes starting at once.
 */
const services = (await requireService('postgres')) && (await requireService('redis'));

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Notes are Alice's (the server checks that authorship is the writer's own). */
let alice = { authorId: '', authorName: 'Alice' };
const note = (id: string, text: string, i = 0) => ({ id, x: i, y: 0, kind: 'idea' as const, text, ...alice, createdAt: i });
const noteIds = (doc: Y.Doc) => readNotes(doc).map((n) => n.id);

describe.skipIf(!services)('several nodes: faults', () => {
  const env = clusterEnvironment({ heartbeatMs: 300, antiEntropyMs: 1000 });
  let a: ClusterNode;
  let b: ClusterNode;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    a = await env.startNode();
    b = await env.startNode();
  }, 30_000);
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(() => env.cleanup());

  async function workshop() {
    const ws = await post<CreateWorkshopResponse>(`${a.url}/api/workshops`, { title: 'Pannes' });
    await addProjects(a.wsUrl, ws.id, ws.facilitatorToken, ['proj0001', 'proj0003']);
    const join = (node: ClusterNode, name: string) =>
      post<JoinResponse>(`${node.url}/api/workshops/${ws.id}/join`, { joinCode: ws.joinCode, name, role: 'commune' });
    const joined = { ws, alice: await join(b, 'Alice'), bob: await join(a, 'Bob') };
    alice = { authorId: joined.alice.userId, authorName: 'Alice' };
    return joined;
  }

  function provider(wsUrl: string, room: string, token: string) {
    const c = connectProvider(wsUrl, room, token);
    cleanups.push(() => c.provider.destroy());
    return c;
  }

  async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  it("dropping a node's Redis connections mid-write: every client of both nodes converges, without reloading", async () => {
    const { ws, alice, bob } = await workshop();
    const room = projectRoom(ws.id, 'proj0001');
    const writer = provider(a.wsUrl, room, alice.token);
    const besideWriter = provider(a.wsUrl, room, bob.token);
    const onB = [provider(b.wsUrl, room, bob.token), provider(b.wsUrl, room, alice.token)];
    const everyone = [writer, besideWriter, ...onB];
    await Promise.all(everyone.map((c) => waitForSync(c.provider)));
    const suspectedBefore = b.server.syncMetrics.relayGapsSuspected;

    const total = 150;
    let written = 0;
    const writing = (async () => {
      for (; written < total; written++) {
        addNote(writer.doc, note(`note${String(written).padStart(4, '0')}`, `n${written}`, written));
        await sleep(3);
      }
    })();
    // Drops while the writer writes: node B's subscriber three times, node A's publisher once.
    for (const [at, connection] of [
      [30, `croisee-relay-sub-${b.relay.nodeId}`],
      [60, `croisee-relay-pub-${a.relay.nodeId}`],
      [90, `croisee-relay-sub-${b.relay.nodeId}`],
      [120, `croisee-relay-sub-${b.relay.nodeId}`],
    ] as const) {
      await eventually(() => written >= at, `writer reached ${at}`, 20_000);
      await killRedisConnection(connection);
    }
    await writing;

    const expected = readNotes(writer.doc).map((n) => n.id);
    expect(expected).toHaveLength(total);
    await eventually(() => everyone.every((c) => noteIds(c.doc).length === total), 'all clients of both nodes have every note', 5000);
    for (const c of everyone) expect(noteIds(c.doc)).toEqual(expected);
    expect(b.server.syncMetrics.relayGapsSuspected).toBeGreaterThan(suspectedBefore);
  }, 40_000);

  it('a compaction racing an append from another node deletes only what it merged', async () => {
    const compacting = await openPostgresStorage(POSTGRES_URL, { schema: env.schema });
    const appending = await openPostgresStorage(POSTGRES_URL, { schema: env.schema });
    cleanups.push(
      () => compacting.close(),
      () => appending.close(),
    );
    const room = 'racews01.raceproj';

    // A large history (~3 MB) so the compaction spends a while merging between its read and its delete.
    const source = new Y.Doc();
    const history: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => history.push(u));
    for (let i = 0; i < 300; i++) addNote(source, note(`hist${String(i).padStart(4, '0')}`, `${i} ${'x'.repeat(10_000)}`, i));
    for (const u of history) await compacting.docs.append(room, u);
    const updateOf = (id: string) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(source));
      const before = Y.encodeStateVector(d);
      addNote(d, note(id, id));
      return Y.encodeStateAsUpdate(d, before);
    };

    // The held append: it takes its sequence number now, before the compaction reads, and commits
    // only once the compaction has read the log and is merging — the moment a range delete would
    // take it. PL/pgSQL waits inside PostgreSQL, independent of this process's event loop.
    const [{ last }] = await admin<{ last: string }>(`SELECT last_value AS last FROM ${env.schema}.doc_updates_seq_seq`);
    const held = new pg.Client({ connectionString: POSTGRES_URL });
    await held.connect();
    cleanups.push(() => held.end());
    const readQuery = `SELECT seq, data FROM ${env.schema}.doc_updates WHERE room%`;
    const heldAppend = held.query(
      `DO $$
       DECLARE deadline timestamptz := clock_timestamp() + interval '20 seconds';
       BEGIN
         INSERT INTO ${env.schema}.doc_updates (room, data) VALUES ('${room}', decode('${Buffer.from(updateOf('heldnote')).toString('hex')}', 'hex'));
         LOOP
           PERFORM pg_stat_clear_snapshot();
           EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction' AND query LIKE '${readQuery}');
           IF clock_timestamp() > deadline THEN RAISE EXCEPTION 'the compaction was never seen merging'; END IF;
           PERFORM pg_sleep(0.0005);
         END LOOP;
         COMMIT;
       END $$`,
    );
    heldAppend.catch(() => {}); // awaited below
    // Sequences are not transactional: the held insert's number shows at once.
    for (let start = Date.now(); ; await sleep(5)) {
      const [{ now }] = await admin<{ now: string }>(`SELECT last_value AS now FROM ${env.schema}.doc_updates_seq_seq`);
      if (Number(now) > Number(last)) break;
      if (Date.now() - start > 10_000) throw new Error('the held append never inserted');
    }
    // Another node appends after it (a higher sequence number) and commits at once.
    await appending.docs.append(room, updateOf('latenote'));

    await compacting.docs.compact(room);
    await heldAppend;

    const stored = new Y.Doc();
    for (const u of await appending.docs.load(room)) Y.applyUpdate(stored, u);
    const ids = noteIds(stored);
    expect(ids).toContain('heldnote');
    expect(ids).toContain('latenote');
    expect(ids.filter((id) => id.startsWith('hist'))).toHaveLength(300);
  }, 60_000);

  it('an append that fails is shared with nobody; the writer is told (4507) and its client sends it again once storage is back', async () => {
    const { ws, alice, bob } = await workshop();
    const room = projectRoom(ws.id, 'proj0003');
    const writer = provider(a.wsUrl, room, alice.token);
    const observers = [provider(a.wsUrl, room, bob.token), provider(b.wsUrl, room, bob.token)];
    await Promise.all([writer, ...observers].map((c) => waitForSync(c.provider)));
    addNote(writer.doc, note('stored01', 'avant la panne'));
    await eventually(() => observers.every((o) => noteIds(o.doc).includes('stored01')), 'the first note reaches both nodes', 5000);

    // A real PostgreSQL error on every insert into the log (NOT VALID: existing rows are not checked).
    let refusing = true;
    const seenWhileRefused: string[] = [];
    for (const [i, o] of observers.entries()) {
      o.doc.on('update', () => {
        if (refusing && noteIds(o.doc).includes('unstored')) seenWhileRefused.push(`observer ${i}`);
      });
    }
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    const failuresBefore = a.server.syncMetrics.appendFailures;
    await admin(`ALTER TABLE ${env.schema}.doc_updates ADD CONSTRAINT refuse_appends CHECK (false) NOT VALID`);
    try {
      addNote(writer.doc, note('unstored', 'pendant la panne'));
      // Told, and told again when its client reconnects and sends the change once more.
      await eventually(() => closes.filter((c) => c === CloseCode.storageFailed).length >= 2, 'the writer is closed with storageFailed, twice', 10_000);
      expect(a.server.syncMetrics.appendFailures).toBeGreaterThanOrEqual(failuresBefore + 2);
      await eventually(() => observers.every((o) => o.provider.synced), 'observers synced with the reloaded rooms', 10_000);
      for (const o of observers) expect(noteIds(o.doc)).toEqual(['stored01']);
    } finally {
      refusing = false;
      await admin(`ALTER TABLE ${env.schema}.doc_updates DROP CONSTRAINT refuse_appends`);
    }
    expect(seenWhileRefused).toEqual([]);

    // Storage is back: the writer's client sends the change again; everyone gets it, and it is stored.
    await eventually(() => observers.every((o) => noteIds(o.doc).includes('unstored')), 'the change reaches both nodes once stored', 10_000);
    const fresh = provider(b.wsUrl, room, bob.token);
    await waitForSync(fresh.provider);
    expect(noteIds(fresh.doc).sort()).toEqual(['stored01', 'unstored']);
  }, 40_000);

  it('several nodes starting together on an empty database create one demo workshop', async () => {
    const nodes: Storage[] = [];
    for (let i = 0; i < 3; i++) nodes.push(await openPostgresStorage(POSTGRES_URL, { schema: env.schema }));
    cleanups.push(() => Promise.all(nodes.map((s) => s.close())));
    const before = Number((await admin<{ n: string }>(`SELECT count(*) AS n FROM ${env.schema}.workshops`))[0].n);
    const demos = await Promise.all(nodes.map((s) => ensureDemoWorkshop(s, Date.now())));
    // One node creates it (and shows its facilitator link once); the others find it.
    expect(demos.filter((d) => d !== null)).toHaveLength(1);
    const after = Number((await admin<{ n: string }>(`SELECT count(*) AS n FROM ${env.schema}.workshops`))[0].n);
    expect(after - before).toBe(1);
  });
});
