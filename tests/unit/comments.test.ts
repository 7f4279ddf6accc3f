import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { addCluster } from '../../shared/clusters';
import {
  MAX_COMMENT,
  addComment,
  deleteComment,
  editComment,
  openCommentCounts,
  parseTargetKey,
  readThread,
  readThreads,
  reopenThread,
  resolveThread,
  targetKey,
  type CommentAuthor,
} from '../../shared/comments';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const maker: CommentAuthor = { authorId: 'e1', authorName: 'Marie', authorRole: 'expert', authorCommunity: 'maker' };
const researcher: CommentAuthor = { authorId: 'e2', authorName: 'Rik', authorRole: 'expert', authorCommunity: 'researcher' };
const commune: CommentAuthor = { authorId: 'c1', authorName: 'Claire', authorRole: 'commune', authorCommunity: 'company' };

function canvas(): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, { id: 'n1', x: 0, y: 0, kind: 'technology', text: 'LoRaWAN', authorId: 'c1', authorName: 'Claire', createdAt: 1 });
  addCluster(doc, { id: 'k1', name: 'Réseau', x: 0, y: 0, width: 500, height: 300, createdAt: 2 });
  return doc;
}

describe('comment threads', () => {
  it('keys targets and parses them back', () => {
    expect(targetKey({ type: 'note', id: 'n1' })).toBe('note:n1');
    expect(targetKey({ type: 'cluster', id: 'k1' })).toBe('cluster:k1');
    expect(targetKey({ type: 'project' })).toBe('project');
    expect(parseTargetKey('note:n1')).toEqual({ type: 'note', id: 'n1' });
    expect(parseTargetKey('project')).toEqual({ type: 'project' });
    expect(parseTargetKey('other:x')).toBeNull();
    expect(parseTargetKey('note:')).toBeNull();
  });

  it('adds comments on a note, a cluster and the project, with author, role and community', () => {
    const doc = canvas();
    expect(addComment(doc, { ...maker, id: 'c1', target: { type: 'note', id: 'n1' }, text: '  Couverture à vérifier  ', createdAt: 10 })).toBe(true);
    expect(addComment(doc, { ...researcher, id: 'c2', target: { type: 'note', id: 'n1' }, text: 'Voir TTN', createdAt: 11 })).toBe(true);
    expect(addComment(doc, { ...commune, id: 'c3', target: { type: 'cluster', id: 'k1' }, text: 'Budget ?', createdAt: 12 })).toBe(true);
    expect(addComment(doc, { ...maker, id: 'c4', target: { type: 'project' }, text: 'Beau projet', createdAt: 13 })).toBe(true);
    const threads = readThreads(doc);
    expect(threads.map((t) => [t.target, t.comments.map((c) => c.id)])).toEqual([
      ['note:n1', ['c1', 'c2']],
      ['cluster:k1', ['c3']],
      ['project', ['c4']],
    ]);
    expect(threads[0].comments[0]).toEqual({
      id: 'c1',
      target: 'note:n1',
      text: 'Couverture à vérifier',
      authorId: 'e1',
      authorName: 'Marie',
      authorRole: 'expert',
      authorCommunity: 'maker',
      createdAt: 10,
      editedAt: null,
    });
    // Only experts carry a community.
    expect(threads[1].comments[0].authorCommunity).toBeNull();
  });

  it('refuses empty text and missing targets, truncates long text', () => {
    const doc = canvas();
    expect(addComment(doc, { ...maker, id: 'c1', target: { type: 'note', id: 'n1' }, text: '   ', createdAt: 1 })).toBe(false);
    expect(addComment(doc, { ...maker, id: 'c2', target: { type: 'note', id: 'gone' }, text: 'x', createdAt: 1 })).toBe(false);
    expect(addComment(doc, { ...maker, id: 'c3', target: { type: 'cluster', id: 'gone' }, text: 'x', createdAt: 1 })).toBe(false);
    expect(addComment(doc, { ...maker, id: 'c4', target: { type: 'project' }, text: 'a'.repeat(MAX_COMMENT + 10), createdAt: 1 })).toBe(true);
    expect(
      readThreads(doc)
        .flatMap((t) => t.comments)
        .map((c) => c.text.length),
    ).toEqual([MAX_COMMENT]);
  });

  it('lets only the author edit or delete a comment; a moderator may delete any', () => {
    const doc = canvas();
    addComment(doc, { ...maker, id: 'c1', target: { type: 'project' }, text: 'v1', createdAt: 1 });
    addComment(doc, { ...maker, id: 'c2', target: { type: 'project' }, text: 'autre', createdAt: 2 });
    expect(editComment(doc, { id: 'c1', userId: 'e2', text: 'hack', editedAt: 5 })).toBe(false);
    expect(editComment(doc, { id: 'c1', userId: 'e1', text: 'v2', editedAt: 5 })).toBe(true);
    expect(editComment(doc, { id: 'c1', userId: 'e1', text: '  ', editedAt: 6 })).toBe(false);
    expect(editComment(doc, { id: 'gone', userId: 'e1', text: 'x', editedAt: 6 })).toBe(false);
    expect(readThread(doc, { type: 'project' })?.comments[0]).toMatchObject({ text: 'v2', editedAt: 5 });
    expect(deleteComment(doc, { id: 'c1', userId: 'e2' })).toBe(false);
    expect(deleteComment(doc, { id: 'c1', userId: 'e1' })).toBe(true);
    expect(deleteComment(doc, { id: 'c2', userId: 'f1', moderator: true })).toBe(true);
    expect(deleteComment(doc, { id: 'c2', userId: 'e1' })).toBe(false);
    expect(readThread(doc, { type: 'project' })).toBeNull();
  });

  it('resolves and reopens a thread; a reply reopens it; counts only open comments', () => {
    const doc = canvas();
    const note = { type: 'note', id: 'n1' } as const;
    addComment(doc, { ...maker, id: 'c1', target: note, text: 'a', createdAt: 1 });
    addComment(doc, { ...researcher, id: 'c2', target: note, text: 'b', createdAt: 2 });
    addComment(doc, { ...commune, id: 'c3', target: { type: 'project' }, text: 'c', createdAt: 3 });
    expect(openCommentCounts(doc)).toEqual({ 'note:n1': 2, project: 1 });
    expect(resolveThread(doc, note, 'c1', 10)).toBe(true);
    expect(readThread(doc, note)).toMatchObject({ resolved: true, resolvedBy: 'c1', resolvedAt: 10 });
    expect(openCommentCounts(doc)).toEqual({ project: 1 });
    expect(reopenThread(doc, note, 'e1', 11)).toBe(true);
    expect(readThread(doc, note)).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
    resolveThread(doc, note, 'c1', 12);
    addComment(doc, { ...maker, id: 'c4', target: note, text: 'encore une chose', createdAt: 13 });
    expect(readThread(doc, note)?.resolved).toBe(false);
    expect(openCommentCounts(doc)).toEqual({ 'note:n1': 3, project: 1 });
    expect(resolveThread(doc, { type: 'cluster', id: 'k1' }, 'c1', 14)).toBe(false);
  });

  it('keeps concurrent replies from two experts in the same thread', () => {
    const a = canvas();
    const b = new Y.Doc();
    sync(a, b);
    addComment(a, { ...maker, id: 'ca', target: { type: 'note', id: 'n1' }, text: 'maker', createdAt: 5 });
    addComment(b, { ...researcher, id: 'cb', target: { type: 'note', id: 'n1' }, text: 'chercheur', createdAt: 5 });
    sync(a, b);
    expect(readThread(a, { type: 'note', id: 'n1' })?.comments.map((c) => c.id)).toEqual(['ca', 'cb']);
    expect(readThreads(b)).toEqual(readThreads(a));
  });
});
