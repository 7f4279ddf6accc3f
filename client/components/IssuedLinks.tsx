import { useState } from 'react';
import type { PersonInfo } from '../../shared/protocol';
import { revokePerson } from '../api';
import { useLang, useT } from '../i18n';
import { identityLabel } from '../identityLabel';
import './PeoplePanel.css';

/** Facilitators: the projector and co-facilitator links handed out, each revocable (with a confirmation). */
export function IssuedLinks({
  workshopId,
  token,
  people,
  onChanged,
}: {
  workshopId: string;
  token: string;
  people: PersonInfo[] | null;
  onChanged: () => void;
}) {
  const t = useT();
  const [lang] = useLang();
  const [failed, setFailed] = useState(false);
  const links = (people ?? []).filter((p) => p.origin === 'link');
  const revoke = async (p: PersonInfo, identity: string) => {
    if (!confirm(t('links.revokeConfirm', { identity }))) return;
    setFailed(false);
    try {
      await revokePerson(workshopId, token, p.userId);
    } catch {
      setFailed(true);
    }
    onChanged();
  };
  return (
    <div className="link-maker issued-links" data-testid="issued-links">
      <span className="field-label">{t('links.heading')}</span>
      {links.length === 0 ? (
        <p className="muted small">{t('links.none')}</p>
      ) : (
        <ul className="people-list links-list">
          {links.map((p) => {
            const identity = identityLabel(t, p, p.origin);
            return (
              <li key={p.userId} className="person" data-testid="issued-link" data-user-id={p.userId} data-role={p.role}>
                <span className="person-name" title={p.expiresAt ? t('links.expires', { date: new Date(p.expiresAt).toLocaleString(lang) }) : undefined}>
                  {identity}
                  {p.revokedAt !== null && <span className="muted small"> · {t('links.revoked')}</span>}
                </span>
                {p.revokedAt === null && (
                  <button
                    type="button"
                    className="button small danger-ghost"
                    data-testid="link-revoke"
                    aria-label={t('links.revokeLabel', { identity })}
                    onClick={() => void revoke(p, identity)}
                  >
                    {t('links.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {failed && <p className="form-error small">{t('links.failed')}</p>}
    </div>
  );
}
