import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCroiseeServer, type CroiseeServer, type CroiseeServerOptions } from '../../../server/createCroiseeServer';
import { quietLogger, type Logger } from '../../../server/logger';
import { openSqliteStorage } from '../../../server/storage/sqliteStorage';
import type { CreateWorkshopResponse, JoinRequest, JoinResponse } from '../../../shared/protocol';

/** An in-process Croisée server on 127.0.0.1 (port 0) with SQLite in a fresh temp folder. */
export interface BenchServer {
  server: CroiseeServer;
  url: string;
  wsUrl: string;
  /** Errors the server logged (log.error), kept so a run can report them. */
  errors: string[];
  createWorkshop(title?: string): Promise<CreateWorkshopResponse>;
  join(workshopId: string, body: JoinRequest): Promise<JoinResponse>;
  stop(): Promise<void>;
}

export async function startBenchServer(opts: Partial<Omit<CroiseeServerOptions, 'storage' | 'log'>> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'croisee-robustness-'));
  const errors: string[] = [];
  const log: Logger = {
    ...quietLogger,
    error: (message, detail) => {
      if (errors.length < 100) errors.push(`${message} ${detail instanceof Error ? detail.stack : (JSON.stringify(detail) ?? '')}`);
    },
  };
  const server = createCroiseeServer({ storage: openSqliteStorage(path.join(dataDir, 'croisee.sqlite')), log, staticDir: null, ...opts });
  const address = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  const post = async <T>(p: string, body: unknown, status: number): Promise<T> => {
    const res = await fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== status) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    server,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}`,
    errors,
    createWorkshop: (title = 'Atelier bench') => post<CreateWorkshopResponse>('/api/workshops', { title }, 201),
    join: (workshopId, body) => post<JoinResponse>(`/api/workshops/${workshopId}/join`, body, 200),
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
