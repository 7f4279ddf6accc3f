import * as Y from 'yjs';
import { Probe, NoteBook, WireClient, withTimeout, waitUntil } from './clients';
import { makeNote, noteId } from './clients';
import type { Target } from './wire';

const cache = new Map<number, Uint8Array[]>();

/**
 * A board of `notes` notes written by 50 participants, one transaction per note as in real use:
 * returned as one update per participant (their whole contribution), so it can be written through
 * a client in 50 messages.
 */
export function boardUpdates(notes: number, authors = 50): Uint8Array[] {
  const cached = cache.get(notes);
  if (cached) return cached;
  const updates: Uint8Array[] = [];
  const perAuthor = Math.ceil(notes / authors);
  for (let a = 0; a < authors; a++) {
    const doc = new Y.Doc();
    const count = Math.min(perAuthor, notes - a * perAuthor);
    for (let i = 0; i < count; i++) makeNote(doc, 900 + a, i, noteId(900 + a, i));
    if (count > 0) updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  cache.set(notes, updates);
  return updates;
}

/**
 * Fills the server's room with a board by writing it through a client, and leaves a holder probe
 * connected so the room stays loaded in server memory. Returns the holder and the full state size.
 */
export async function prefillBoard(target: Target, notes: number, firstIndex: number): Promise<{ holder: Probe; writer: WireClient; stateBytes: number }> {
  const holder = new Probe(target, firstIndex, new NoteBook());
  await withTimeout(holder.ready, 30_000, 'holder connects');
  const writer = new WireClient(target, firstIndex + 1);
  await withTimeout(writer.ready, 30_000, 'prefill writer connects');
  for (const update of boardUpdates(notes)) writer.send(writer.framer.update(update));
  const filled = await waitUntil(() => holder.seen.size >= notes, 120_000);
  if (!filled) throw new Error(`prefill: the holder saw ${holder.seen.size}/${notes} notes`);
  return { holder, writer, stateBytes: Y.encodeStateAsUpdate(holder.doc).byteLength };
}
