import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { Logger } from './logger';

/**
 * The Redis connection of the operations side (multi-node mode): readiness pings and the shared
 * rate-limit counters, so a client cannot multiply its allowance by the number of nodes. Its own
 * connection: a ping must not queue behind the relay's traffic.
 */
export function createOpsRedis(url: string, prefix: string, log: Logger) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', (err) => log.warn('ops redis connection error', err.message));
  return {
    ping: () => redis.ping(),
    rateLimitStore: (name: string) =>
      new RedisStore({
        prefix: `${prefix}rate:${name}:`,
        sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never,
      }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
