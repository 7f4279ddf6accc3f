import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import type { MergeJob, MergeResult } from './mergeUpdates';

/*
 * Runs in a worker thread: merging a big room's log (compaction, loading) takes tens to hundreds of
 * milliseconds of CPU that must not delay every other room's broadcasts on the main thread.
 */
parentPort!.on('message', ({ id, updates }: MergeJob) => {
  let result: MergeResult;
  try {
    const merged = Y.mergeUpdates(updates);
    result = { id, ok: true, merged };
    parentPort!.postMessage(result, [merged.buffer as ArrayBuffer]);
    return;
  } catch (err) {
    result = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(result);
});
