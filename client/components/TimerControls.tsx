import { useCallback, useState } from 'react';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { TimerDisplay } from './TimerDisplay';
import './FacilitatorPanel.css';
import './TimerControls.css';

const MIN = 60_000;

/** Facilitators: start, pause, resume, add or remove time, reset; chime on/off. */
export function TimerControls() {
  const t = useT();
  const { state, run } = useFacilitation();
  const timer = state?.timer;
  // A typed duration belongs to the timer it was typed against: once the server's duration changes
  // (a stage or an agenda step applied, a reset, a start, a pause), it is dropped rather than silently
  // overriding the stage's or the step's own.
  const [typed, setTyped] = useState<{ text: string; against: string | null }>({ text: '', against: null });
  const [chime, setChime] = usePendingValue(
    state?.chime ?? true,
    useCallback((v) => run({ type: 'policy.set', chime: v }), [run]),
  );
  if (!state || !timer) return null;
  const timerKey = `${state.stage}|${state.agendaStepId}|${timer.status}|${timer.durationMs}`;
  const minutes = typed.against === timerKey ? typed.text : '';
  const setMinutes = (text: string) => setTyped({ text, against: timerKey });
  const defaultMinutes = Math.round(timer.durationMs / MIN);
  const typedMinutes = Number(minutes.replace(',', '.'));
  const chosen = minutes.trim() && Number.isFinite(typedMinutes) && typedMinutes > 0 ? Math.round(typedMinutes * MIN) : undefined;

  return (
    <div className="timer-controls">
      <div className="timer-row">
        <TimerDisplay className="timer-large" testId="panel-timer" />
        <label className="timer-minutes">
          <span className="visually-hidden">{t('timer.minutes')}</span>
          <input
            type="number"
            min={1}
            max={720}
            inputMode="numeric"
            data-testid="timer-minutes"
            placeholder={String(defaultMinutes || 10)}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <span className="unit">min</span>
        </label>
      </div>
      <div className="timer-buttons">
        <button
          type="button"
          className="button small primary"
          data-testid="timer-start"
          disabled={timer.status !== 'idle' && timer.status !== 'running'}
          onClick={() => void run({ type: 'timer.start', durationMs: chosen ?? (timer.durationMs > 0 ? undefined : 10 * MIN) })}
        >
          {t(timer.status === 'running' ? 'timer.restart' : 'timer.start')}
        </button>
        <button
          type="button"
          className="button small"
          data-testid="timer-pause"
          disabled={timer.status !== 'running'}
          onClick={() => void run({ type: 'timer.pause' })}
        >
          {t('timer.pause')}
        </button>
        <button
          type="button"
          className="button small"
          data-testid="timer-resume"
          disabled={timer.status !== 'paused'}
          onClick={() => void run({ type: 'timer.resume' })}
        >
          {t('timer.resume')}
        </button>
      </div>
      <div className="timer-buttons four">
        <button type="button" className="button small" data-testid="timer-sub-1" onClick={() => void run({ type: 'timer.add', ms: -MIN })}>
          −1 min
        </button>
        <button type="button" className="button small" data-testid="timer-add-1" onClick={() => void run({ type: 'timer.add', ms: MIN })}>
          +1 min
        </button>
        <button type="button" className="button small" data-testid="timer-add-5" onClick={() => void run({ type: 'timer.add', ms: 5 * MIN })}>
          +5 min
        </button>
        <button type="button" className="button small ghost" data-testid="timer-reset" onClick={() => void run({ type: 'timer.reset', durationMs: chosen })}>
          {t('timer.reset')}
        </button>
      </div>
      <label className="check">
        <input type="checkbox" data-testid="chime-toggle" checked={chime} onChange={(e) => setChime(e.target.checked)} />
        {t('timer.chime')}
      </label>
    </div>
  );
}
