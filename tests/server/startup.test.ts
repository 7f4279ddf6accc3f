import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNode } from '../helpers/nodeProcess';

/** Runs `server/main.ts` to its exit (it is expected to refuse to start). */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit:\n${output}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const root = mkdtempSync(path.join(tmpdir(), 'croisee-startup-'));
const healthy = path.join(root, 'healthy');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // A real data folder: the first start creates the demo workshop, SIGTERM stores everything.
  const node = await spawnNode({ DATA_DIR: healthy });
  const first = node.output();
  await node.kill('SIGTERM');
  expect(first).toContain('facilitator link: http://');
});

/** A copy of the healthy data folder, damaged by `damage(file)`. */
function damagedCopy(name: string, damage: (file: string) => void): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  const file = path.join(dir, 'croisee.sqlite');
  copyFileSync(path.join(healthy, 'croisee.sqlite'), file);
  damage(file);
  return dir;
}

describe('starting the server', () => {
  it('shows the demo facilitator link at the first start only, and never in a log line', async () => {
    const node = await spawnNode({ DATA_DIR: healthy });
    const again = node.output();
    await node.kill('SIGTERM');
    expect(again).not.toContain('facilitator link');
    for (const line of again.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('refuses a bad setting with a message naming the variable', async () => {
    const { code, output } = await runToExit({ PORT: 'abc', DATA_DIR: path.join(root, 'unused') });
    expect(code).toBe(2);
    expect(output).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
  });

  it('stops with a non-zero exit and what to do on a truncated database', async () => {
    const dir = damagedCopy('truncated', (file) => truncateSync(file, Math.floor(statSync(file).size / 2)));
    const { code, output } = await runToExit({ DATA_DIR: dir });
    expect(code).toBe(3);
    expect(output).toMatch(/croisee\.sqlite is damaged .*Restore it from your latest backup/);
  });

  it('stops on garbage in the middle of the database', async () => {
    const dir = damagedCopy('garbage', (file) => {
      const size = statSync(file).size;
      const garbage = Buffer.alloc(Math.min(64 * 1024, Math.floor(size / 2)), 0x5a);
      const fd = openSync(file, 'r+');
      writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 4));
      closeSync(fd);
    });
    const { code, output } = await runToExit({ DATA_DIR: dir });
    expect(code).toBe(3);
    expect(output).toMatch(/croisee\.sqlite is damaged/);
  });

  it('stops on an emptied database instead of starting as a fresh install', async () => {
    const dir = damagedCopy('emptied', (file) => writeFileSync(file, ''));
    const { code, output } = await runToExit({ DATA_DIR: dir });
    expect(code).toBe(3);
    expect(output).toMatch(/croisee\.sqlite is empty \(0 bytes\)/);
    expect(readFileSync(path.join(dir, 'croisee.sqlite')).length).toBe(0);
  });

  it('stops when a data folder with files has lost its database', async () => {
    const dir = damagedCopy('lost', (file) => {
      writeFileSync(path.join(path.dirname(file), 'croisee.sqlite-wal'), 'x');
      rmSync(file);
    });
    const { code, output } = await runToExit({ DATA_DIR: dir });
    expect(code).toBe(3);
    expect(output).toMatch(/holds files \(croisee\.sqlite-wal\) but no croisee\.sqlite/);
  });
});
