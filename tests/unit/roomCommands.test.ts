import { describe, expect, it } from 'vitest';
import { applyCommand, type Outcome } from '../../server/facilitation/applyCommand';
import type { Agenda } from '../../shared/agenda';
import type { FacilitationCommand } from '../../shared/commands';
import { initialFacilitation, MAX_HELD_QUESTIONS, publicFacilitation, type FacilitationState, type HeldQuestion } from '../../shared/facilitation';
import type { Principal } from '../../shared/protocol';
import type { Role } from '../../shared/schema';

const NOW = 5_000_000;
const MIN = 60_000;
const who = (userId: string, role: Role): Principal => ({
  userId,
  workshopId: 'wshop01',
  name: `Name ${userId}`,
  role,
  community: role === 'expert' ? 'maker' : null,
});
const fac = who('facil01', 'facilitator');
const commune = who('commune01', 'commune');

let n = 0;
const run = (state: FacilitationState, actor: Principal, cmd: FacilitationCommand, now = NOW): Outcome =>
  applyCommand(state, actor, cmd, { now, newId: () => `newid${String(++n).padStart(4, '0')}` });
const ok = (state: FacilitationState, actor: Principal, cmd: FacilitationCommand, now = NOW) => {
  const out = run(state, actor, cmd, now);
  if (!out.ok) throw new Error(`refused: ${out.message}`);
  return out;
};
const base = (over: Partial<FacilitationState> = {}): FacilitationState => ({ ...initialFacilitation(), ...over });

const AGENDA: Agenda = [
  {
    id: 'day001',
    date: '2026-05-12',
    steps: [
      { id: 'step01', stage: 'reverse-pitch', projectId: 'proj01', durationMs: 15 * MIN },
      { id: 'step02', stage: 'break', projectId: null, durationMs: 15 * MIN },
    ],
  },
  {
    id: 'day002',
    date: '2026-06-16',
    steps: [
      { id: 'step03', stage: 'ideation', projectId: 'proj02', durationMs: 120 * MIN },
      { id: 'step04', stage: 'closed', projectId: null, durationMs: 0 },
    ],
  },
];

describe('agenda.next: applies the step and starts its own timer in one command', () => {
  it('goes through every step with its stage, focus and duration, then refuses at the end', () => {
    let s = base({ agenda: AGENDA, timer: { status: 'idle', durationMs: 60_000 } });
    const seen: Array<[string, string | null, string, number]> = [];
    for (let i = 0; i < 4; i++) {
      const out = ok(s, fac, { type: 'agenda.next', from: s.agendaStepId });
      s = out.state;
      expect(out.data).toEqual({ stepId: s.agendaStepId });
      seen.push([s.stage, s.projectId, s.timer.status, s.timer.durationMs]);
    }
    expect(seen).toEqual([
      ['reverse-pitch', 'proj01', 'running', 15 * MIN],
      ['break', null, 'running', 15 * MIN],
      ['ideation', 'proj02', 'running', 120 * MIN],
      ['closed', null, 'idle', 0],
    ]);
    const end = run(s, fac, { type: 'agenda.next', from: s.agendaStepId });
    expect(end).toMatchObject({ ok: false, error: 'conflict', message: 'this was the last step of the agenda' });
  });

  it('the timer runs from the server time of the command, whatever was typed before', () => {
    const s = base({ agenda: AGENDA, timer: { status: 'paused', durationMs: MIN, remainingMs: 1000 } });
    const out = ok(s, fac, { type: 'agenda.next' }, NOW + 42);
    expect(out.state.timer).toEqual({ status: 'running', durationMs: 15 * MIN, deadline: NOW + 42 + 15 * MIN });
    expect(out.state.writers).toBe('everyone');
    expect(out.state.projector).toBe('canvas');
  });

  it('a double press cannot skip a step: the second one names a step the room has left', () => {
    const s = base({ agenda: AGENDA });
    const first = ok(s, fac, { type: 'agenda.next', from: null });
    expect(run(first.state, fac, { type: 'agenda.next', from: null })).toMatchObject({
      ok: false,
      error: 'conflict',
      message: 'the agenda has moved on already',
    });
  });

  it('refuses an empty agenda, and participants', () => {
    expect(run(base(), fac, { type: 'agenda.next' })).toMatchObject({ ok: false, error: 'conflict', message: 'the agenda has no steps' });
    expect(run(base({ agenda: AGENDA }), commune, { type: 'agenda.next' })).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('clears raised hands, the spotlight and the question on the wall', () => {
    const s = base({
      agenda: AGENDA,
      hands: [{ userId: 'commune01', name: 'C', raisedAt: 1 }],
      spotlight: { projectId: 'proj01', noteId: 'note01' },
      shownQuestion: { projectId: 'proj01', questionId: 'ques01' },
    });
    const out = ok(s, fac, { type: 'agenda.next' });
    expect([out.state.hands, out.state.spotlight, out.state.shownQuestion]).toEqual([[], null, null]);
    const keep = ok({ ...s, options: { ...s.options, clearHandsOnStage: false } }, fac, { type: 'agenda.next' });
    expect(keep.state.hands).toEqual(s.hands);
  });
});

describe('agenda.go and agenda.set', () => {
  it('go jumps to a step (any day) and starts it; an unknown step is refused', () => {
    const out = ok(base({ agenda: AGENDA }), fac, { type: 'agenda.go', stepId: 'step03' });
    expect([out.state.agendaStepId, out.state.stage, out.state.projectId, out.state.timer.status]).toEqual(['step03', 'ideation', 'proj02', 'running']);
    expect(run(base({ agenda: AGENDA }), fac, { type: 'agenda.go', stepId: 'nostep1' })).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('set replaces the agenda without touching the room; removing the current step keeps the place', () => {
    const at2 = base({ agenda: AGENDA, agendaStepId: 'step02', stage: 'break' });
    const edited: Agenda = [{ ...AGENDA[0], steps: [AGENDA[0].steps[0]] }, AGENDA[1]];
    const out = ok(at2, fac, { type: 'agenda.set', days: edited });
    expect(out.state).toEqual({ ...at2, agenda: edited, agendaStepId: 'step01' });
    expect(ok(out.state, fac, { type: 'agenda.next', from: 'step01' }).state.agendaStepId).toBe('step03');
  });
});

describe('gather (bring everyone to me) and options', () => {
  it('gather.set stamps each ask with the server time, and clears', () => {
    const on = ok(base(), fac, { type: 'gather.set', on: true }, NOW + 1);
    expect(on.state.gather).toBe(NOW + 1);
    expect(ok(on.state, fac, { type: 'gather.set', on: true }, NOW + 9).state.gather).toBe(NOW + 9);
    expect(ok(on.state, fac, { type: 'gather.set', on: false }).state.gather).toBeNull();
    expect(run(base(), commune, { type: 'gather.set', on: true })).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('options.set changes only what it names', () => {
    const out = ok(base(), fac, { type: 'options.set', questionApproval: true });
    expect(out.state.options).toEqual({ clearHandsOnStage: true, questionApproval: true, anonymousQuestions: false });
  });
});

describe('question moderation', () => {
  const approval = base({ options: { clearHandsOnStage: true, questionApproval: true, anonymousQuestions: true } });

  it('with approval on, a participant question is held by the server and written nowhere', () => {
    const out = ok(approval, commune, { type: 'question.ask', projectId: 'proj01', text: 'Who pays?' });
    expect(out.effects).toEqual([]);
    expect(out.quiet).toBe(true);
    expect(out.data).toMatchObject({ pending: true });
    expect(out.state.heldQuestions).toEqual([
      {
        id: (out.data as { questionId: string }).questionId,
        projectId: 'proj01',
        text: 'Who pays?',
        authorId: 'commune01',
        authorName: 'Name commune01',
        anonymous: false,
        askedAt: NOW,
      },
    ]);
    // Nobody else learns of it through the public state.
    expect(JSON.stringify(publicFacilitation(out.state, NOW))).not.toContain('Who pays?');
  });

  it('a facilitator asks without approval; approving publishes the held question as it was asked', () => {
    expect(ok(approval, fac, { type: 'question.ask', projectId: 'proj01', text: 'Q?' }).effects).toHaveLength(1);
    const held = ok(approval, commune, { type: 'question.ask', projectId: 'proj01', text: 'Why?', anonymous: true });
    const q = held.state.heldQuestions[0];
    expect([q.authorId, q.authorName, q.anonymous]).toEqual(['', '', true]);
    const approved = ok(held.state, fac, { type: 'question.approve', projectId: 'proj01', questionId: q.id });
    expect(approved.state.heldQuestions).toEqual([]);
    expect(approved.effects).toEqual([
      { type: 'addQuestion', projectId: 'proj01', questionId: q.id, text: 'Why?', authorId: '', authorName: '', askedAt: NOW, anonymous: true },
    ]);
    expect(run(approved.state, fac, { type: 'question.approve', projectId: 'proj01', questionId: q.id })).toMatchObject({ ok: false, error: 'conflict' });
    expect(run(held.state, commune, { type: 'question.approve', projectId: 'proj01', questionId: q.id })).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('anonymous questions are refused unless the workshop allows them', () => {
    expect(run(base(), commune, { type: 'question.ask', projectId: 'proj01', text: 'Hm?', anonymous: true })).toMatchObject({ ok: false, error: 'forbidden' });
    const out = ok(base({ options: { ...approval.options, questionApproval: false } }), commune, {
      type: 'question.ask',
      projectId: 'proj01',
      text: 'Hm?',
      anonymous: true,
    });
    expect(out.effects[0]).toMatchObject({ type: 'addQuestion', authorId: '', authorName: '', anonymous: true });
  });

  it('delete drops a held question from the state, a published one from the document (and the wall)', () => {
    const held: HeldQuestion = { id: 'ques09', projectId: 'proj01', text: 'x', authorId: 'a', authorName: 'A', anonymous: false, askedAt: 1 };
    const a = ok(base({ heldQuestions: [held] }), fac, { type: 'question.delete', projectId: 'proj01', questionId: 'ques09' });
    expect([a.state.heldQuestions, a.effects]).toEqual([[], []]);
    const shown = base({ shownQuestion: { projectId: 'proj01', questionId: 'ques01' } });
    const b = ok(shown, fac, { type: 'question.delete', projectId: 'proj01', questionId: 'ques01' });
    expect(b.effects).toEqual([{ type: 'deleteQuestion', projectId: 'proj01', questionId: 'ques01' }]);
    expect(b.state.shownQuestion).toBeNull();
    expect(b.quiet).toBeUndefined();
  });

  it('hiding or answering the question on the wall takes it off the wall', () => {
    const shown = base({ shownQuestion: { projectId: 'proj01', questionId: 'ques01' } });
    const hide = ok(shown, fac, { type: 'question.hide', projectId: 'proj01', questionId: 'ques01', hidden: true });
    expect(hide.state.shownQuestion).toBeNull();
    expect(hide.effects).toEqual([{ type: 'hideQuestion', projectId: 'proj01', questionId: 'ques01', hidden: true }]);
    const answered = ok(shown, fac, { type: 'question.answer', projectId: 'proj01', questionId: 'ques01', answered: true });
    expect(answered.state.shownQuestion).toBeNull();
    // Another question answered: the wall keeps its question.
    expect(ok(shown, fac, { type: 'question.answer', projectId: 'proj01', questionId: 'ques02', answered: true }).state.shownQuestion).toEqual(
      shown.shownQuestion,
    );
  });

  it('refuses more held questions than the cap', () => {
    const full = {
      ...approval,
      heldQuestions: Array.from({ length: MAX_HELD_QUESTIONS }, (_, i) => ({
        id: `held${String(i).padStart(4, '0')}`,
        projectId: 'proj01',
        text: 't',
        authorId: 'x',
        authorName: 'X',
        anonymous: false,
        askedAt: i,
      })),
    };
    expect(run(full, commune, { type: 'question.ask', projectId: 'proj01', text: 'one more' })).toMatchObject({ ok: false, error: 'conflict' });
  });
});
