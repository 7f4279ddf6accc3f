import type { ParticipantOrigin, Principal } from '../../shared/protocol';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { identityLabel } from '../identityLabel';

export interface Identity {
  me: Principal | null;
  origin: ParticipantOrigin | null;
}

/**
 * A link carrying another identity was opened where this browser already has one: ask, never
 * switch silently (a viewer link sent to a facilitator must not demote them).
 */
export function LinkChoice({
  title,
  current,
  incoming,
  onStay,
  onSwitch,
}: {
  title: string;
  current: Identity;
  incoming: Identity;
  onStay: () => void;
  onSwitch: () => void;
}) {
  const t = useT();
  const cur = identityLabel(t, current.me, current.origin);
  const inc = identityLabel(t, incoming.me, incoming.origin);
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        <section
          className="panel message-panel link-choice"
          role="alertdialog"
          aria-labelledby="link-choice-heading"
          aria-describedby="link-choice-intro"
          data-testid="link-choice"
        >
          <h1 id="link-choice-heading" className="form-heading">
            {t('link.heading')}
          </h1>
          <p id="link-choice-intro">{t('link.intro', { title, incoming: inc, current: cur })}</p>
          <div className="button-row">
            <button type="button" className="button primary" data-testid="link-stay" autoFocus onClick={onStay}>
              {t('link.stay', { current: cur })}
            </button>
            <button type="button" className="button" data-testid="link-switch" onClick={onSwitch}>
              {t('link.switch', { incoming: inc })}
            </button>
          </div>
          <p className="muted small">{t('link.note')}</p>
        </section>
      </main>
    </div>
  );
}
