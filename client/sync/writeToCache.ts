import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * Adds an update to a room's device cache in a transaction of our own, resolved once that
 * transaction has committed: from then on the update survives a reload or a closed tab. It goes to
 * y-indexeddb's own log ('updates' store, one Yjs update per row), which applies every row on load
 * and folds them into one when it compacts; an update it already holds is harmless (Yjs updates are
 * idempotent). Waiting for y-indexeddb's own write instead would mean trusting a transaction we do
 * not see fail.
 */
export async function writeToCache(persistence: IndexeddbPersistence, update: Uint8Array): Promise<void> {
  const db = await persistence._db;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('updates', 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('cache write aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('cache write failed'));
    tx.objectStore('updates').add(update);
  });
}
