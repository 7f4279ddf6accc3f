import { useT } from '../i18n';
import { formatDuration, useTimer } from '../sync/useTimer';

/** The workshop countdown: mm:ss, with "time's up" once a running timer reached zero. */
export function TimerDisplay({ className = '', testId = 'timer-display' }: { className?: string; testId?: string }) {
  const t = useT();
  const { timer, remainingMs, elapsed } = useTimer();
  if (!timer) return null;
  const status = timer.status;
  return (
    <span className={`timer timer-${elapsed ? 'elapsed' : status} ${className}`} role="timer" aria-live="off">
      <span className="timer-clock" data-testid={testId} data-status={status} data-elapsed={elapsed ? 'true' : 'false'}>
        {formatDuration(remainingMs)}
      </span>
      {elapsed && <span className="timer-note">{t('timer.elapsed')}</span>}
      {status === 'paused' && <span className="timer-note">{t('timer.paused')}</span>}
    </span>
  );
}
