import * as Y from 'yjs';
import { Probe, NoteBook, WireClient, connectAll, withTimeout, waitUntil } from './clients';
import { makeNote, noteId } from './clients';
import { authorFor, type Target } from './wire';

const AUTHORS = 50;

/**
 * A board of `notes` notes written by 50 participants (clients `firstIndex`…`firstIndex + 49`, each
 * under its own identity), one transaction per note as in real use: returned as one update per
 * participant (their whole contribution), so each writes it in one message.
 */
export function boardUpdates(target: Target, notes: number, firstIndex: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const perAuthor = Math.ceil(notes / AUTHORS);
  for (let a = 0; a < AUTHORS; a++) {
    const doc = new Y.Doc();
    const count = Math.min(perAuthor, notes - a * perAuthor);
    for (let i = 0; i < count; i++) makeNote(doc, 900 + a, i, authorFor(target, firstIndex + a), noteId(900 + a, i));
    if (count > 0) updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return updates;
}

/**
 * Fills the server's room with a board written by 50 clients, and leaves a holder probe connected so
 * the room stays loaded in server memory. Returns the holder, the writers and the full state size.
 */
export async function prefillBoard(target: Target, notes: number, firstIndex: number): Promise<{ holder: Probe; writers: WireClient[]; stateBytes: number }> {
  const holder = new Probe(target, firstIndex, new NoteBook());
  await withTimeout(holder.ready, 30_000, 'holder connects');
  const updates = boardUpdates(target, notes, firstIndex + 1);
  const writers = await connectAll(updates.length, (a) => new WireClient(target, firstIndex + 1 + a));
  writers.forEach((writer, a) => writer.send(writer.framer.update(updates[a])));
  const filled = await waitUntil(() => holder.seen.size >= notes, 120_000);
  if (!filled) throw new Error(`prefill: the holder saw ${holder.seen.size}/${notes} notes`);
  return { holder, writers, stateBytes: Y.encodeStateAsUpdate(holder.doc).byteLength };
}
