import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AttachmentExport } from '../shared/attachments';

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

/** tsx's ESM API, located from here (an eval'd worker has no module of its own to resolve from). */
const tsxEsmApi = () => pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/**
 * Imports run one at a time in one worker thread, started on the first import and kept (imports
 * are rare and rate-limited, so one thread bounds their CPU to one core whatever the load).
 */
export function createImportRunner() {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: ImportResult) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    // Beside this module: importWorker.js in a build; importWorker.ts in a checkout, where the
    // worker first registers tsx's loader (loaders of the main thread do not reach workers).
    const source = import.meta.url.endsWith('.ts');
    const entry = new URL(`./importWorker.${source ? 'ts' : 'js'}`, import.meta.url);
    const w = source
      ? new Worker(`import(${JSON.stringify(tsxEsmApi())})` + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, {
          eval: true,
        })
      : new Worker(entry);
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
    run(body: Uint8Array): Promise<ImportResult> {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, body } satisfies ImportJob);
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
