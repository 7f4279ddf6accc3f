import { describe, expect, it } from 'vitest';
import { regardsCroisesAgenda } from '../../shared/agenda';
import type { HeldQuestion } from '../../shared/facilitation';
import { newId } from '../../shared/ids';
import { projectRoom } from '../../shared/rooms';
import { readQuestions } from '../../shared/schema';
import { connectSocket, type TestSocket } from '../helpers/socketClients';
import { serverPerTest } from '../helpers/testServer';
import { eventually, TEST_PROJECTS, waitForSync } from '../helpers/yjsClients';

/** The agenda, bringing everyone along and question moderation, over real socket.io and y-websocket clients. */

const t = serverPerTest();

const [P1, P2] = TEST_PROJECTS;
const MIN = 60_000;

async function setup() {
  const ws = await t.createWorkshop('Regards croisés');
  const commune = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Élue', role: 'commune' });
  const expert = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Maker', role: 'expert', community: 'maker' });
  const sock = (token: string) => {
    const s = connectSocket(t.url, token);
    const held: HeldQuestion[][] = [];
    s.on('heldQuestions', (h) => held.push(h));
    t.cleanup(() => s.close());
    return Object.assign(s, { held });
  };
  const fac = sock(ws.facilitatorToken);
  const com = sock(commune.token);
  const exp = sock(expert.token);
  await Promise.all([fac, com, exp].map((s) => eventually(() => s.latest.state !== null, 'initial state')));
  return { ws, fac, com, exp, tokens: { commune: commune.token, expert: expert.token } };
}

const refusedWith = (s: TestSocket, cmd: unknown) => s.command(cmd);

describe('the agenda over socket.io', () => {
  it('"next step" applies the stage and focus and starts the step timer for everyone; refusals carry a reason', async () => {
    const { fac, com, tokens } = await setup();
    const days = regardsCroisesAgenda([P1, P2], { newId, dates: ['2026-05-12', '2026-06-16', '2026-09-22'] });
    // Participants cannot touch the programme.
    for (const cmd of [
      { type: 'agenda.set', days },
      { type: 'agenda.next' },
      { type: 'agenda.go', stepId: days[0].steps[0].id },
      { type: 'gather.set', on: true },
      { type: 'options.set', questionApproval: true },
    ]) {
      const ack = await refusedWith(com, cmd);
      expect(ack, cmd.type).toMatchObject({ ok: false, error: 'forbidden' });
      expect((ack as { message: string }).message).toMatch(/only facilitators/);
    }
    // An agenda naming a project the workshop lacks is refused, and nothing changes.
    const bad = [{ ...days[0], steps: [{ ...days[0].steps[0], projectId: 'nowhere01' }] }];
    expect(await fac.command({ type: 'agenda.set', days: bad })).toMatchObject({ ok: false, error: 'unknown_project' });
    expect(await fac.command({ type: 'agenda.next' })).toMatchObject({ ok: false, error: 'conflict', message: 'the agenda has no steps' });

    expect(await fac.command({ type: 'agenda.set', days })).toMatchObject({ ok: true });
    await eventually(() => com.latest.state?.agenda.length === 3, 'the agenda reaches participants');
    expect(com.latest.state!.agenda.map((d) => d.date)).toEqual(['2026-05-12', '2026-06-16', '2026-09-22']);

    const before = Date.now();
    expect(await fac.command({ type: 'agenda.next', from: null })).toMatchObject({ ok: true, data: { stepId: days[0].steps[0].id } });
    await eventually(() => com.latest.state?.agendaStepId === days[0].steps[0].id, 'the participant sees the step');
    const s = com.latest.state!;
    expect([s.stage, s.projectId, s.timer.status, s.timer.durationMs]).toEqual(['reverse-pitch', P1, 'running', 15 * MIN]);
    const deadline = (s.timer as { deadline: number }).deadline;
    expect(deadline).toBeGreaterThanOrEqual(before + 15 * MIN);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 15 * MIN);

    // Two facilitators pressing at once: one step, not two.
    const [a, b] = await Promise.all([
      fac.command({ type: 'agenda.next', from: days[0].steps[0].id }),
      fac.command({ type: 'agenda.next', from: days[0].steps[0].id }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    await eventually(() => com.latest.state?.agendaStepId === days[0].steps[1].id, 'exactly one step on');

    // Jump to the ideation day: two hours, running.
    expect(await fac.command({ type: 'agenda.go', stepId: days[1].steps[0].id })).toMatchObject({ ok: true });
    await eventually(() => com.latest.state?.stage === 'ideation', 'ideation');
    expect(com.latest.state!.timer).toMatchObject({ status: 'running', durationMs: 120 * MIN });
    expect(await fac.command({ type: 'agenda.go', stepId: 'nostep01' })).toMatchObject({ ok: false, error: 'invalid' });

    // The programme and where the room stands survive a restart of the server.
    await t.restart();
    const again = t.socket(tokens.commune);
    await eventually(() => again.latest.state !== null, 'state after restart');
    expect(again.latest.state!.agenda).toEqual(days);
    expect(again.latest.state!.agendaStepId).toBe(days[1].steps[0].id);
  });
});

describe('question moderation over socket.io and the documents', () => {
  it('held questions reach facilitators only and no document until approved; anonymous, hide and delete', async () => {
    const { ws, fac, com, exp, tokens } = await setup();
    const reader = t.provider(projectRoom(ws.id, P1), tokens.expert);
    await waitForSync(reader.provider);

    // Anonymous questions are refused until the workshop allows them.
    expect(await com.command({ type: 'question.ask', projectId: P1, text: 'Anonyme ?', anonymous: true })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.command({ type: 'options.set', questionApproval: true, anonymousQuestions: true })).toMatchObject({ ok: true });
    await eventually(() => com.latest.state?.options.questionApproval === true, 'options reach participants');

    const asked = await com.command({ type: 'question.ask', projectId: P1, text: 'Qui finance les capteurs ?' });
    expect(asked).toMatchObject({ ok: true, data: { pending: true } });
    const anon = await exp.command({ type: 'question.ask', projectId: P1, text: 'Et la vie privée ?', anonymous: true });
    const [qid, anonId] = [asked, anon].map((a) => (a as { data: { questionId: string } }).data.questionId);
    await eventually(() => fac.held.at(-1)?.length === 2, 'the facilitator hears of both');
    expect(fac.held.at(-1)).toEqual([
      expect.objectContaining({ id: qid, text: 'Qui finance les capteurs ?', authorName: 'Élue', anonymous: false }),
      expect.objectContaining({ id: anonId, authorId: '', authorName: '', anonymous: true }),
    ]);
    // Participants hear nothing of held questions, by any path.
    expect(com.held).toEqual([]);
    expect(exp.held).toEqual([]);
    expect(JSON.stringify(com.latest.state)).not.toContain('Qui finance');
    expect(readQuestions(reader.doc)).toEqual([]);
    expect(await com.command({ type: 'question.approve', projectId: P1, questionId: qid })).toMatchObject({ ok: false, error: 'forbidden' });

    expect(await fac.command({ type: 'question.approve', projectId: P1, questionId: qid })).toMatchObject({ ok: true });
    expect(await fac.command({ type: 'question.approve', projectId: P1, questionId: anonId })).toMatchObject({ ok: true });
    await eventually(() => readQuestions(reader.doc).length === 2, 'approved questions are published');
    const anonQ = readQuestions(reader.doc).find((q) => q.id === anonId)!;
    expect([anonQ.anonymous, anonQ.authorId, anonQ.authorName]).toEqual([true, '', '']);
    await eventually(() => fac.held.at(-1)?.length === 0, 'the queue is empty');

    // Hide (facilitators only), shown question leaves the wall; then delete.
    await fac.command({ type: 'question.show', projectId: P1, questionId: qid });
    await eventually(() => com.latest.state?.shownQuestion?.questionId === qid, 'shown');
    expect(await com.command({ type: 'question.hide', projectId: P1, questionId: qid, hidden: true })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.command({ type: 'question.hide', projectId: P1, questionId: qid, hidden: true })).toMatchObject({ ok: true });
    await eventually(() => readQuestions(reader.doc).find((q) => q.id === qid)?.hidden === true, 'hidden');
    await eventually(() => com.latest.state?.shownQuestion === null, 'off the wall');
    expect(await fac.command({ type: 'question.delete', projectId: P1, questionId: qid })).toMatchObject({ ok: true });
    await eventually(() => readQuestions(reader.doc).length === 1, 'deleted');
    expect(await fac.command({ type: 'question.delete', projectId: P1, questionId: qid })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await fac.command({ type: 'question.delete', projectId: 'nowhere01', questionId: qid })).toMatchObject({ ok: false, error: 'unknown_project' });
  });

  it('"bring everyone" reaches every participant with the server time of the ask', async () => {
    const { fac, com, exp } = await setup();
    const before = Date.now();
    expect(await fac.command({ type: 'gather.set', on: true })).toMatchObject({ ok: true });
    await eventually(() => com.latest.state?.gather != null && exp.latest.state?.gather != null, 'everyone hears it');
    expect(com.latest.state!.gather).toBeGreaterThanOrEqual(before);
    expect(await fac.command({ type: 'gather.set', on: false })).toMatchObject({ ok: true });
    await eventually(() => com.latest.state?.gather === null, 'released');
  });
});
