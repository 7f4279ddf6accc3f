import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { createCroiseeServer, type CroiseeServer } from '../../server/createCroiseeServer';
import { quietLogger } from '../../server/logger';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';
import type { Storage } from '../../server/storage/Storage';
import { addNote, addProject } from '../../shared/operations';
import { CloseCode, YJS_PATH } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { connectProvider, rawSocket, waitForSync } from '../helpers/yjsClients';

describe('loading a room', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a failed load closes the connection with 4500 and never overwrites what is stored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'croisee-load-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const real = openSqliteStorage(path.join(dir, 'croisee.sqlite'));
    let failing = true;
    // The same storage, whose loads fail while `failing` (a disk or database fault).
    const storage: Storage = {
      ...real,
      docs: {
        ...real.docs,
        load: async (room) => {
          // Only canvases fail: the workshop document (which lists the projects) still loads.
          if (failing && room.includes('.')) throw new Error('disk unavailable');
          return real.docs.load(room);
        },
      },
    };
    const ws = await createWorkshop(storage, { title: 'Chargement', facilitatorName: 'F', seed: { themes: [], projects: [] }, now: 1 });
    const room = projectRoom(ws.id, 'proj0001');
    const project = new Y.Doc();
    addProject(project, { id: 'proj0001', name: 'Projet', themeId: null, createdAt: 1 });
    await real.docs.append(workshopRoom(ws.id), Y.encodeStateAsUpdate(project));
    const stored = new Y.Doc();
    addNote(stored, { id: 'kept0001', x: 0, y: 0, kind: 'idea', text: 'déjà là', authorId: 'f', authorName: 'F', createdAt: 1 });
    await real.docs.append(room, Y.encodeStateAsUpdate(stored));

    const server: CroiseeServer = createCroiseeServer({ storage, log: quietLogger, staticDir: null, unloadDelayMs: 20 });
    cleanups.push(() => server.close());
    const { port } = await server.listen(0, '127.0.0.1');

    const refused = rawSocket(`ws://127.0.0.1:${port}${YJS_PATH}/${room}?token=${ws.facilitatorToken}`);
    await refused.opened;
    refused.ws.send(new Uint8Array([0, 0, 1, 0])); // sync step 1 with an empty state vector
    expect((await refused.closed).code).toBe(CloseCode.internalError);
    expect(server.rooms.loaded(room)).toBeNull();
    expect(await real.docs.count(room)).toBe(1); // nothing written over it

    failing = false;
    const client = connectProvider(`ws://127.0.0.1:${port}`, room, ws.facilitatorToken);
    cleanups.push(() => client.provider.destroy());
    await waitForSync(client.provider);
    expect(readNotes(client.doc).map((n) => n.text)).toEqual(['déjà là']);
  });
});
