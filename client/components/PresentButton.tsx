import { MonitorPlay, MonitorStop } from 'lucide-react';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import './PresentButton.css';

const ICON = { size: 16, strokeWidth: 2, 'aria-hidden': true } as const;

/**
 * On a facilitator's canvas: the presenter starts or stops showing their view on the wall; anyone
 * else in the team sees who presents (their own panning never moves the wall).
 */
export function PresentButton({ testId = 'present-toggle' }: { testId?: string }) {
  const t = useT();
  const { me, state, presenter, presenting, run } = useFacilitation();
  if (me.role !== 'facilitator' || !state) return null;
  if (!presenter) {
    return (
      <span className="toolbar-badge present-badge" data-testid="present-other" title={t('wall.notPresenterHint')}>
        {state.presenting
          ? t('wall.presentingBy', { name: state.presenter?.name ?? t('wall.lead') })
          : t('wall.presenterIs', { name: state.presenter?.name ?? t('wall.lead') })}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`button small present-button${presenting ? ' is-live' : ''}`}
      data-testid={testId}
      aria-pressed={presenting}
      title={t(presenting ? 'wall.stopHint' : 'wall.presentHint')}
      onClick={() => void run({ type: 'present.set', on: !presenting })}
    >
      {presenting ? <MonitorStop {...ICON} /> : <MonitorPlay {...ICON} />}
      {t(presenting ? 'wall.stop' : 'wall.present')}
    </button>
  );
}
