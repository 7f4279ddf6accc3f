import type { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { startServerWorker } from './workerThread';

/** Merges Yjs updates into one (as Y.mergeUpdates), possibly elsewhere than on the event loop. */
export type MergeUpdates = (updates: Uint8Array[]) => Promise<Uint8Array>;

export interface MergeJob {
  id: number;
  updates: Uint8Array[];
}
export type MergeResult = { id: number; ok: true; merged: Uint8Array } | { id: number; ok: false; message: string };

/** On the event loop: for tests, small inputs, and a fallback. */
export const mergeInThread: MergeUpdates = async (updates) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

/** Below this many bytes in all, merging here costs less than a round trip to the worker. */
const OFF_THREAD_FROM_BYTES = 128 * 1024;

/**
 * Merges big inputs in one worker thread, started on first use and kept (unref'd: it never holds
 * the process open). Jobs run one at a time, so merging takes at most one core whatever the number
 * of rooms. If the worker cannot run, merges happen on the event loop as before.
 */
export function createMergeRunner(): { merge: MergeUpdates; close(): Promise<void> } {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Uint8Array) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = startServerWorker('mergeWorker');
    w.on('message', (result: MergeResult) => {
      const job = pending.get(result.id);
      pending.delete(result.id);
      if (result.ok) job?.resolve(result.merged);
      else job?.reject(new Error(`merging updates failed: ${result.message}`));
    });
    const fail = (err: Error) => {
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      if (worker === w) worker = null;
    };
    w.on('error', (err) => {
      broken = true;
      fail(err);
    });
    w.on('exit', (code) => fail(new Error(`merge worker exited with ${code}`)));
    w.unref();
    return w;
  };

  return {
    merge(updates) {
      const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
      if (updates.length < 2 || bytes < OFF_THREAD_FROM_BYTES || broken) return mergeInThread(updates);
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, updates } satisfies MergeJob);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** The process's merge runner (one worker for every storage and room of the process). */
export const sharedMerge = createMergeRunner();
