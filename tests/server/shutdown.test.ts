import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { dropPostgresSchema } from '../../server/storage/postgresStorage';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';
import { spawnNode } from '../helpers/nodeProcess';
import { POSTGRES_URL, REDIS_URL, requireService, uniqueName } from '../helpers/services';
import { addProjects, authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';

const root = mkdtempSync(path.join(tmpdir(), 'croisee-shutdown-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function createWorkshop(url: string, wsUrl: string): Promise<CreateWorkshopResponse> {
  const res = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Panne"}' });
  const ws = (await res.json()) as CreateWorkshopResponse;
  await addProjects(wsUrl, ws.id, ws.facilitatorToken, ['proj0001']);
  return ws;
}

/** Writes one note through a stock client and waits until the server has it (a second client sees it). */
async function writeNote(url: string, wsUrl: string, ws: CreateWorkshopResponse, id: string): Promise<void> {
  const room = projectRoom(ws.id, 'proj0001');
  const { authorId, authorName } = await authorOf(url, ws.id, ws.facilitatorToken);
  const writer = connectProvider(wsUrl, room, ws.facilitatorToken);
  const reader = connectProvider(wsUrl, room, ws.facilitatorToken);
  try {
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    addNote(writer.doc, { id, x: 0, y: 0, kind: 'idea', text: 'à garder', authorId, authorName, createdAt: 1 });
    await eventually(() => readNotes(reader.doc).some((n) => n.id === id), 'the note reached the server');
  } finally {
    writer.provider.destroy();
    reader.provider.destroy();
  }
}

describe('process faults', () => {
  it('an uncaught exception is logged, what users wrote is kept, and the process exits non-zero', async () => {
    const dataDir = path.join(root, 'uncaught');
    const node = await spawnNode({ DATA_DIR: dataDir }, 20_000, ['tests/helpers/faultOnSignal.ts']);
    const ws = await createWorkshop(node.url, node.wsUrl);
    await writeNote(node.url, node.wsUrl, ws, 'keptnote01');
    await node.kill('SIGUSR2'); // the preloaded fault throws; resolves once the process has exited
    expect(node.exitCode()).toBe(1);
    expect(node.output()).toContain('uncaught exception: storing what can be stored, then exiting');
    expect(node.output()).toContain('injected fault');
    const storage = openSqliteStorage(path.join(dataDir, 'croisee.sqlite'));
    try {
      const doc = new Y.Doc();
      for (const u of await storage.docs.load(projectRoom(ws.id, 'proj0001'))) Y.applyUpdate(doc, u);
      expect(readNotes(doc).map((n) => n.id)).toEqual(['keptnote01']);
    } finally {
      await storage.close();
    }
  });

  it('a shutdown that cannot finish (the database holds a lock) ends at the hard timeout with a non-zero exit', async (ctx) => {
    if (!(await requireService('postgres')) || !(await requireService('redis'))) return ctx.skip();
    const schema = uniqueName('croisee_shutdown');
    const env = {
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('croisee_shutdown')}:`,
      SHUTDOWN_TIMEOUT_MS: '1500',
    };
    const node = await spawnNode(env);
    const blocker = new pg.Client({ connectionString: POSTGRES_URL });
    await blocker.connect();
    try {
      const ws = await createWorkshop(node.url, node.wsUrl);
      await writeNote(node.url, node.wsUrl, ws, 'locknote01');
      // Every statement on the document log now waits: the final store and compaction hang.
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${schema}.doc_updates IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      await node.kill('SIGTERM');
      const took = Date.now() - started;
      expect(node.exitCode()).toBe(1);
      expect(node.output()).toContain('shutdown did not finish within 1500 ms; exiting without it');
      expect(took).toBeGreaterThanOrEqual(1_400);
    } finally {
      await blocker.query('ROLLBACK').catch(() => {});
      await blocker.end();
      await node.kill('SIGKILL');
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });
});
