import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPostgresSchema } from '../../server/storage/postgresStorage';
import { spawnNode, type NodeProcess } from '../helpers/nodeProcess';
import { POSTGRES_URL, REDIS_URL, requireService, uniqueName } from '../helpers/services';
import { startTcpProxy } from '../helpers/tcpProxy';

const services = (await requireService('postgres')) && (await requireService('redis'));

/** Polls `/ready` until it answers `status`. */
async function readyStatus(url: string, status: number): Promise<{ status: string; checks: Record<string, string> }> {
  const start = Date.now();
  for (;;) {
    const res = await fetch(`${url}/ready`);
    const body = await res.json();
    if (res.status === status) return body;
    if (Date.now() - start > 15_000) throw new Error(`/ready stayed ${res.status}: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** PostgreSQL and Redis reached through proxies the test can cut, as if the service stopped. */
describe.skipIf(!services)('readiness of a node on PostgreSQL + Redis', () => {
  const schema = uniqueName('croisee_ready');
  const prefix = `${uniqueName('croisee')}:`;
  const nodes: NodeProcess[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    await dropPostgresSchema(POSTGRES_URL, schema);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const start = async () => {
    const pg = await startTcpProxy(Number(new URL(POSTGRES_URL).port || 5432));
    const redis = await startTcpProxy(Number(new URL(REDIS_URL).port || 6379));
    const pgUrl = new URL(POSTGRES_URL);
    pgUrl.host = `127.0.0.1:${pg.port}`;
    const node = await spawnNode({
      DATABASE_URL: pgUrl.toString(),
      DATABASE_SCHEMA: schema,
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_PREFIX: prefix,
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    nodes.push(node);
    expect(await readyStatus(node.url, 200)).toMatchObject({ status: 'ready', checks: { storage: 'ok', redis: 'ok' } });
    return { node, pg, redis };
  };

  it('answers 503 while PostgreSQL is unreachable (the process stays alive)', async () => {
    const { node, pg, redis } = await start();
    await pg.close();
    const down = await readyStatus(node.url, 503);
    expect(down.status).toBe('unavailable');
    expect(down.checks.storage).not.toBe('ok');
    expect(down.checks.redis).toBe('ok');
    expect((await fetch(`${node.url}/health`)).status).toBe(200);
    await redis.close();
  });

  it('answers 503 while Redis is unreachable', async () => {
    const { node, pg, redis } = await start();
    await redis.close();
    const down = await readyStatus(node.url, 503);
    expect(down.checks.redis).not.toBe('ok');
    expect(down.checks.storage).toBe('ok');
    await pg.close();
  });
});
