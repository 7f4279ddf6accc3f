import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { importWorkshop, WorkshopImportError } from '../shared/report/importJson';
import { readWorkshop } from '../shared/schema';
import type { ImportJob, ImportResult } from './importRunner';

/*
 * Runs in a worker thread: parsing, validating and building the documents of a 20 MiB export takes
 * seconds of CPU that must not stall everyone else's requests on the main thread.
 */
parentPort!.on('message', ({ id, body }: ImportJob) => {
  let result: ImportResult;
  try {
    const data: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    const imported = importWorkshop(data);
    result = {
      id,
      ok: true,
      title: readWorkshop(imported.workshop).title,
      workshop: Y.encodeStateAsUpdate(imported.workshop),
      projects: Object.fromEntries(Object.entries(imported.projects).map(([projectId, doc]) => [projectId, Y.encodeStateAsUpdate(doc)])),
      attachments: imported.attachments.map(({ data, ...a }) => ({ ...a, data: new Uint8Array(Buffer.from(data, 'base64')) })),
    };
  } catch (err) {
    result =
      err instanceof SyntaxError
        ? { id, ok: false, kind: 'json', message: 'Malformed JSON body.' }
        : err instanceof WorkshopImportError
          ? { id, ok: false, kind: 'invalid', message: err.message, field: err.field }
          : { id, ok: false, kind: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
  // Transferred, not copied: the states are fresh buffers of this thread.
  parentPort!.postMessage(
    result,
    result.ok
      ? [...new Set([result.workshop, ...Object.values(result.projects), ...result.attachments.map((a) => a.data)].map((u) => u.buffer as ArrayBuffer))]
      : [],
  );
});
