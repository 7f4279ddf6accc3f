import * as Y from 'yjs';
import { contentIndexOf } from '../client/sync/contentIndex';
import { notesStoreOf } from '../client/sync/notesStore';
import { notesMap } from '../shared/schema';

/**
 * What the canvas's read hooks cost after one change (a note moved) on the bench board: the
 * incremental indexes (notes, clusters with their members, tags per note) update themselves inside
 * the transaction, then the hooks read their snapshots. Pure Node, no browser. (Before the indexes,
 * the hooks re-read every cluster's members and every note's tags: ~20–28 ms on this board.)
 */
export function measureDataReads(board: Y.Doc): { perChangeMs: number; what: string } {
  const ids = [...notesMap(board).keys()];
  const notes = notesStoreOf(board);
  const index = contentIndexOf(board);
  // The first reads build the indexes (once per opened board, at mount): not a per-change cost.
  notes.getSnapshot();
  index.getClusters();
  index.getTags();
  const runs = 200;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const note = notesMap(board).get(ids[(i * 97) % ids.length])!;
    const t0 = performance.now();
    board.transact(() => note.set('x', (note.get('x') as number) + 1));
    notes.getSnapshot();
    index.getClusters();
    index.getTags();
    total += performance.now() - t0;
  }
  return { perChangeMs: total / runs, what: 'transaction + incremental notes, clusters and tags indexes' };
}
