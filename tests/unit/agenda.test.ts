import { describe, expect, it } from 'vitest';
import {
  agendaProjectIds,
  agendaSteps,
  currentAfterEdit,
  dayDurationMs,
  duplicateAgendaId,
  findStep,
  nextStep,
  regardsCroisesAgenda,
  type Agenda,
} from '../../shared/agenda';
import { facilitationCommand } from '../../shared/commands';

const MIN = 60_000;

function ids() {
  let n = 0;
  return () => `id${String(++n).padStart(4, '0')}`;
}

const PROJECTS = ['andenne1', 'beaurai1', 'cineyxx1', 'dinantx1', 'gemblou1', 'marchex1', 'namurxx1'];

describe('the "Regards croisés" template', () => {
  const agenda = regardsCroisesAgenda(PROJECTS, { newId: ids(), dates: ['2026-05-12', '2026-06-16', '2026-09-22'] });

  it('has three dated days: reverse pitch and exchange, ideation, public pitch', () => {
    expect(agenda.map((d) => d.date)).toEqual(['2026-05-12', '2026-06-16', '2026-09-22']);
    const day1 = agenda[0].steps.filter((s) => s.stage !== 'break');
    expect(day1.map((s) => [s.stage, s.projectId])).toEqual(
      PROJECTS.flatMap((p) => [
        ['reverse-pitch', p],
        ['exchange', p],
      ]),
    );
    expect(day1.filter((s) => s.stage === 'reverse-pitch').every((s) => s.durationMs === 15 * MIN)).toBe(true);
    const day2 = agenda[1].steps.filter((s) => s.stage !== 'break');
    expect(day2.map((s) => [s.stage, s.projectId, s.durationMs])).toEqual(PROJECTS.map((p) => ['ideation', p, 120 * MIN]));
    const day3 = agenda[2].steps.filter((s) => s.stage !== 'break');
    expect(day3.slice(0, -1).map((s) => [s.stage, s.projectId, s.durationMs])).toEqual(PROJECTS.map((p) => ['pitch', p, 10 * MIN]));
    expect(day3.at(-1)).toMatchObject({ stage: 'closed', projectId: null, durationMs: 0 });
  });

  it('puts breaks between blocks of projects, never first or last', () => {
    for (const day of agenda) {
      const stages = day.steps.map((s) => s.stage);
      expect(stages[0]).not.toBe('break');
      expect(stages.at(-1)).not.toBe('break');
      expect(stages.filter((s) => s === 'break').length).toBeGreaterThan(0);
      for (let i = 1; i < stages.length; i++) expect(stages[i] === 'break' && stages[i - 1] === 'break').toBe(false);
    }
    // Ideation: a break between every two sessions of two hours.
    expect(agenda[1].steps.filter((s) => s.stage === 'break')).toHaveLength(PROJECTS.length - 1);
    expect(agenda[1].steps.find((s) => s.stage === 'break')?.durationMs).toBe(15 * MIN);
  });

  it('gives every day and step its own id, accepted by the agenda.set parser', () => {
    expect(duplicateAgendaId(agenda)).toBeNull();
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: agenda }).success).toBe(true);
    expect(agendaProjectIds(agenda).sort()).toEqual([...PROJECTS].sort());
  });

  it('totals each day: the ideation day is 14 hours of sessions plus breaks', () => {
    expect(dayDurationMs(agenda[1])).toBe(PROJECTS.length * 120 * MIN + (PROJECTS.length - 1) * 15 * MIN);
  });

  it('with no project still opens and closes', () => {
    const empty = regardsCroisesAgenda([], { newId: ids() });
    expect(empty.map((d) => d.steps.map((s) => s.stage))).toEqual([[], [], ['closed']]);
    expect(empty.every((d) => d.date === null)).toBe(true);
  });
});

const AGENDA: Agenda = [
  {
    id: 'day1',
    date: null,
    steps: [
      { id: 's1', stage: 'reverse-pitch', projectId: 'p1', durationMs: 15 * MIN },
      { id: 's2', stage: 'exchange', projectId: 'p1', durationMs: 30 * MIN },
    ],
  },
  { id: 'day2', date: null, steps: [] },
  { id: 'day3', date: null, steps: [{ id: 's3', stage: 'ideation', projectId: 'p2', durationMs: 120 * MIN }] },
];

describe('moving through the agenda', () => {
  it('numbers steps across days and finds them', () => {
    expect(agendaSteps(AGENDA).map((p) => [p.step.id, p.dayIndex, p.index, p.total])).toEqual([
      ['s1', 0, 0, 3],
      ['s2', 0, 1, 3],
      ['s3', 2, 2, 3],
    ]);
    expect(findStep(AGENDA, 's3')?.day.id).toBe('day3');
    expect(findStep(AGENDA, 'nope')).toBeNull();
    expect(findStep(AGENDA, null)).toBeNull();
  });

  it('next: the first step when none is current, across an empty day, then nothing', () => {
    expect(nextStep(AGENDA, null)?.step.id).toBe('s1');
    expect(nextStep(AGENDA, 's1')?.step.id).toBe('s2');
    expect(nextStep(AGENDA, 's2')?.step.id).toBe('s3');
    expect(nextStep(AGENDA, 's3')).toBeNull();
    expect(nextStep([], null)).toBeNull();
  });

  it('an edit keeps the current step, or the one before it when it was removed', () => {
    const withoutS2: Agenda = [{ ...AGENDA[0], steps: [AGENDA[0].steps[0]] }, AGENDA[1], AGENDA[2]];
    expect(currentAfterEdit(AGENDA, withoutS2, 's1')).toBe('s1');
    expect(currentAfterEdit(AGENDA, withoutS2, 's2')).toBe('s1');
    // So "next" goes on with what followed the removed step.
    expect(nextStep(withoutS2, currentAfterEdit(AGENDA, withoutS2, 's2'))?.step.id).toBe('s3');
    const withoutS1S2: Agenda = [{ ...AGENDA[0], steps: [] }, AGENDA[1], AGENDA[2]];
    expect(currentAfterEdit(AGENDA, withoutS1S2, 's2')).toBeNull();
    expect(currentAfterEdit(AGENDA, AGENDA, null)).toBeNull();
  });

  it('the parser refuses duplicate ids, bad dates and too many steps', () => {
    const step = { id: 'stepone', stage: 'break', projectId: null, durationMs: 0 };
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: [{ id: 'dayone', date: '2026-05-12', steps: [step] }] }).success).toBe(true);
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: [{ id: 'dayone', date: null, steps: [{ ...step, id: 'dayone' }] }] }).success).toBe(false);
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: [{ id: 'dayone', date: '12/05/2026', steps: [] }] }).success).toBe(false);
    const many = Array.from({ length: 4 }, (_, d) => ({
      id: `dayxx${d}`,
      date: null,
      steps: Array.from({ length: 60 }, (_, i) => ({ id: `st${d}x${i}xx`, stage: 'break', projectId: null, durationMs: MIN })),
    }));
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: many }).success).toBe(false);
    expect(facilitationCommand.safeParse({ type: 'agenda.set', days: many.slice(0, 3) }).success).toBe(true);
  });
});
