import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { FacilitationIo } from '../facilitation/FacilitationServer';
import type { Logger } from '../logger';
import { RedisRelay, type RedisRelayOptions } from './RedisRelay';

/**
 * What a node needs to share workshops with other nodes through Redis: the document relay and
 * socket.io's official Redis adapter (so broadcasts, presence and disconnects reach every node).
 * `prefix` keeps deployments (and tests) sharing one Redis apart.
 */
export function createRedisCluster(url: string, prefix: string, log: Logger, liveness: Partial<Omit<RedisRelayOptions, 'prefix'>> = {}) {
  const heartbeatMs = liveness.heartbeatMs ?? 1000;
  // Three missed beats: a busy event loop may delay one, never three.
  const relay = new RedisRelay(url, { prefix, heartbeatMs, nodeTimeoutMs: liveness.nodeTimeoutMs ?? 3 * heartbeatMs }, log);
  const pub = new Redis(url, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (err) => log.warn('socket.io redis adapter connection error', err.message));
  return {
    relay,
    attachAdapter(io: FacilitationIo) {
      io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io`, requestsTimeout: 2000 }));
    },
    async close() {
      await relay.close();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
