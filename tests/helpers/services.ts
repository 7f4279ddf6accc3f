import net from 'node:net';

/**
 * The real PostgreSQL and Redis that multi-node tests use (local services on this machine and CI's).
 * Without them those tests skip with a loud message — except under CI, where they must run.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function requireService(name: 'postgres' | 'redis'): Promise<boolean> {
  const ok = name === 'postgres' ? await reachable(POSTGRES_URL, 5432) : await reachable(REDIS_URL, 6379);
  if (ok) return true;
  const where = name === 'postgres' ? POSTGRES_URL : REDIS_URL;
  if (process.env.CI) throw new Error(`CI: ${name} is not reachable at ${where} — the multi-node tests must run`);
  console.warn(`\n*** SKIPPING ${name.toUpperCase()} TESTS: ${where} is not reachable ***\n`);
  return false;
}

/** A name unique to this test run, for a schema or a key prefix. */
export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
