import { Redis } from 'ioredis';
import { createCroiseeServer, type CroiseeServer, type CroiseeServerOptions } from '../../server/createCroiseeServer';
import { createRedisCluster } from '../../server/scale/createRedisCluster';
import type { RedisRelay } from '../../server/scale/RedisRelay';
import { dropPostgresSchema, openPostgresStorage } from '../../server/storage/postgresStorage';
import { POSTGRES_URL, REDIS_URL, uniqueName } from './services';
import { silentLogger } from './silentLogger';

export interface ClusterNode {
  server: CroiseeServer;
  relay: RedisRelay;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * Several Croisée nodes in this process, on one PostgreSQL schema and one Redis key prefix of their
 * own (dropped and deleted by `cleanup`), so a test can reach into a node (its relay, its metrics).
 */
export function clusterEnvironment(intervals: { heartbeatMs?: number; antiEntropyMs?: number } = {}) {
  const schema = uniqueName('croisee_cl');
  const prefix = `${uniqueName('croisee')}:`;
  const nodes: ClusterNode[] = [];

  async function startNode(options: Partial<CroiseeServerOptions> = {}): Promise<ClusterNode> {
    const storage = await openPostgresStorage(POSTGRES_URL, { schema });
    const cluster = createRedisCluster(REDIS_URL, prefix, silentLogger, { heartbeatMs: intervals.heartbeatMs });
    const server = createCroiseeServer({
      storage,
      log: silentLogger,
      staticDir: null,
      cluster,
      unloadDelayMs: 50,
      antiEntropyMs: intervals.antiEntropyMs,
      ...options,
    });
    const address = await server.listen(0, '127.0.0.1');
    const node: ClusterNode = {
      server,
      relay: cluster.relay,
      url: `http://127.0.0.1:${address.port}`,
      wsUrl: `ws://127.0.0.1:${address.port}`,
      close: () => server.close(),
    };
    nodes.push(node);
    return node;
  }

  async function cleanup(): Promise<void> {
    await Promise.allSettled(nodes.splice(0).map((n) => n.close()));
    await dropPostgresSchema(POSTGRES_URL, schema);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }

  return { schema, prefix, startNode, cleanup };
}

/** Closes a node's Redis connection from outside, as a network blip or a Redis failover would. */
export async function killRedisConnection(connectionName: string): Promise<void> {
  const admin = new Redis(REDIS_URL);
  try {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(` name=${connectionName} `));
    if (!line) throw new Error(`no Redis connection named ${connectionName}`);
    const id = /(?:^|\s)id=(\d+)/.exec(line)![1];
    await admin.call('CLIENT', 'KILL', 'ID', id);
  } finally {
    await admin.quit();
  }
}
