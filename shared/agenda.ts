import { STAGE_DEFAULTS, type Stage } from './facilitation';

/**
 * The programme as an agenda: days (months apart in the "Regards croisés" programme) holding ordered
 * steps, each a stage with the project in focus and its own duration. The facilitator runs it with
 * "next step", which applies the step and starts its timer in one server command. Pure.
 */

export interface AgendaStep {
  id: string;
  stage: Stage;
  projectId: string | null;
  /** The step's own timer; 0 for steps without one (closed). */
  durationMs: number;
}

export interface AgendaDay {
  id: string;
  /** `YYYY-MM-DD`, or null while not fixed. */
  date: string | null;
  steps: AgendaStep[];
}

export type Agenda = AgendaDay[];

export const MAX_AGENDA_DAYS = 10;
export const MAX_AGENDA_STEPS = 200;

const MIN = 60_000;

/** Lengths of the programme's steps ("Regards croisés sur la SmartCity"). */
export const TEMPLATE_MINUTES = { reversePitch: 15, exchange: 30, ideation: 120, pitch: 10, break: 15 } as const;

/** A break every this many projects on the pitch days; between every two on the ideation day. */
const PROJECTS_BETWEEN_BREAKS = 3;

export interface TemplateOptions {
  /** Makes the ids of days and steps (the server checks they are ids). */
  newId: () => string;
  /** Dates of the three days, when known. */
  dates?: readonly [string | null, string | null, string | null];
}

/**
 * The "Regards croisés" programme for these projects, in their order: day 1 a reverse pitch (15 min)
 * then an exchange per project; day 2 two hours of ideation per project; day 3 a 10-minute public
 * pitch per project, then the workshop closes. Breaks between blocks of projects.
 */
export function regardsCroisesAgenda(projectIds: readonly string[], { newId, dates }: TemplateOptions): Agenda {
  const step = (stage: Stage, projectId: string | null, minutes: number): AgendaStep => ({ id: newId(), stage, projectId, durationMs: minutes * MIN });
  const withBreaks = (every: number, perProject: (id: string) => AgendaStep[]): AgendaStep[] =>
    projectIds.flatMap((id, i) => {
      const steps = perProject(id);
      const last = i === projectIds.length - 1;
      return !last && (i + 1) % every === 0 ? [...steps, step('break', null, TEMPLATE_MINUTES.break)] : steps;
    });
  const m = TEMPLATE_MINUTES;
  return [
    {
      id: newId(),
      date: dates?.[0] ?? null,
      steps: withBreaks(PROJECTS_BETWEEN_BREAKS, (id) => [step('reverse-pitch', id, m.reversePitch), step('exchange', id, m.exchange)]),
    },
    { id: newId(), date: dates?.[1] ?? null, steps: withBreaks(1, (id) => [step('ideation', id, m.ideation)]) },
    {
      id: newId(),
      date: dates?.[2] ?? null,
      steps: [...withBreaks(PROJECTS_BETWEEN_BREAKS, (id) => [step('pitch', id, m.pitch)]), step('closed', null, 0)],
    },
  ];
}

/** A new step of a stage, with the stage's default duration. */
export function newStep(id: string, stage: Stage, projectId: string | null): AgendaStep {
  return { id, stage, projectId, durationMs: STAGE_DEFAULTS[stage].durationMs };
}

export interface StepPosition {
  step: AgendaStep;
  day: AgendaDay;
  dayIndex: number;
  /** Index in the whole agenda (all days, in order). */
  index: number;
  total: number;
}

/** Every step in order, with where it stands. */
export function agendaSteps(agenda: Agenda): StepPosition[] {
  const all: Array<Omit<StepPosition, 'total'>> = [];
  agenda.forEach((day, dayIndex) => {
    for (const step of day.steps) all.push({ step, day, dayIndex, index: all.length });
  });
  return all.map((p) => ({ ...p, total: all.length }));
}

export function findStep(agenda: Agenda, stepId: string | null): StepPosition | null {
  if (stepId === null) return null;
  return agendaSteps(agenda).find((p) => p.step.id === stepId) ?? null;
}

/** The step after the current one (the first one when none is current); null at the end. */
export function nextStep(agenda: Agenda, currentId: string | null): StepPosition | null {
  const steps = agendaSteps(agenda);
  if (currentId === null) return steps[0] ?? null;
  const at = steps.findIndex((p) => p.step.id === currentId);
  return steps[at + 1] ?? null;
}

/**
 * The current step once the agenda is edited: the same step if it is still there; if it was
 * removed, the step now just before its old place (so "next" goes on from where the room is).
 */
export function currentAfterEdit(before: Agenda, after: Agenda, currentId: string | null): string | null {
  if (currentId === null) return null;
  const kept = agendaSteps(after);
  if (kept.some((p) => p.step.id === currentId)) return currentId;
  const old = agendaSteps(before);
  const at = old.findIndex((p) => p.step.id === currentId);
  // The nearest earlier step that still exists.
  for (let i = at - 1; i >= 0; i--) {
    if (kept.some((p) => p.step.id === old[i].step.id)) return old[i].step.id;
  }
  return null;
}

/** Every project named by the agenda (the server checks they are the workshop's). */
export function agendaProjectIds(agenda: Agenda): string[] {
  return [...new Set(agenda.flatMap((d) => d.steps.flatMap((s) => (s.projectId ? [s.projectId] : []))))];
}

/** Total planned time of a day. */
export function dayDurationMs(day: AgendaDay): number {
  return day.steps.reduce((sum, s) => sum + s.durationMs, 0);
}

/** Ids must be unique across days and steps: "go to step" and "next" find steps by id. */
export function duplicateAgendaId(agenda: Agenda): string | null {
  const seen = new Set<string>();
  for (const id of agenda.flatMap((d) => [d.id, ...d.steps.map((s) => s.id)])) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}
