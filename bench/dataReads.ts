import * as Y from 'yjs';
import { readClusters } from '../shared/clusters';
import { notesMap } from '../shared/schema';
import { readNoteTagIds } from '../shared/taxonomy';

/**
 * What the canvas reads from the document after one change (a note moved), on the bench board:
 * the cluster list and every note's tags, as the client's read hooks do. Pure Node, no browser.
 */
export function measureDataReads(board: Y.Doc): { perChangeMs: number; what: string } {
  const ids = [...notesMap(board).keys()];
  const runs = 40;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const note = notesMap(board).get(ids[(i * 97) % ids.length])!;
    board.transact(() => note.set('x', (note.get('x') as number) + 1));
    const t0 = performance.now();
    readClusters(board);
    const tags: Record<string, string[]> = {};
    for (const [id, m] of notesMap(board).entries()) tags[id] = readNoteTagIds(m);
    total += performance.now() - t0;
  }
  return { perChangeMs: total / runs, what: 'readClusters + every note’s tags' };
}
