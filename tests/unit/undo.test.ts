import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, moveNote, setNoteText } from '../../shared/operations';
import { readNotes } from '../../shared/schema';
import { addCluster, moveCluster, readClusters } from '../../shared/clusters';
import { addChallenge, readChallenges } from '../../shared/challenges';
import { readNoteTags, toggleNoteTag } from '../../shared/taxonomy';
import { createUserOrigin, createUserUndoManager, runAs } from '../../shared/undo';

/** Two replicas of a live room: every local update is relayed to the other with a remote origin. */
function room(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

const note = (id: string, createdAt: number) => ({ id, x: 0, y: 0, kind: 'idea' as const, text: id, authorId: 'u', authorName: 'U', createdAt });

describe('per-user undo', () => {
  it('undoes only my own change, not the interleaved change of someone else', () => {
    const [a, b] = room();
    const alice = createUserOrigin('alice');
    const bob = createUserOrigin('bob');
    const undoA = createUserUndoManager(a, alice, { captureTimeout: 0 });
    const undoB = createUserUndoManager(b, bob, { captureTimeout: 0 });
    runAs(a, alice, () => addNote(a, note('n1', 1)));
    runAs(b, bob, () => setNoteText(b, 'n1', 'n1 — texte de Bob'));
    runAs(a, alice, () => moveNote(a, 'n1', 300, 400));
    runAs(b, bob, () => addNote(b, note('n2', 2)));

    undoA.undo(); // Alice's move
    expect(readNotes(b).map((n) => [n.id, n.x, n.text])).toEqual([
      ['n1', 0, 'n1 — texte de Bob'],
      ['n2', 0, 'n2'],
    ]);
    expect(readNotes(a)).toEqual(readNotes(b));

    undoB.undo(); // Bob's note n2 — Alice's state untouched
    expect(readNotes(a).map((n) => n.id)).toEqual(['n1']);
    undoB.undo(); // Bob's text edit
    expect(readNotes(a)[0].text).toBe('n1');
    undoA.redo();
    expect(readNotes(b)[0]).toMatchObject({ x: 300, y: 400 });
  });

  it('tracks the new operations through their origin argument, in one step per operation', () => {
    const [a, b] = room();
    const alice = createUserOrigin('alice');
    const undoA = createUserUndoManager(a, alice, { captureTimeout: 0 });
    addNote(a, note('n1', 1)); // no origin: not Alice's undo history
    addCluster(a, { id: 'k1', name: 'K', x: 0, y: 0, width: 300, height: 300, createdAt: 1 }, alice);
    runAs(a, alice, () => a.getMap<Y.Map<unknown>>('notes').get('n1')!.set('clusterId', 'k1'));
    moveCluster(a, 'k1', 100, 100, alice);
    toggleNoteTag(b, 'n1', 'opendata'); // Bob, on his replica
    expect(readNotes(b)[0]).toMatchObject({ x: 100, y: 100 });
    undoA.undo(); // the whole cluster move, frame and note together
    expect(readClusters(b)[0]).toMatchObject({ x: 0, y: 0 });
    expect(readNotes(b)[0]).toMatchObject({ x: 0, y: 0 });
    expect(readNoteTags(b, 'n1')).toEqual(['opendata']);
    undoA.undo();
    undoA.undo();
    expect(readClusters(a)).toEqual([]);
    expect(undoA.canUndo()).toBe(false);
    expect(readNotes(a).map((n) => n.id)).toEqual(['n1']);
  });

  it('scopes a workshop undo manager to the workshop’s types', () => {
    const [a, b] = room();
    const alice = createUserOrigin('alice');
    const undoA = createUserUndoManager(a, alice, { scope: 'workshop', captureTimeout: 0 });
    addChallenge(a, { id: 'ch1', title: 'Données', createdBy: 'alice', createdAt: 1 }, alice);
    addChallenge(b, { id: 'ch2', title: 'Citoyens', createdBy: 'bob', createdAt: 2 }, createUserOrigin('bob'));
    undoA.undo();
    expect(readChallenges(b).map((c) => c.id)).toEqual(['ch2']);
  });

  it('origins are constant per session and compared by identity', () => {
    const o = createUserOrigin('alice');
    expect(Object.isFrozen(o)).toBe(true);
    expect(o).not.toBe(createUserOrigin('alice'));
  });
});
