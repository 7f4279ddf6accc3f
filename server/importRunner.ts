import type { Worker } from 'node:worker_threads';
import type { AttachmentExport } from '../shared/attachments';
import { startServerWorker } from './workerThread';

export interface ImportJob {
  id: number;
  body: Uint8Array;
}

/** An exported attachment with its bytes decoded (not yet checked against the server's limits). */
export interface ImportedAttachment extends Omit<AttachmentExport, 'data'> {
  data: Uint8Array;
}

/** A parsed and validated export, as the states of its documents (or why it was refused). */
export type ImportResult =
  | { id: number; ok: true; title: string; workshop: Uint8Array; projects: Record<string, Uint8Array>; attachments: ImportedAttachment[] }
  | { id: number; ok: false; kind: 'json' | 'invalid' | 'internal'; message: string; field?: string };

/**
 * Imports run one at a time in one worker thread, started on the first import and kept (imports
 * are rare and rate-limited, so one thread bounds their CPU to one core whatever the load).
 */
export function createImportRunner() {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: ImportResult) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = startServerWorker('importWorker');
    w.on('message', (result: ImportResult) => {
      pending.get(result.id)?.resolve(result);
      pending.delete(result.id);
    });
    const fail = (err: Error) => {
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      if (worker === w) worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`import worker exited with ${code}`)));
    w.unref();
    return w;
  };

  return {
    /** Runs an import; `body` may be handed to the worker (unusable here afterwards). */
    run(body: Uint8Array): Promise<ImportResult> {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Handed over, not copied, when the body owns its memory (express.raw's is a fresh buffer):
        // copying 20 MiB on the event loop, and the garbage it leaves, delayed every other request.
        const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
        w.postMessage({ id, body } satisfies ImportJob, owned ? [body.buffer as ArrayBuffer] : []);
      });
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;
