import { describe, expect, it } from 'vitest';
import { addNote, addProject } from '../../shared/operations';
import { CloseCode, YJS_PATH } from '../../shared/protocol';
import { privateRoom, projectRoom, workshopRoom } from '../../shared/rooms';
import { readLatestVotes, readNotes, readQuestions } from '../../shared/schema';
import { serverPerTest } from '../helpers/testServer';
import type { TestSocket } from '../helpers/socketClients';
import { authorOf, eventually, rawSocket, sleep, waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

const PROJECT = 'proj0001';
const PROJECT2 = 'proj0002';

async function setup() {
  const ws = await t.createWorkshop('Atelier');
  // Commands naming a project need it to exist in the workshop.
  await t.server.rooms.withRoom(workshopRoom(ws.id), (room) => {
    addProject(room.doc, { id: PROJECT, name: 'Qualité de l’air', commune: 'Namur', themeId: null, createdAt: 1 });
    addProject(room.doc, { id: PROJECT2, name: 'Parking', commune: 'Dinant', themeId: null, createdAt: 2 });
  });
  const commune = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Commune', role: 'commune' });
  const maker = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Maker', role: 'expert', community: 'maker' });
  const researcher = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Chercheuse', role: 'expert', community: 'researcher' });
  const viewer = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Projecteur', role: 'viewer' });
  const sock = (token: string) => t.socket(token);
  return {
    ws,
    users: { commune, maker, researcher, viewer },
    fac: sock(ws.facilitatorToken),
    commune: sock(commune.token),
    maker: sock(maker.token),
    researcher: sock(researcher.token),
    viewer: sock(viewer.token),
    sock,
  };
}

const provider = (room: string, token: string) => t.provider(room, token);

const ready = (s: TestSocket) => eventually(() => s.latest.state !== null, 'initial state');

describe('facilitation over socket.io', () => {
  it('runs every facilitator command for the facilitator and refuses it for every other role', async () => {
    const { ws, fac, commune, maker, viewer, users } = await setup();
    await Promise.all([fac, commune, maker, viewer].map(ready));
    // In an order where each is valid for the facilitator.
    const commands: Array<Record<string, unknown>> = [
      { type: 'stage.set', stage: 'ideation', projectId: PROJECT },
      { type: 'focus.set', projectId: PROJECT2 },
      { type: 'policy.set', writers: 'everyone', privateMode: true, projector: 'canvas', chime: false },
      { type: 'timer.start', durationMs: 60_000 },
      { type: 'timer.pause' },
      { type: 'timer.resume' },
      { type: 'timer.add', ms: 30_000 },
      { type: 'timer.reset', durationMs: 120_000 },
      { type: 'present.set', on: true },
      { type: 'viewport.set', projectId: PROJECT, viewport: { x: 10, y: 20, zoom: 1.5 } },
      { type: 'spotlight.set', spotlight: { projectId: PROJECT, noteId: 'note0001' } },
      { type: 'vote.open', projectId: PROJECT, budget: 3 },
      { type: 'private.reveal', projectId: PROJECT, anonymous: false },
      { type: 'hands.clear' },
      { type: 'join.lock', locked: false },
      { type: 'question.show', projectId: PROJECT, questionId: 'quest001' },
      { type: 'question.answer', projectId: PROJECT, questionId: 'quest001', answered: true },
      { type: 'participant.remove', userId: users.viewer.userId },
    ];
    for (const command of commands) {
      for (const [role, s] of [
        ['commune', commune],
        ['expert', maker],
        ['viewer', viewer],
      ] as const) {
        if (!s.connected) continue;
        const res = await s.command(command);
        expect(res, `${role} ${command.type}`).toMatchObject({ ok: false, error: 'forbidden' });
      }
      const res = await fac.command(command);
      expect(res, `facilitator ${command.type}`).toMatchObject({ ok: true });
    }
    // States are broadcast at most every 50 ms: the last one carries everything.
    const { serverNow: _, ...final } = await t.server.facilitation.publicState(ws.id);
    await eventually(
      () => JSON.stringify({ ...fac.latest.state, serverNow: undefined }) === JSON.stringify({ ...final, serverNow: undefined }),
      'the final state',
    );
    const state = fac.latest.state!;
    expect(state).toMatchObject({ stage: 'ideation', projectId: PROJECT2, writers: 'everyone', projector: 'canvas', chime: false, privateMode: false });
    expect(state.timer).toEqual({ status: 'idle', durationMs: 120_000 });
    expect(state.spotlight).toEqual({ projectId: PROJECT, noteId: 'note0001' });
    expect(state.vote).toMatchObject({ status: 'open', budget: 3, voters: 0 });
  });

  it("one presenter at a time: a co-facilitator's view never reaches the wall until the lead hands it over", async () => {
    const { ws, fac, viewer, commune, users, sock } = await setup();
    const res = await fetch(`${t.url}/api/workshops/${ws.id}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'facilitator', name: 'Zoé' }),
    });
    expect(res.status).toBe(201);
    const coLink = (await res.json()) as { token: string; userId: string };
    const co = sock(coLink.token);
    await Promise.all([fac, viewer, commune, co].map(ready));
    const views: Array<{ projectId: string; x: number }> = [];
    viewer.on('viewport', (v) => views.push(v));
    const pan = (x: number) => ({ type: 'viewport.set', projectId: PROJECT, viewport: { x, y: 0, zoom: 1, width: 1600, height: 900 } });

    // The lead presents by default; the co-facilitator's panning is refused, with the reason.
    expect(await co.command({ type: 'present.set', on: true })).toMatchObject({ ok: false, error: 'forbidden' });
    const coPan = await co.command(pan(111));
    expect(coPan).toMatchObject({ ok: false, error: 'forbidden' });
    expect(coPan.ok ? '' : coPan.message).toMatch(/hand/);
    expect(await fac.command({ type: 'present.set', on: true })).toMatchObject({ ok: true });
    expect(await fac.command(pan(222))).toMatchObject({ ok: true });
    await eventually(() => views.some((v) => v.x === 222), 'the lead’s view on the wall');
    expect(await co.command(pan(333))).toMatchObject({ ok: false, error: 'forbidden' });

    // Only facilitators take the wall; only the presenter or the lead hands it over.
    expect(await fac.command({ type: 'presenter.set', userId: users.commune.userId })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await co.command({ type: 'presenter.set', userId: coLink.userId })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.command({ type: 'presenter.set', userId: coLink.userId })).toMatchObject({ ok: true });
    await eventually(
      () => viewer.latest.state?.presenter?.userId === coLink.userId && viewer.latest.state.presenting === false,
      'handed over, not yet presenting',
    );
    expect(viewer.latest.state?.presenter?.name).toBe('Zoé');
    expect(viewer.latest.state?.viewport).toBeNull();
    expect(await co.command({ type: 'present.set', on: true })).toMatchObject({ ok: true });
    expect(await co.command(pan(444))).toMatchObject({ ok: true });
    await eventually(() => views.some((v) => v.x === 444), 'the co-facilitator’s view on the wall');
    expect(await fac.command(pan(555))).toMatchObject({ ok: false, error: 'forbidden' });

    // The lead takes it back at any time; presenting stops.
    expect(await fac.command({ type: 'presenter.set', userId: null })).toMatchObject({ ok: true });
    await eventually(() => viewer.latest.state?.presenter === null && viewer.latest.state.presenting === false, 'taken back');
    expect(views.some((v) => v.x === 111 || v.x === 333 || v.x === 555)).toBe(false);
  });

  it('answers malformed commands with an error acknowledgement', async () => {
    const { fac } = await setup();
    await ready(fac);
    for (const bad of [null, 42, 'x', {}, { type: 'nope' }, { type: 'timer.start', durationMs: -5 }, { type: 'stage.set', stage: 'party' }]) {
      const res = await fac.command(bad);
      expect(res, JSON.stringify(bad)).toMatchObject({ ok: false, error: 'invalid' });
    }
    expect((await fac.command({ type: 'timer.pause' })).ok).toBe(false); // not running: a conflict, not a crash
    expect(fac.connected).toBe(true);
  });

  it('keeps the timer deadline across a reconnect, on the server clock', async () => {
    const { fac, commune, sock, users } = await setup();
    await Promise.all([fac, commune].map(ready));
    const before = Date.now();
    await fac.command({ type: 'timer.start', durationMs: 15 * 60_000 });
    await eventually(() => commune.latest.state?.timer.status === 'running', 'commune sees the timer');
    const timer = commune.latest.state!.timer as { deadline: number };
    expect(timer.deadline).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(timer.deadline).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    commune.close();
    await sleep(50);
    const again = sock(users.commune.token);
    await ready(again);
    expect(again.latest.state!.timer).toEqual(commune.latest.state!.timer);
    expect(Math.abs(again.latest.state!.serverNow - Date.now())).toBeLessThan(1000);
  });

  it('enforces the vote budget, hides totals until close, then writes results with a breakdown', async () => {
    const { ws, fac, commune, maker, researcher, viewer, users } = await setup();
    await Promise.all([fac, commune, maker, researcher, viewer].map(ready));
    const opened = await fac.command({ type: 'vote.open', projectId: PROJECT, budget: 3, perItemCap: 2 });
    const roundId = (opened as { data: { roundId: string } }).data.roundId;
    // Everyone learns of the new round with a full, empty ballot, before voting.
    await eventually(() => maker.latest.ballot?.roundId === roundId, 'ballot pushed to everyone');
    expect(maker.latest.ballot).toEqual({ roundId, votes: {}, remaining: 3 });
    const cast = (s: TestSocket, itemId: string, delta = 1) => s.command({ type: 'vote.cast', roundId, itemId, delta });

    expect(await cast(commune, 'note0001')).toMatchObject({ ok: true, data: { remaining: 2 } });
    expect(await cast(commune, 'note0001')).toMatchObject({ ok: true, data: { remaining: 1 } });
    expect(await cast(commune, 'note0001')).toMatchObject({ ok: false, error: 'cap_reached' });
    expect(await cast(commune, 'note0002')).toMatchObject({ ok: true, data: { remaining: 0 } });
    expect(await cast(commune, 'note0003')).toMatchObject({ ok: false, error: 'budget_exhausted' });
    expect(await cast(commune, 'note0003', -1)).toMatchObject({ ok: false, error: 'invalid' });
    expect(await cast(viewer, 'note0001')).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await cast(maker, 'note0002')).toMatchObject({ ok: true });
    expect(await cast(researcher, 'note0002')).toMatchObject({ ok: true });
    expect(await cast(researcher, 'note0001')).toMatchObject({ ok: true });
    expect(await cast(researcher, 'note0001', -1)).toMatchObject({ ok: true, data: { remaining: 2 } });
    await eventually(() => commune.latest.ballot?.remaining === 0, 'own ballot pushed');
    expect(commune.latest.ballot!.votes).toEqual({ note0001: 2, note0002: 1 });

    // Nothing anyone received while the round was open reveals totals or other people's ballots.
    for (const s of [commune, maker, viewer]) {
      for (const state of s.latest.states) {
        const json = JSON.stringify(state.vote);
        expect(json).not.toContain('note0001');
        expect(json).not.toContain('note0002');
      }
    }
    // State broadcasts are coalesced (at most one per interval): wait for the latest to arrive.
    await eventually(() => (viewer.latest.state?.vote as { voters?: number } | null)?.voters === 3, 'voter count reaches the wall');
    expect(viewer.latest.state!.vote).toMatchObject({ status: 'open', voters: 3 });
    expect(viewer.latest.ballot).toBeNull();

    const closed = await fac.command({ type: 'vote.close', roundId });
    expect(closed.ok).toBe(true);
    await eventually(() => maker.latest.ballot === null, 'ballots withdrawn at close');
    await eventually(() => viewer.latest.state?.vote?.status === 'closed', 'close broadcast');
    const results = (viewer.latest.state!.vote as { results: { items: unknown; voters: number; votersByGroup: unknown } }).results;
    expect(results.voters).toBe(3);
    expect(results.votersByGroup).toEqual({ commune: 1, maker: 1, researcher: 1, company: 0, facilitator: 0 });
    expect(results.items).toEqual([
      { itemId: 'note0002', total: 3, byGroup: { commune: 1, maker: 1, researcher: 1, company: 0, facilitator: 0 } },
      { itemId: 'note0001', total: 2, byGroup: { commune: 2, maker: 0, researcher: 0, company: 0, facilitator: 0 } },
    ]);
    // …and the results are content now: in the project's document, for everyone.
    const reader = provider(projectRoom(ws.id, PROJECT), users.viewer.token);
    await waitForSync(reader.provider);
    expect(readLatestVotes(reader.doc)).toEqual(results);
  });

  it('keeps private drafts out of other clients entirely until the reveal', async () => {
    const { ws, fac, users } = await setup();
    await ready(fac);
    await fac.command({ type: 'policy.set', privateMode: true });
    const room = projectRoom(ws.id, PROJECT);

    // Bob watches the shared canvas and records every frame he receives.
    const bobFrames = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${users.maker.token}`);
    await bobFrames.opened;
    const bob = provider(room, users.maker.token);
    await waitForSync(bob.provider);

    // Alice drafts in her private room.
    const mine = privateRoom(ws.id, PROJECT, users.commune.userId);
    const alice = provider(mine, users.commune.token);
    await waitForSync(alice.provider);
    addNote(alice.doc, {
      id: 'draft001',
      x: 0,
      y: 0,
      kind: 'idea',
      text: 'SECRET-IDEA-42',
      authorId: users.commune.userId,
      authorName: 'Commune',
      createdAt: 1,
    });
    await eventually(() => t.server.rooms.loaded(mine) !== null && readNotes(t.server.rooms.loaded(mine)!.doc).length === 1, 'draft stored');

    // Nobody else can open her drafts; a facilitator can.
    expect(await rawSocket(`${t.wsUrl}${YJS_PATH}/${mine}?token=${users.maker.token}`).refused).toBe(403);
    expect(await rawSocket(`${t.wsUrl}${YJS_PATH}/${mine}?token=${users.viewer.token}`).refused).toBe(403);
    const facView = provider(mine, ws.facilitatorToken);
    await waitForSync(facView.provider);
    expect(readNotes(facView.doc).map((n) => n.text)).toEqual(['SECRET-IDEA-42']);

    await sleep(100);
    expect(readNotes(bob.doc)).toEqual([]);
    const secret = Buffer.from('SECRET-IDEA-42');
    expect(bobFrames.frames.some((f) => Buffer.from(f).includes(secret))).toBe(false);

    const res = await fac.command({ type: 'private.reveal', projectId: PROJECT, anonymous: true });
    expect(res.ok).toBe(true);
    await eventually(() => readNotes(bob.doc).length === 1, 'revealed to Bob');
    expect(readNotes(bob.doc)[0]).toMatchObject({ id: 'draft001', text: 'SECRET-IDEA-42', authorName: '', authorId: '', anonymous: true });
    expect(bobFrames.frames.some((f) => Buffer.from(f).includes(secret))).toBe(true);
    await eventually(() => readNotes(alice.doc).length === 0, 'drafts emptied');
    expect(fac.latest.state!.privateMode).toBe(false);
    bobFrames.ws.close();
  });

  it('disconnects a removed participant everywhere and refuses their token from then on', async () => {
    const { ws, fac, commune, users } = await setup();
    await Promise.all([fac, commune].map(ready));
    const room = projectRoom(ws.id, PROJECT);
    const yjs = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${users.commune.token}`);
    await yjs.opened;
    const ended = new Promise<string>((resolve) => commune.on('session:ended', resolve));
    const disconnected = new Promise<void>((resolve) => commune.on('disconnect', () => resolve()));

    expect((await fac.command({ type: 'participant.remove', userId: users.commune.userId })).ok).toBe(true);
    expect(await ended).toBe('removed');
    await disconnected;
    expect((await yjs.closed).code).toBe(CloseCode.unauthorized);
    expect(await rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${users.commune.token}`).refused).toBe(401);
    expect((await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: { authorization: `Bearer ${users.commune.token}` } })).status).toBe(401);
  });

  it('enforces who may write on canvases per stage', async () => {
    const { ws, fac, users } = await setup();
    await ready(fac);
    const room = projectRoom(ws.id, PROJECT);
    const a = provider(room, users.commune.token);
    await waitForSync(a.provider);
    addNote(a.doc, { id: 'before01', x: 0, y: 0, kind: 'idea', text: 'avant', authorId: users.commune.userId, authorName: 'Commune', createdAt: 1 });
    await fac.command({ type: 'stage.set', stage: 'pitch', projectId: PROJECT });
    await sleep(50);
    addNote(a.doc, { id: 'during01', x: 0, y: 0, kind: 'idea', text: 'pendant', authorId: users.commune.userId, authorName: 'Commune', createdAt: 2 });
    const f = provider(room, ws.facilitatorToken);
    await waitForSync(f.provider);
    await sleep(100);
    expect(readNotes(f.doc).map((n) => n.id)).toEqual(['before01']);
    addNote(f.doc, { id: 'facil001', x: 0, y: 0, kind: 'idea', text: 'animateur', ...(await authorOf(t.url, ws.id, ws.facilitatorToken)), createdAt: 3 });
    await eventually(() => readNotes(a.doc).some((n) => n.id === 'facil001'), 'facilitator still writes');
  });

  it('locks joining', async () => {
    const { ws, fac } = await setup();
    await ready(fac);
    await fac.command({ type: 'join.lock', locked: true });
    const res = await fetch(`${t.url}/api/workshops/${ws.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: ws.joinCode, name: 'Tard', role: 'commune' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('joining_locked');
  });

  it('takes audience questions from anyone, with one upvote each, attached to the project', async () => {
    const { ws, fac, viewer, commune, maker } = await setup();
    await Promise.all([fac, viewer, commune, maker].map(ready));
    const asked = await viewer.command({ type: 'question.ask', projectId: PROJECT, text: '  Quel budget pour les capteurs ?  ' });
    const questionId = (asked as { data: { questionId: string } }).data.questionId;
    await commune.command({ type: 'question.upvote', projectId: PROJECT, questionId });
    await maker.command({ type: 'question.upvote', projectId: PROJECT, questionId });
    await maker.command({ type: 'question.upvote', projectId: PROJECT, questionId }); // takes it back
    await fac.command({ type: 'question.show', projectId: PROJECT, questionId });
    await fac.command({ type: 'question.answer', projectId: PROJECT, questionId, answered: true });
    const reader = provider(projectRoom(ws.id, PROJECT), ws.facilitatorToken);
    await waitForSync(reader.provider);
    await eventually(() => readQuestions(reader.doc)[0]?.answered === true, 'answered');
    expect(readQuestions(reader.doc)).toEqual([
      expect.objectContaining({ id: questionId, text: 'Quel budget pour les capteurs ?', authorName: 'Projecteur', upvoters: [expect.any(String)] }),
    ]);
    expect(fac.latest.state!.shownQuestion).toEqual({ projectId: PROJECT, questionId });
  });

  it('lists who is present and relays reactions and raised hands', async () => {
    const { fac, commune, viewer } = await setup();
    await Promise.all([fac, commune, viewer].map(ready));
    await eventually(() => viewer.latest.presence.length >= 5, 'presence list');
    expect(viewer.latest.presence.map((p) => p.name).sort()).toEqual(['Animateur·rice', 'Chercheuse', 'Commune', 'Maker', 'Projecteur']);
    const reaction = new Promise((resolve) => viewer.on('reaction', resolve));
    expect((await commune.command({ type: 'reaction.send', reaction: '👏' })).ok).toBe(true);
    expect(await reaction).toMatchObject({ name: 'Commune', reaction: '👏' });
    expect(await commune.command({ type: 'reaction.send', reaction: '👏' })).toMatchObject({ ok: false, error: 'rate_limited' });
    await commune.command({ type: 'hand.raise' });
    await eventually(() => viewer.latest.state?.hands.length === 1, 'hand shown');
    expect(await commune.command({ type: 'hand.lower', userId: 'someone1' })).toMatchObject({ ok: false, error: 'forbidden' });
    await fac.command({ type: 'hand.lower', userId: viewer.latest.state!.hands[0].userId });
    await eventually(() => viewer.latest.state?.hands.length === 0, 'hand lowered');
  });
});
