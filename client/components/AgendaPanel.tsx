import { CalendarDays, ChevronRight, Pencil, Play, Users } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { agendaSteps, findStep, nextStep, regardsCroisesAgenda } from '../../shared/agenda';
import { newId } from '../../shared/ids';
import { useLang, useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { useWorkshop } from '../sync/useWorkshop';
import { AgendaEditor } from './AgendaEditor';
import { dateLabel, durationLabel, stepLabel } from './agendaLabels';
import { NEXT_STEP_KEYS, PAUSE_KEYS } from './AgendaShortcuts';
import { RoomOptionCheck } from './QuestionModeration';
import './AgendaPanel.css';
import './FacilitatorPanel.css';
import { scrollIntoPanel } from './scrollInPanel';

/**
 * Facilitators run the programme from here: where the room stands, "next step" (applies the step's
 * stage and focus and starts its own timer, in one server command), the steps by day (click one to
 * go there), the editor, and "bring everyone to me".
 */
export function AgendaPanel({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const t = useT();
  const [lang] = useLang();
  const { state, run } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const [editing, setEditing] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const stepId = state?.agendaStepId ?? null;
  // The room's step stays in sight in the list as the programme moves on (only the panel scrolls).
  useEffect(() => {
    const item = stepId ? list.current?.querySelector<HTMLElement>('[aria-current="step"]') : null;
    if (item) scrollIntoPanel(item, 'nearest');
  }, [stepId]);
  if (!state) return null;
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const agenda = state.agenda;
  const steps = agendaSteps(agenda);
  const next = nextStep(agenda, state.agendaStepId);
  const fillTemplate = () =>
    void run({
      type: 'agenda.set',
      days: regardsCroisesAgenda(
        workshop.projects.map((p) => p.id),
        { newId },
      ),
    });

  return (
    <div className="agenda-panel" data-testid="agenda-panel">
      {steps.length === 0 ? (
        <div className="agenda-empty">
          <p className="muted small">{t('agenda.empty')}</p>
          <div className="button-row tight">
            <button type="button" className="button small primary" data-testid="agenda-template" onClick={fillTemplate}>
              {t('agenda.template')}
            </button>
            <button type="button" className="button small" data-testid="agenda-edit" onClick={() => setEditing(true)}>
              <Pencil size={14} aria-hidden="true" /> {t('agenda.edit')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <ol className="agenda-days" ref={list}>
            {agenda.map((day, dayIndex) => (
              <li key={day.id} className="agenda-day" data-testid="agenda-day">
                <h4 className="agenda-day-title">
                  <CalendarDays size={14} aria-hidden="true" />
                  {t('agenda.day', { n: dayIndex + 1 })}
                  {day.date && <span className="agenda-date">{dateLabel(day.date, lang)}</span>}
                </h4>
                <ol className="agenda-steps">
                  {day.steps.map((step) => {
                    const isCurrent = step.id === state.agendaStepId;
                    const isNext = step.id === next?.step.id;
                    return (
                      <li
                        key={step.id}
                        className={`agenda-step${isCurrent ? ' is-current' : ''}${isNext ? ' is-next' : ''}`}
                        data-testid="agenda-step"
                        data-step-id={step.id}
                        aria-current={isCurrent ? 'step' : undefined}
                      >
                        <button
                          type="button"
                          className="agenda-step-go"
                          data-testid="agenda-go"
                          title={t('agenda.goTo')}
                          onClick={() => void run({ type: 'agenda.go', stepId: step.id })}
                        >
                          {isCurrent ? <ChevronRight size={14} aria-hidden="true" /> : <Play size={12} aria-hidden="true" />}
                          <span className="agenda-step-label">{stepLabel(step, t, projectName)}</span>
                          {step.durationMs > 0 && <span className="agenda-step-time">{durationLabel(step.durationMs)}</span>}
                        </button>
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
          <button type="button" className="button small" data-testid="agenda-edit" onClick={() => setEditing(true)}>
            <Pencil size={14} aria-hidden="true" /> {t('agenda.edit')}
          </button>
        </>
      )}
      <RoomOptionCheck option="clearHandsOnStage" testId="option-clear-hands" label={t('agenda.clearHands')} />
      <GatherControl />
      {editing && <AgendaEditor workshopDoc={workshopDoc} onClose={() => setEditing(false)} />}
    </div>
  );
}

/**
 * "Bring everyone to me": every participant follows until they step away. Followers follow the
 * presenter's view, so the presenter asking for it also starts presenting.
 */
function GatherControl() {
  const t = useT();
  const { state, run, presenter } = useFacilitation();
  const on = state?.gather != null;
  const gather = () => {
    if (presenter && !state?.presenting) void run({ type: 'present.set', on: true });
    void run({ type: 'gather.set', on: true });
  };
  return (
    <div className="gather-control">
      <button
        type="button"
        className={`button small${on ? ' is-active' : ''}`}
        data-testid="gather-toggle"
        aria-pressed={on}
        onClick={() => (on ? void run({ type: 'gather.set', on: false }) : gather())}
      >
        <Users size={14} aria-hidden="true" /> {t(on ? 'gather.stop' : 'gather.start')}
      </button>
      {on && (
        <button type="button" className="button small ghost" data-testid="gather-again" onClick={gather}>
          {t('gather.again')}
        </button>
      )}
    </div>
  );
}

/**
 * Where the room stands and "next step", for the top of the facilitator's cockpit: the one action a
 * facilitator takes all day stays in sight (the steps, the editor and the options are further down).
 */
export function AgendaNow({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const t = useT();
  const { state, run } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  if (!state || agendaSteps(state.agenda).length === 0) return null;
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const current = findStep(state.agenda, state.agendaStepId);
  const next = nextStep(state.agenda, state.agendaStepId);
  return (
    <div className="agenda-now-block">
      <p className="agenda-now" data-testid="agenda-current" data-step-id={current?.step.id ?? ''}>
        {current ? (
          <>
            <span className="agenda-count">{t('agenda.stepOf', { n: current.index + 1, total: current.total })}</span>
            <strong>{stepLabel(current.step, t, projectName)}</strong>
          </>
        ) : (
          <span className="muted">{t('agenda.notStarted')}</span>
        )}
      </p>
      <button
        type="button"
        className="button primary agenda-next"
        data-testid="agenda-next"
        disabled={!next}
        aria-keyshortcuts={NEXT_STEP_KEYS.aria}
        title={t('agenda.nextHint', { keys: NEXT_STEP_KEYS.label })}
        onClick={() => void run({ type: 'agenda.next', from: state.agendaStepId })}
      >
        <span className="agenda-next-label">
          {next ? t('agenda.next') : t('agenda.finished')}
          <kbd>{NEXT_STEP_KEYS.label}</kbd>
        </span>
        {next && (
          <span className="agenda-next-step" data-testid="agenda-next-step">
            {stepLabel(next.step, t, projectName)}
            {next.step.durationMs > 0 && ` · ${durationLabel(next.step.durationMs)}`}
          </span>
        )}
      </button>
      <p className="muted small">{t('agenda.pauseHint', { keys: PAUSE_KEYS.label })}</p>
    </div>
  );
}
