import { useState } from 'react';
import { useT } from '../i18n';
import { identityLabel } from '../identityLabel';
import { navigate, paths } from '../router';
import { chooseForTab, forgetSession, listSessions, type Session } from '../session';
import './MyWorkshops.css';

/** Strongest identity first: the facilitator's way back is the first button of each workshop. */
const STRENGTH = ['facilitator', 'commune', 'expert', 'viewer'];
const strength = (s: Session) => (s.me ? STRENGTH.indexOf(s.me.role) : STRENGTH.length);

/** The page an identity opens on: the wall for a projector link, the workshop for everyone else. */
const isProjector = (s: Session) => s.me?.role === 'viewer' && s.origin === 'link';

/**
 * "My workshops": every identity this browser holds, grouped by workshop, with the role held in
 * each — so a facilitator can always find their way back, whichever links they opened since.
 */
export function MyWorkshops() {
  const t = useT();
  const [sessions, setSessions] = useState(listSessions);
  if (sessions.length === 0) return null;
  const byWorkshop = new Map<string, Session[]>();
  for (const s of sessions) byWorkshop.set(s.workshopId, [...(byWorkshop.get(s.workshopId) ?? []), s]);
  for (const [id, identities] of byWorkshop)
    byWorkshop.set(
      id,
      identities.sort((a, b) => strength(a) - strength(b)),
    );

  const open = (s: Session) => {
    const mode = isProjector(s) ? 'present' : 'main';
    chooseForTab(s, mode);
    navigate(mode === 'present' ? paths.present(s.workshopId) : paths.workshop(s.workshopId));
  };

  return (
    <section className="panel my-workshops" aria-labelledby="my-workshops-heading" data-testid="my-workshops">
      <h2 id="my-workshops-heading" className="form-heading">
        {t('lobby.recent.heading')}
      </h2>
      <ul className="my-workshops-list">
        {[...byWorkshop.values()].map((identities) => {
          const title = identities.find((s) => s.title)?.title || identities[0].workshopId;
          return (
            <li key={identities[0].workshopId} className="my-workshop" data-testid="recent-workshop">
              <strong className="my-workshop-title">{title}</strong>
              <ul className="my-identities">
                {identities.map((s) => {
                  const identity = identityLabel(t, s.me, s.origin);
                  return (
                    <li key={s.token} className="my-identity" data-testid="my-identity" data-role={s.me?.role ?? ''}>
                      <span className="my-identity-label">{t('lobby.recent.as', { role: identity })}</span>
                      <button
                        type="button"
                        className="button small primary"
                        aria-label={t('lobby.recent.openLabel', { title, identity })}
                        onClick={() => open(s)}
                      >
                        {t('lobby.recent.open')}
                      </button>
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={t('lobby.recent.forgetIdentity', { title, identity })}
                        onClick={() => {
                          forgetSession(s);
                          setSessions(listSessions());
                        }}
                      >
                        {t('lobby.recent.forget')}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
