import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { TimerDisplay } from './TimerDisplay';

const MIN = 60_000;

/** Facilitators: start, pause, resume, add or remove time, reset; chime on/off. */
export function TimerControls() {
  const t = useT();
  const { state, run } = useFacilitation();
  const timer = state?.timer;
  const [minutes, setMinutes] = useState('');
  // A typed duration is for the next Start only: when the server's duration changes (a stage or an
  // agenda step applied, a start with that duration), it is cleared so it never overrides a step's own.
  const serverDuration = timer?.durationMs;
  const serverStep = state?.agendaStepId;
  const serverStage = state?.stage;
  useEffect(() => setMinutes(''), [serverDuration, serverStep, serverStage]);
  const [chime, setChime] = usePendingValue(state?.chime ?? true, useCallback((v) => run({ type: 'policy.set', chime: v }), [run]));
  if (!state || !timer) return null;
  const defaultMinutes = Math.round(timer.durationMs / MIN);
  const typed = Number(minutes.replace(',', '.'));
  const chosen = minutes.trim() && Number.isFinite(typed) && typed > 0 ? Math.round(typed * MIN) : undefined;

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
        <button type="button" className="button small" data-testid="timer-pause" disabled={timer.status !== 'running'} onClick={() => void run({ type: 'timer.pause' })}>
          {t('timer.pause')}
        </button>
        <button type="button" className="button small" data-testid="timer-resume" disabled={timer.status !== 'paused'} onClick={() => void run({ type: 'timer.resume' })}>
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
