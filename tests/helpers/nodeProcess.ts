import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A real Croisée server process (`server/main.ts`), for restart, crash and multi-node tests. */
export interface NodeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  output: () => string;
  /** Exit code once exited (null if killed by a signal or still running). */
  exitCode: () => number | null;
  /** Sends the signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** `preload`: modules loaded before the server (e.g. one injecting a fault), as `--import`. */
export async function spawnNode(env: Record<string, string>, timeoutMs = 20_000, preload: string[] = []): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', path.resolve(p)]), path.resolve('server/main.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: '/nonexistent',
      // Suites join many clients from one address; rate limiting has its own tests.
      ...Object.fromEntries(['JOIN_CODE', 'JOIN', 'CREATE', 'TOKENS', 'IMPORT', 'TICKETS', 'PEOPLE'].map((k) => [`RATE_LIMIT_${k}`, '1000000'])),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /listening on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    output: () => out,
    exitCode: () => child.exitCode,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
