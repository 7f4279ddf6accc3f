import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateWorkshopResponse, JoinRequest, JoinResponse } from '../../shared/protocol';
import { createCroiseeServer, type CroiseeServer, type CroiseeServerOptions } from '../../server/createCroiseeServer';
import { quietLogger } from '../../server/logger';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';
import { afterEach, beforeEach } from 'vitest';
import { connectSocket, type TestSocket } from './socketClients';
import { addProjects, connectProvider, TEST_PROJECTS } from './yjsClients';

/** Limits high enough for any suite; rate limiting has its own tests with small ones. */
export const TEST_HTTP_LIMITS = {
  joinCodeLookups: 1_000_000,
  joins: 1_000_000,
  workshopCreations: 1_000_000,
  tokenMints: 1_000_000,
  imports: 1_000_000,
  tickets: 1_000_000,
  people: 1_000_000,
};

/**
 * A real Croisée server on port 0 with a real SQLite file in a fresh temp folder. `restart()` closes
 * it and opens a new server on the same file, as an operator restarting the process would.
 */
export interface TestServer {
  server: CroiseeServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Creates a workshop with projects of these ids (`TEST_PROJECTS` by default; only existing
   * projects' canvases open). Browser tests pass `[]` and add projects as a facilitator would.
   */
  createWorkshop(title?: string, projects?: readonly string[]): Promise<CreateWorkshopResponse>;
  join(workshopId: string, body: JoinRequest): Promise<JoinResponse>;
}

export async function startTestServer(opts: Partial<Omit<CroiseeServerOptions, 'storage' | 'log'>> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'croisee-test-'));
  const file = path.join(dataDir, 'croisee.sqlite');
  const make = () =>
    createCroiseeServer({
      storage: openSqliteStorage(file),
      log: quietLogger,
      ...opts,
      staticDir: opts.staticDir ?? null,
      unloadDelayMs: opts.unloadDelayMs ?? 50,
      // Suites join many clients from one address; the rate-limit tests set their own limits.
      httpLimits: { ...TEST_HTTP_LIMITS, ...opts.httpLimits },
    });

  const t = {
    dataDir,
    server: make(),
    url: '',
    wsUrl: '',
  } as TestServer;
  const listen = async () => {
    const address = await t.server.listen(0, '127.0.0.1');
    t.url = `http://127.0.0.1:${address.port}`;
    t.wsUrl = `ws://127.0.0.1:${address.port}`;
  };
  await listen();

  t.restart = async () => {
    await t.server.close();
    t.server = make();
    await listen();
  };
  t.stop = async () => {
    await t.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  t.createWorkshop = async (title = 'Atelier test', projects: readonly string[] = TEST_PROJECTS) => {
    const res = await fetch(`${t.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (res.status !== 201) throw new Error(`createWorkshop: ${res.status} ${await res.text()}`);
    const created = (await res.json()) as CreateWorkshopResponse;
    if (projects.length > 0) await addProjects(t.wsUrl, created.id, created.facilitatorToken, projects);
    return created;
  };
  t.join = async (workshopId, body) => {
    const res = await fetch(`${t.url}/api/workshops/${workshopId}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`);
    return (await res.json()) as JoinResponse;
  };
  return t;
}

type ServerOptions = Parameters<typeof startTestServer>[0];

/** The server of the running test, with what the test opened on it closed after it. */
export interface SuiteServer extends TestServer {
  /** Runs `fn` after the test, before the server stops (closing a client the test opened). */
  cleanup(fn: () => void): void;
  /** A y-websocket client on `room` as `token`, destroyed after the test. */
  provider(room: string, token: string): ReturnType<typeof connectProvider>;
  /** A socket.io facilitation client as `token`, closed after the test. */
  socket(token: string): TestSocket;
  /** Stops this test's server and starts a fresh one (new data) with other options. */
  replace(opts: ServerOptions): Promise<void>;
}

/**
 * A fresh test server for each test of the file (started before it, its clients closed and the
 * server stopped after it). The object stands for whichever server the running test has.
 */
export function serverPerTest(opts: ServerOptions = {}): SuiteServer {
  let current: TestServer | null = null;
  const cleanups: Array<() => void> = [];
  const now = () => {
    if (!current) throw new Error('serverPerTest: the server exists only while a test runs');
    return current;
  };
  beforeEach(async () => {
    current = await startTestServer(opts);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await current?.stop();
    current = null;
  });
  const t: SuiteServer = {
    get server() {
      return now().server;
    },
    get url() {
      return now().url;
    },
    get wsUrl() {
      return now().wsUrl;
    },
    get dataDir() {
      return now().dataDir;
    },
    restart: () => now().restart(),
    stop: () => now().stop(),
    createWorkshop: (title, projects) => now().createWorkshop(title, projects),
    join: (workshopId, body) => now().join(workshopId, body),
    cleanup: (fn) => {
      cleanups.push(fn);
    },
    provider: (room, token) => {
      const c = connectProvider(now().wsUrl, room, token);
      cleanups.push(() => c.provider.destroy());
      return c;
    },
    socket: (token) => {
      const s = connectSocket(now().url, token);
      cleanups.push(() => s.close());
      return s;
    },
    replace: async (options) => {
      await now().stop();
      current = null;
      current = await startTestServer(options);
    },
  };
  return t;
}
