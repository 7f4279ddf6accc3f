import { ArrowDown, ArrowUp, Plus, Trash2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { dayDurationMs, newStep, regardsCroisesAgenda, type Agenda, type AgendaStep } from '../../shared/agenda';
import { STAGES, type Stage } from '../../shared/facilitation';
import { newId } from '../../shared/ids';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { useWorkshop } from '../sync/useWorkshop';
import { durationLabel } from './agendaLabels';

const MIN = 60_000;
const MAX_MINUTES = 720;
const NONE = '';
const NO_AGENDA: Agenda = [];

/**
 * The agenda, editable: days with their date, and per day the steps (stage, project in focus, own
 * duration), reordered, added, removed. Every change is one `agenda.set` (the whole agenda), so two
 * facilitators editing at once never leave it half changed; the last change wins.
 */
export function AgendaEditor({ workshopDoc, onClose }: { workshopDoc: Y.Doc; onClose: () => void }) {
  const t = useT();
  const { state, run } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const ref = useRef<HTMLDialogElement>(null);
  const serverAgenda = state?.agenda ?? NO_AGENDA;
  const [draft, setDraft] = useState<Agenda>(serverAgenda);
  // Another facilitator's change (or ours, confirmed) replaces the draft.
  useEffect(() => setDraft(serverAgenda), [serverAgenda]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const commit = async (next: Agenda) => {
    setDraft(next);
    const ack = await run({ type: 'agenda.set', days: next });
    if (!ack.ok) setDraft(serverAgenda);
  };
  const editDay = (dayIndex: number, change: (steps: AgendaStep[]) => AgendaStep[]) =>
    commit(draft.map((d, i) => (i === dayIndex ? { ...d, steps: change(d.steps) } : d)));
  const editStep = (dayIndex: number, stepIndex: number, change: Partial<AgendaStep>) =>
    editDay(dayIndex, (steps) => steps.map((s, i) => (i === stepIndex ? { ...s, ...change } : s)));
  const move = (dayIndex: number, stepIndex: number, by: -1 | 1) =>
    editDay(dayIndex, (steps) => {
      const next = [...steps];
      const [s] = next.splice(stepIndex, 1);
      next.splice(stepIndex + by, 0, s);
      return next;
    });
  const fillTemplate = () => {
    if (draft.some((d) => d.steps.length > 0) && !confirm(t('agenda.templateConfirm'))) return;
    const dates = [draft[0]?.date ?? null, draft[1]?.date ?? null, draft[2]?.date ?? null] as const;
    void commit(
      regardsCroisesAgenda(
        workshop.projects.map((p) => p.id),
        { newId, dates },
      ),
    );
  };

  return (
    <dialog ref={ref} className="agenda-editor" data-testid="agenda-editor" aria-labelledby="agenda-editor-title" onClose={onClose}>
      <header className="agenda-editor-head">
        <h2 id="agenda-editor-title">{t('agenda.editTitle')}</h2>
        <button
          type="button"
          className="icon-button"
          data-testid="agenda-editor-close"
          aria-label={t('panel.close')}
          title={t('panel.close')}
          onClick={() => ref.current?.close()}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <div className="agenda-editor-body">
        {draft.length === 0 && <p className="muted">{t('agenda.empty')}</p>}
        {draft.map((day, dayIndex) => (
          <section key={day.id} className="agenda-editor-day" data-testid="agenda-editor-day" aria-labelledby={`agenda-day-${day.id}`}>
            <div className="agenda-editor-day-head">
              <h3 id={`agenda-day-${day.id}`}>{t('agenda.day', { n: dayIndex + 1 })}</h3>
              <label className="agenda-inline-field">
                <span>{t('agenda.date')}</span>
                <input
                  type="date"
                  data-testid="agenda-day-date"
                  value={day.date ?? ''}
                  onChange={(e) => void commit(draft.map((d, i) => (i === dayIndex ? { ...d, date: e.target.value || null } : d)))}
                />
              </label>
              <span className="muted small">{t('agenda.dayTotal', { time: durationLabel(dayDurationMs(day)) })}</span>
              <button
                type="button"
                className="icon-button"
                data-testid="agenda-day-remove"
                aria-label={t('agenda.removeDay', { n: dayIndex + 1 })}
                title={t('agenda.removeDay', { n: dayIndex + 1 })}
                onClick={() => (day.steps.length === 0 || confirm(t('agenda.removeDayConfirm'))) && void commit(draft.filter((_, i) => i !== dayIndex))}
              >
                <Trash2 size={16} aria-hidden="true" />
              </button>
            </div>
            <ol className="agenda-editor-steps">
              {day.steps.map((step, stepIndex) => (
                <li key={step.id} className={`agenda-editor-step${step.id === state?.agendaStepId ? ' is-current' : ''}`} data-testid="agenda-editor-step">
                  <span className="agenda-editor-n">{stepIndex + 1}</span>
                  <select
                    aria-label={t('panel.stageLabel')}
                    data-testid="agenda-step-stage"
                    value={step.stage}
                    onChange={(e) => void editStep(dayIndex, stepIndex, { stage: e.target.value as Stage })}
                  >
                    {STAGES.map((s) => (
                      <option key={s} value={s}>
                        {t(`stage.${s}`)}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={t('panel.focus')}
                    data-testid="agenda-step-project"
                    value={step.projectId ?? NONE}
                    onChange={(e) => void editStep(dayIndex, stepIndex, { projectId: e.target.value || null })}
                  >
                    <option value={NONE}>{t('panel.noFocus')}</option>
                    {workshop.projects.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name || t('project.untitled')}
                      </option>
                    ))}
                  </select>
                  <label className="agenda-minutes">
                    <input
                      key={`${step.id}:${step.durationMs}`}
                      type="number"
                      min={0}
                      max={MAX_MINUTES}
                      inputMode="numeric"
                      aria-label={t('timer.minutes')}
                      data-testid="agenda-step-minutes"
                      defaultValue={Math.round(step.durationMs / MIN)}
                      onBlur={(e) => {
                        const minutes = Math.round(Number(e.target.value.replace(',', '.')));
                        if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
                          e.target.value = String(Math.round(step.durationMs / MIN));
                          return;
                        }
                        if (minutes * MIN !== step.durationMs) void editStep(dayIndex, stepIndex, { durationMs: minutes * MIN });
                      }}
                      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                    />
                    <span className="unit">min</span>
                  </label>
                  <span className="agenda-editor-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('agenda.moveUp')}
                      title={t('agenda.moveUp')}
                      disabled={stepIndex === 0}
                      onClick={() => void move(dayIndex, stepIndex, -1)}
                    >
                      <ArrowUp size={16} aria-hidden="true" />
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('agenda.moveDown')}
                      title={t('agenda.moveDown')}
                      disabled={stepIndex === day.steps.length - 1}
                      onClick={() => void move(dayIndex, stepIndex, 1)}
                    >
                      <ArrowDown size={16} aria-hidden="true" />
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      data-testid="agenda-step-remove"
                      aria-label={t('agenda.removeStep')}
                      title={t('agenda.removeStep')}
                      onClick={() => void editDay(dayIndex, (steps) => steps.filter((_, i) => i !== stepIndex))}
                    >
                      <Trash2 size={16} aria-hidden="true" />
                    </button>
                  </span>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button small ghost"
              data-testid="agenda-step-add"
              onClick={() => {
                const last = day.steps.at(-1);
                void editDay(dayIndex, (steps) => [...steps, newStep(newId(), last?.stage ?? 'exchange', last?.projectId ?? null)]);
              }}
            >
              <Plus size={14} aria-hidden="true" /> {t('agenda.addStep')}
            </button>
          </section>
        ))}
      </div>
      <footer className="agenda-editor-foot">
        <button
          type="button"
          className="button small"
          data-testid="agenda-day-add"
          onClick={() => void commit([...draft, { id: newId(), date: null, steps: [] }])}
        >
          <Plus size={14} aria-hidden="true" /> {t('agenda.addDay')}
        </button>
        <button type="button" className="button small" data-testid="agenda-editor-template" onClick={fillTemplate}>
          {t('agenda.template')}
        </button>
        <span className="bar-spacer" />
        <button type="button" className="button small primary" onClick={() => ref.current?.close()}>
          {t('agenda.done')}
        </button>
      </footer>
    </dialog>
  );
}
