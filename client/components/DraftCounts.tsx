import { useEffect, useState } from 'react';
import type { DraftCountsResponse } from '../../shared/protocol';
import { getDraftCounts } from '../api';
import { useT } from '../i18n';
import './PeoplePanel.css';

/** While private writing is on, how often the counts are fetched again. */
const REFRESH_MS = 10_000;

/** Facilitators, before revealing: how many private drafts each person has on the project. */
export function DraftCounts({ workshopId, token, projectId, live }: { workshopId: string; token: string; projectId: string; live: boolean }) {
  const t = useT();
  const [drafts, setDrafts] = useState<DraftCountsResponse['drafts'] | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let cancelled = false;
    getDraftCounts(workshopId, token, projectId).then(
      (res) => !cancelled && setDrafts(res.drafts),
      () => undefined,
    );
    const timer = live ? setTimeout(() => setRound((n) => n + 1), REFRESH_MS) : null;
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [workshopId, token, projectId, live, round]);
  if (!drafts) return null;
  const total = drafts.reduce((sum, d) => sum + d.count, 0);
  return (
    <div className="draft-counts" data-testid="draft-counts">
      <div className="subhead small">
        <span>
          {t('drafts.heading')}{' '}
          <span className="count" data-testid="draft-total">
            {total}
          </span>
        </span>
        <button type="button" className="button small ghost" onClick={() => setRound((n) => n + 1)}>
          {t('drafts.refresh')}
        </button>
      </div>
      {drafts.length === 0 ? (
        <p className="muted small">{t('drafts.none')}</p>
      ) : (
        <ul className="people-list">
          {drafts.map((d) => (
            <li key={d.userId} className="person small" data-testid="draft-count" data-user-id={d.userId}>
              <span className="person-name">{d.name}</span>
              <span className="count">{d.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
