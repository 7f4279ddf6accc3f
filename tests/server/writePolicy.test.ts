import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { addComment, commentsMap } from '../../shared/comments';
import { addNote, recordVoteResults, removeProject, renameWorkshop } from '../../shared/operations';
import { MessageType, YJS_PATH } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { notesMap, projectsMap, readNotes, readWorkshop, themesMap, votesMap } from '../../shared/schema';
import { serverPerTest } from '../helpers/testServer';
import { eventually, rawSocket, sleep, waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

/**
 * A stock y-websocket client that records the server's permission-denied reasons (the stock client
 * only logs them: its auth message handler is replaced by one that reads the reason).
 */
function client(room: string, token: string) {
  const c = t.provider(room, token);
  const denied: string[] = [];
  const handlers = (c.provider as unknown as { messageHandlers: Array<(...args: unknown[]) => void> }).messageHandlers;
  handlers[MessageType.auth] = (_encoder, decoder) => {
    const d = decoder as decoding.Decoder;
    decoding.readVarUint(d); // 0: permission denied
    denied.push(decoding.readVarString(d));
  };
  // Presence tells the server which Yjs client id speaks for whom, as in the app.
  c.provider.awareness.setLocalState({ user: { name: 'client' } });
  return { ...c, denied };
}

async function setup() {
  const ws = await t.createWorkshop('Confiance');
  const commune = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Commune', role: 'commune' });
  const expert = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Experte', role: 'expert', community: 'researcher' });
  return { ws, commune, expert };
}

describe('write policy on the Yjs endpoint (stock clients)', () => {
  it("refuses a participant's changes to the workshop's structure: not applied, stored nor broadcast; the facilitator's pass", async () => {
    const { ws, commune, expert } = await setup();
    const room = workshopRoom(ws.id);
    const attacker = client(room, commune.token);
    const observer = client(room, ws.facilitatorToken);
    const bystander = client(room, expert.token);
    await Promise.all([attacker, observer, bystander].map((c) => waitForSync(c.provider)));
    const themeId = [...themesMap(observer.doc).keys()][0];

    renameWorkshop(attacker.doc, 'Piraté');
    await eventually(() => attacker.denied.length === 1, 'rename refused');
    removeProject(attacker.doc, 'proj0001');
    await eventually(() => attacker.denied.length === 2, 'project deletion refused');
    if (themeId) attacker.doc.transact(() => themesMap(attacker.doc).delete(themeId));
    expect(attacker.denied[0]).toMatch(/not allowed for this role: update meta\/title/);
    expect(attacker.denied[1]).toMatch(/delete projects\/proj0001/);

    // The facilitator's own change goes through to everyone else, who never saw the commune's.
    renameWorkshop(observer.doc, 'Atelier renommé');
    await eventually(() => readWorkshop(bystander.doc).title === 'Atelier renommé', 'facilitator rename reaches the expert');
    expect(projectsMap(bystander.doc).has('proj0001')).toBe(true);
    if (themeId) expect(themesMap(bystander.doc).has(themeId)).toBe(true);
    await t.server.rooms.loaded(room)!.settle();
    const server = t.server.rooms.loaded(room)!.doc;
    expect(readWorkshop(server).title).toBe('Atelier renommé');
    expect(projectsMap(server).has('proj0001')).toBe(true);
    expect(projectsMap(observer.doc).has('proj0001')).toBe(true);

    // Nothing of the refused updates is stored: a fresh client after a restart reads the same.
    for (const c of [attacker, observer, bystander]) c.provider.destroy();
    await t.restart();
    const fresh = client(room, ws.facilitatorToken);
    await waitForSync(fresh.provider);
    expect(readWorkshop(fresh.doc).title).toBe('Atelier renommé');
    expect(projectsMap(fresh.doc).has('proj0001')).toBe(true);
  });

  it('refuses forged authorship and vote results on a canvas; honest notes still flow', async () => {
    const { ws, commune, expert } = await setup();
    const room = projectRoom(ws.id, 'proj0001');
    const attacker = client(room, commune.token);
    const other = client(room, expert.token);
    await Promise.all([waitForSync(attacker.provider), waitForSync(other.provider)]);
    // Presence tells the server which Yjs client speaks for whom (the stock client sends it on connect).
    await eventually(() => other.provider.awareness.getStates().has(attacker.doc.clientID), 'presence known');

    const facilitatorId = ws.userId;
    addNote(attacker.doc, {
      id: 'forged01',
      x: 0,
      y: 0,
      kind: 'idea',
      text: 'signé animateur',
      authorId: facilitatorId,
      authorName: 'Animateur·rice',
      createdAt: 1,
    });
    await eventually(() => attacker.denied.some((r) => /must be your own identity: create notes\/forged01\/authorId/.test(r)), 'forged author refused');
    recordVoteResults(attacker.doc, {
      roundId: 'round001',
      projectId: 'proj0001',
      closedAt: 1,
      voters: 1,
      items: [{ itemId: 'forged01', total: 999, byGroup: { commune: 999, maker: 0, researcher: 0, company: 0, facilitator: 0 } }],
      votersByGroup: { commune: 1, maker: 0, researcher: 0, company: 0, facilitator: 0 },
    } as never);
    await eventually(() => attacker.denied.some((r) => /votes\/round001/.test(r)), 'vote results refused');

    // The expert's honest note and comment reach the commune; nothing forged reaches the expert.
    addNote(other.doc, { id: 'honest01', x: 0, y: 0, kind: 'idea', text: 'vraie idée', authorId: expert.userId, authorName: 'Experte', createdAt: 2 });
    addComment(other.doc, {
      id: 'comment1',
      target: { type: 'note', id: 'honest01' },
      text: 'à creuser',
      authorId: expert.userId,
      authorName: 'Experte',
      authorRole: 'expert',
      authorCommunity: 'researcher',
      createdAt: 3,
    });
    await eventually(() => commentsMap(attacker.doc).has('comment1'), 'honest comment arrives');
    // The commune cannot rewrite who wrote the comment.
    commentsMap(attacker.doc).get('comment1')!.set('authorId', commune.userId);
    await eventually(() => attacker.denied.some((r) => /comments\/comment1\/authorId/.test(r)), 'comment author change refused');

    await sleep(100);
    expect(readNotes(other.doc).map((n) => n.id)).toEqual(['honest01']);
    expect(votesMap(other.doc).size).toBe(0);
    expect(commentsMap(other.doc).get('comment1')!.get('authorId')).toBe(expert.userId);
    await t.server.rooms.loaded(room)!.settle();
    const server = t.server.rooms.loaded(room)!.doc;
    expect([...notesMap(server).keys()]).toEqual(['honest01']);
    expect(votesMap(server).size).toBe(0);
    // The refusals are counted.
    expect(t.server.syncMetrics.refusedWrites).toBeGreaterThanOrEqual(3);
    const scraped = await t.server.metrics.registry.metrics();
    expect(Number(/^croisee_write_policy_refusals_total (\d+)$/m.exec(scraped)?.[1])).toBe(t.server.syncMetrics.refusedWrites);
    // Refused, not disconnected: the commune still writes its own notes.
    addNote(attacker.doc, { id: 'commune1', x: 0, y: 0, kind: 'need', text: 'besoin', authorId: commune.userId, authorName: 'Commune', createdAt: 4 });
    await eventually(() => notesMap(other.doc).has('commune1'), "the commune's own note arrives");
  });

  it('refuses a canvas of a project that does not exist (404 at the upgrade)', async () => {
    const { ws, commune } = await setup();
    expect(await rawSocket(`${t.wsUrl}${YJS_PATH}/${projectRoom(ws.id, 'invente1')}?token=${commune.token}`).refused).toBe(404);
    expect(await t.server.storage.docs.count(projectRoom(ws.id, 'invente1'))).toBe(0);
  });
});
