import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addProject } from '../../shared/operations';
import { COMMAND_ERRORS } from '../../shared/protocol';
import { privateRoom, projectRoom, workshopRoom } from '../../shared/rooms';
import { readNotes, readQuestions } from '../../shared/schema';
import { COMMAND_LIMITS, CONNECTION_LIMIT } from '../../server/facilitation/commandLimits';
import { STATE_BROADCAST_INTERVAL_MS } from '../../server/facilitation/FacilitationService';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectSocket, type TestSocket } from '../helpers/socketClients';
import { authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';

let t: TestServer;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await t.stop();
});

const PROJECT = 'proj0001';

async function setup(opts: Parameters<typeof startTestServer>[0] = {}) {
  t = await startTestServer(opts);
  const ws = await t.createWorkshop('Limites');
  await t.server.rooms.withRoom(workshopRoom(ws.id), (room) =>
    addProject(room.doc, { id: PROJECT, name: 'Air', commune: 'Namur', themeId: null, createdAt: 1 }),
  );
  const join = (name: string, role: 'commune' | 'viewer') => t.join(ws.id, { joinCode: ws.joinCode, name, role });
  const users = { commune: await join('Commune', 'commune'), viewer: await join('Public', 'viewer'), other: await join('Autre', 'viewer') };
  const sock = async (token: string) => {
    const s = connectSocket(t.url, token);
    cleanups.push(() => s.close());
    await eventually(() => s.latest.state !== null, 'initial state');
    return s;
  };
  return { ws, users, sock };
}

const burst = (s: TestSocket, n: number, command: (i: number) => unknown) => Promise.all(Array.from({ length: n }, (_, i) => s.command(command(i))));
const errors = (acks: Array<{ ok: boolean; error?: string }>) => acks.map((a) => (a.ok ? 'ok' : a.error));

describe('bounded work per socket.io command', () => {
  it('limits questions per person, across reconnects, with a declared reason code', async () => {
    const { ws, users, sock } = await setup();
    const viewer = await sock(users.viewer.token);
    const acks = await burst(viewer, 60, (i) => ({ type: 'question.ask', projectId: PROJECT, text: `Question ${i}` }));
    const limit = COMMAND_LIMITS.question.burst;
    expect(errors(acks).slice(0, limit)).toEqual(Array(limit).fill('ok'));
    expect(errors(acks).slice(limit + 1)).toEqual(Array(60 - limit - 1).fill('rate_limited'));
    expect(COMMAND_ERRORS).toContain('rate_limited');
    expect(acks.at(-1)).toMatchObject({ ok: false, message: expect.stringContaining('question.ask') });
    const questions = await t.server.rooms.withRoom(projectRoom(ws.id, PROJECT), (room) => readQuestions(room.doc).length);
    expect(questions).toBeGreaterThanOrEqual(limit);
    expect(questions).toBeLessThanOrEqual(limit + 1);

    // A new connection of the same person does not start afresh; someone else is not affected.
    viewer.close();
    const again = await sock(users.viewer.token);
    expect(await again.command({ type: 'question.ask', projectId: PROJECT, text: 'Encore ?' })).toMatchObject({ ok: false, error: 'rate_limited' });
    const other = await sock(users.other.token);
    expect(await other.command({ type: 'question.ask', projectId: PROJECT, text: 'Et moi ?' })).toMatchObject({ ok: true });
  });

  it('limits raised hands per person and every event per connection, and the connection stays usable', async () => {
    const { ws, users, sock } = await setup();
    const commune = await sock(users.commune.token);
    const hands = await burst(commune, 40, (i) => ({ type: i % 2 ? 'hand.lower' : 'hand.raise' }));
    expect(errors(hands).filter((e) => e === 'ok')).toHaveLength(COMMAND_LIMITS.hand.burst);
    expect(errors(hands).filter((e) => e === 'rate_limited')).toHaveLength(40 - COMMAND_LIMITS.hand.burst);

    // Anything at all, even malformed, counts against the connection's bucket.
    const fac = await sock(ws.facilitatorToken);
    const started = performance.now();
    const flood = await burst(fac, CONNECTION_LIMIT.burst * 3, () => ({ type: 'nope' }));
    const refilled = Math.ceil(((performance.now() - started) / 1000) * CONNECTION_LIMIT.perSecond);
    expect(errors(flood).filter((e) => e === 'invalid').length).toBeLessThanOrEqual(CONNECTION_LIMIT.burst + refilled);
    expect(errors(flood).filter((e) => e === 'rate_limited').length).toBeGreaterThanOrEqual(CONNECTION_LIMIT.burst * 2 - refilled);
    expect(fac.connected).toBe(true);
    // A facilitator's other connection is not limited by this one.
    const second = await sock(ws.facilitatorToken);
    expect(await second.command({ type: 'timer.reset', durationMs: 60_000 })).toMatchObject({ ok: true });
  });

  it('refuses commands naming a project the workshop does not have, and opens no room for it', async () => {
    const { ws, users, sock } = await setup();
    const viewer = await sock(users.viewer.token);
    const fac = await sock(ws.facilitatorToken);
    const ghost = 'ghost0001';
    expect(await viewer.command({ type: 'question.ask', projectId: ghost, text: 'Allô ?' })).toMatchObject({ ok: false, error: 'unknown_project' });
    expect(await viewer.command({ type: 'question.upvote', projectId: ghost, questionId: 'quest001' })).toMatchObject({ ok: false, error: 'unknown_project' });
    for (const command of [
      { type: 'focus.set', projectId: ghost },
      { type: 'stage.set', stage: 'ideation', projectId: ghost },
      { type: 'viewport.set', projectId: ghost, viewport: { x: 0, y: 0, zoom: 1 } },
      { type: 'spotlight.set', spotlight: { projectId: ghost, noteId: 'note0001' } },
      { type: 'vote.open', projectId: ghost, budget: 3 },
      { type: 'private.reveal', projectId: ghost, anonymous: false },
      { type: 'question.show', projectId: ghost, questionId: 'quest001' },
      { type: 'question.answer', projectId: ghost, questionId: 'quest001', answered: true },
    ]) {
      expect(await fac.command(command), command.type).toMatchObject({ ok: false, error: 'unknown_project' });
    }
    // A participant sending a facilitator's command is told it is not theirs first.
    expect(await viewer.command({ type: 'focus.set', projectId: ghost })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(t.server.rooms.loadedNames().filter((n) => n.includes(ghost))).toEqual([]);
    expect(await t.server.storage.docs.listRooms(`${ws.id}.${ghost}`)).toEqual([]);
    expect((await t.server.facilitation.publicState(ws.id)).projectId).toBeNull();
    // The real project still works.
    expect(await fac.command({ type: 'focus.set', projectId: PROJECT })).toMatchObject({ ok: true });
  });

  it('counts questions and revealed drafts against the document size limit', async () => {
    const { ws, users, sock } = await setup({ maxDocumentBytes: 20_000 });
    const room = projectRoom(ws.id, PROJECT);
    // The canvas fills up with a client's note (counted as it arrives).
    const writer = connectProvider(t.wsUrl, room, ws.facilitatorToken);
    cleanups.push(() => writer.provider.destroy());
    await waitForSync(writer.provider);
    const author = await authorOf(t.url, ws.id, ws.facilitatorToken);
    const ids = Array.from({ length: 9 }, (_, i) => `bignote${i}`);
    const onServer = () => t.server.rooms.loaded(room);
    for (const [i, id] of ids.slice(0, 8).entries()) addNote(writer.doc, { id, x: 0, y: 0, kind: 'idea', text: 'x'.repeat(2_000), ...author, createdAt: i });
    await eventually(() => onServer() !== null && readNotes(onServer()!.doc).length === 8, 'the notes on the server');
    // The last one leaves less room than a question needs.
    const left = 20_000 - Y.encodeStateAsUpdate(onServer()!.doc).byteLength;
    addNote(writer.doc, { id: ids[8], x: 0, y: 0, kind: 'idea', text: 'x'.repeat(Math.min(2_000, left - 300)), ...author, createdAt: 8 });
    await eventually(() => readNotes(onServer()!.doc).length === 9, 'the last note on the server');
    const viewer = await sock(users.viewer.token);
    expect(await viewer.command({ type: 'question.ask', projectId: PROJECT, text: 'q'.repeat(280) })).toMatchObject({ ok: false, error: 'document_too_large' });
    expect(await t.server.rooms.withRoom(room, (r) => readQuestions(r.doc))).toEqual([]);

    // A draft that would not fit stays private; the facilitator is told.
    const fac = await sock(ws.facilitatorToken);
    const drafts = privateRoom(ws.id, PROJECT, users.commune.userId);
    await t.server.rooms.withRoom(drafts, (r) =>
      addNote(r.doc, {
        id: 'draft001',
        x: 0,
        y: 0,
        kind: 'idea',
        text: 'brouillon '.repeat(100),
        authorId: users.commune.userId,
        authorName: 'Commune',
        createdAt: 2,
      }),
    );
    const reveal = await fac.command({ type: 'private.reveal', projectId: PROJECT, anonymous: false });
    expect(reveal).toMatchObject({ ok: false, error: 'document_too_large' });
    expect(await t.server.rooms.withRoom(room, (r) => readNotes(r.doc).map((n) => n.id))).toEqual(ids);
    expect(await t.server.rooms.withRoom(drafts, (r) => readNotes(r.doc).map((n) => n.id))).toEqual(['draft001']);
  });

  it('coalesces state broadcasts of a busy workshop to at most one per interval, ending on the latest state', async () => {
    const { ws, users, sock } = await setup();
    const fac = await sock(ws.facilitatorToken);
    const watcher = await sock(users.viewer.token);
    const before = watcher.latest.states.length;
    const started = performance.now();
    const acks = await burst(fac, 80, () => ({ type: 'timer.add', ms: 1000 }));
    expect(errors(acks)).toEqual(Array(80).fill('ok'));
    const { serverNow: _, ...final } = await t.server.facilitation.publicState(ws.id);
    await eventually(() => JSON.stringify({ ...watcher.latest.state, serverNow: 0 }) === JSON.stringify({ ...final, serverNow: 0 }), 'the latest state');
    const elapsed = performance.now() - started;
    const received = watcher.latest.states.length - before;
    // 80 changes; one broadcast at once, then at most one per interval while they keep coming.
    expect(received).toBeLessThanOrEqual(2 + Math.ceil(elapsed / STATE_BROADCAST_INTERVAL_MS));
    expect(received).toBeLessThan(80);
  });
});
