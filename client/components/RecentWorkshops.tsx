import { useState } from 'react';
import { useT } from '../i18n';
import { paths } from '../router';
import { clearSession, listSessions } from '../session';
import { Link } from './Link';

/** Workshops this browser holds a session for, so people can come back without the code. */
export function RecentWorkshops() {
  const t = useT();
  const [sessions, setSessions] = useState(listSessions);
  if (sessions.length === 0) return null;
  return (
    <section className="panel recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading" className="form-heading">
        {t('lobby.recent.heading')}
      </h2>
      <ul className="recent-list">
        {sessions.map((s) => {
          const title = s.title || s.workshopId;
          return (
            <li key={s.workshopId} className="recent-item" data-testid="recent-workshop">
              <div className="recent-text">
                <strong>{title}</strong>
                {s.me && <span className="muted small"> · {t('lobby.recent.as', { role: t(`roleShort.${s.me.role}`) })}</span>}
              </div>
              <Link className="button small primary" href={paths.workshop(s.workshopId)}>
                {t('lobby.recent.open')}
              </Link>
              <button
                type="button"
                className="button small ghost"
                aria-label={t('lobby.recent.forgetLabel', { title })}
                onClick={() => {
                  clearSession(s.workshopId);
                  setSessions(listSessions());
                }}
              >
                {t('lobby.recent.forget')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
