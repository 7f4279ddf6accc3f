import { Hand } from 'lucide-react';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import './PeoplePanel.css';

/** Facilitators: raised hands in the order they went up, each lowerable, always in the cockpit. */
export function HandsList() {
  const t = useT();
  const { state, run } = useFacilitation();
  if (!state) return null;
  const hands = [...state.hands].sort((a, b) => a.raisedAt - b.raisedAt);
  return (
    <div className="hands cockpit-block" data-testid="cockpit-hands">
      <div className="subhead">
        <span>
          <Hand size={14} aria-hidden="true" /> {t('hands.heading')}{' '}
          <span className="count" data-testid="hands-count">
            {hands.length}
          </span>
        </span>
        {hands.length > 0 && (
          <button type="button" className="button small ghost" data-testid="hands-clear" onClick={() => void run({ type: 'hands.clear' })}>
            {t('hands.clear')}
          </button>
        )}
      </div>
      {hands.length === 0 ? (
        <p className="muted small">{t('hands.none')}</p>
      ) : (
        <ol className="hand-list">
          {hands.map((h) => (
            <li key={h.userId} className="hand-item" data-testid="hand-item" data-user-id={h.userId}>
              <span>{h.name}</span>
              <button type="button" className="button small ghost" data-testid="hand-lower" onClick={() => void run({ type: 'hand.lower', userId: h.userId })}>
                {t('hands.lowerOther')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
