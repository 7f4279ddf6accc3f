import type { CSSProperties } from 'react';
import { useT } from '../i18n';
import { formatDuration, useTimer } from '../sync/useTimer';
import './TimerDisplay.css';

/**
 * The workshop countdown: mm:ss, h:mm:ss from an hour, with "time's up" once a running timer reached
 * zero. `--timer-chars` lets a box size the digits to its own width (container units), so any
 * length shows whole — "2:00:00", never "2:00:0".
 */
export function TimerDisplay({ className = '', testId = 'timer-display' }: { className?: string; testId?: string }) {
  const t = useT();
  const { timer, remainingMs, elapsed } = useTimer();
  if (!timer) return null;
  const status = timer.status;
  const text = formatDuration(remainingMs);
  return (
    <span
      className={`timer timer-${elapsed ? 'elapsed' : status} ${className}`}
      role="timer"
      aria-live="off"
      style={{ '--timer-chars': text.length } as CSSProperties}
    >
      <span className="timer-clock" data-testid={testId} data-status={status} data-elapsed={elapsed ? 'true' : 'false'}>
        {text}
      </span>
      {elapsed && <span className="timer-note">{t('timer.elapsed')}</span>}
      {status === 'paused' && <span className="timer-note">{t('timer.paused')}</span>}
    </span>
  );
}
