/**
 * P1, the write policy's cost per update (issue "Trust"): resolving an update to paths and judging
 * it, then applying it, against decoding and applying it (the server's work per update before the
 * policy), in the same run, on a canvas of a realistic size. `npm run bench -- --only P1`
 */
import * as Y from 'yjs';
import { addNote, moveNote, setNoteText } from '../../shared/operations';
import type { Principal } from '../../shared/protocol';
import { identityFields, WRITE_POLICIES } from '../../shared/writePolicy';
import { checkUpdate, keepDeletedIdentities } from '../../server/sync/updateChanges';

export function runWritePolicy(quick: boolean): string {
  const noteCount = quick ? 200 : 500;
  const count = quick ? 500 : 2000;
  const lines: string[] = ['### P1: write policy cost per update', ''];
  const writer: Principal = { userId: 'user0001', workshopId: 'wshop001', name: 'Alice', role: 'commune', community: null };
  const policy = WRITE_POLICIES.project;
  const gcFilter = keepDeletedIdentities(identityFields(policy));

  const base = new Y.Doc();
  for (let i = 0; i < noteCount; i++) {
    addNote(base, { id: `note${i}`, x: i * 10, y: 0, kind: 'idea', text: `idée ${i}`, authorId: writer.userId, authorName: writer.name, createdAt: i });
  }
  const baseState = Y.encodeStateAsUpdate(base);
  const server = () => {
    const doc = new Y.Doc({ gcFilter });
    Y.applyUpdate(doc, baseState);
    return doc;
  };

  /** `count` updates of one kind, each as one client would send it. */
  function updates(kind: string): { list: Uint8Array[]; client: number } {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseState);
    const list: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => list.push(u));
    for (let i = 0; i < count; i++) {
      const id = `note${i % noteCount}`;
      if (kind === 'create a note')
        addNote(doc, { id: `new${i}`, x: 0, y: i, kind: 'idea', text: 'nouvelle idée', authorId: writer.userId, authorName: writer.name, createdAt: i });
      else if (kind === 'type a character') setNoteText(doc, id, `${notesText(doc, id)}a`);
      else moveNote(doc, id, i, i);
    }
    return { list, client: doc.clientID };
  }
  const notesText = (doc: Y.Doc, id: string) => String(doc.getMap<Y.Map<unknown>>('notes').get(id)?.get('text') ?? '');

  lines.push(`Canvas of ${noteCount} notes, ${count} updates of each kind; median of 5 runs, µs per update (Node ${process.version}).`);
  lines.push('| update | decode + apply | decode + check + apply | policy share |');
  lines.push('|---|---:|---:|---:|');
  for (const kind of ['create a note', 'type a character', 'move a note']) {
    const { list, client } = updates(kind);
    const time = (check: boolean) => {
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const doc = server();
        const ctx = { principal: writer, authorOf: (c: number) => (c === client ? writer : undefined) };
        const start = process.hrtime.bigint();
        for (const u of list) {
          // The server decoded every update before the policy too (to refuse malformed ones).
          const decoded = Y.decodeUpdate(u);
          if (check) {
            const verdict = checkUpdate(doc, decoded, policy, ctx);
            if (!verdict.ok) throw new Error(`refused: ${verdict.reason}`);
          }
          Y.applyUpdate(doc, u);
        }
        runs.push(Number(process.hrtime.bigint() - start) / 1000 / list.length);
      }
      return runs.sort((a, b) => a - b)[2];
    };
    const alone = time(false);
    const checked = time(true);
    lines.push(`| ${kind} | ${alone.toFixed(1)} | ${checked.toFixed(1)} | +${(((checked - alone) / alone) * 100).toFixed(0)} % |`);
  }
  return lines.join('\n');
}
