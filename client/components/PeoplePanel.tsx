import { useCallback, useState } from 'react';
import type { PersonInfo, PresenceEntry } from '../../shared/protocol';
import { readmitPerson } from '../api';
import { useT, type MessageKey } from '../i18n';
import { identityLabel } from '../identityLabel';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { usePeople } from '../sync/usePeople';
import './PeoplePanel.css';

interface Group {
  key: string;
  label: MessageKey;
  people: PresenceEntry[];
}

/**
 * Facilitators and screens opened by a link (projector, co-facilitators) are the team, not
 * participants: listed apart and never one click from removal (they are revoked from the links list).
 */
const isTeam = (p: PresenceEntry, known: Map<string, PersonInfo>) => p.role === 'facilitator' || known.get(p.userId)?.origin !== 'join';

function groupParticipants(people: PresenceEntry[]): Group[] {
  const groups: Group[] = [
    { key: 'commune', label: 'group.commune', people: [] },
    { key: 'maker', label: 'group.maker', people: [] },
    { key: 'researcher', label: 'group.researcher', people: [] },
    { key: 'company', label: 'group.company', people: [] },
    { key: 'expert', label: 'group.expert', people: [] },
    { key: 'viewer', label: 'group.viewer', people: [] },
  ];
  for (const p of people) {
    const key = p.role === 'expert' ? (p.community ?? 'expert') : p.role;
    groups.find((g) => g.key === key)?.people.push(p);
  }
  for (const g of groups) g.people.sort((a, b) => a.name.localeCompare(b.name));
  return groups.filter((g) => g.people.length > 0);
}

/** Facilitators: who is connected (team apart from participants), removals, locking. */
export function PeoplePanel({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const { state, presence, me, run } = useFacilitation();
  const { people, refresh } = usePeople(workshopId, token);
  const [locked, setLocked] = usePendingValue(
    state?.joinLocked ?? false,
    useCallback((v) => run({ type: 'join.lock', locked: v }), [run]),
  );
  const [failed, setFailed] = useState(false);
  if (!state) return null;
  const known = new Map((people ?? []).map((p) => [p.userId, p]));
  // Until the list has loaded nobody's origin is known: nobody gets a remove button yet.
  const team = presence.filter((p) => !people || isTeam(p, known)).sort((a, b) => a.name.localeCompare(b.name));
  const participants = people ? presence.filter((p) => !isTeam(p, known)) : [];
  const removed = (people ?? []).filter((p) => p.origin === 'join' && p.revokedAt !== null);

  const remove = async (p: PresenceEntry) => {
    if (!confirm(t('people.removeConfirm', { name: p.name }))) return;
    await run({ type: 'participant.remove', userId: p.userId });
    refresh();
  };
  const readmit = async (p: PersonInfo) => {
    setFailed(false);
    try {
      await readmitPerson(workshopId, token, p.userId);
    } catch {
      setFailed(true);
    }
    refresh();
  };

  return (
    <div className="people-panel">
      <label className="check">
        <input type="checkbox" data-testid="join-lock" checked={locked} onChange={(e) => setLocked(e.target.checked)} />
        {t('people.lock')}
      </label>

      <div className="subhead">
        <span>
          {t('people.connected')}{' '}
          <span className="count" data-testid="presence-count">
            {presence.length}
          </span>
        </span>
      </div>

      {team.length > 0 && (
        <div className="people-group people-team" data-testid="people-team">
          <span className="eyebrow">
            {t('people.team')} · {team.length}
          </span>
          <ul className="people-list">
            {team.map((p) => (
              <li key={p.userId} className="person" data-testid="team-person" data-user-id={p.userId}>
                <span className="person-name">
                  {p.userId === me.userId ? t('presence.you', { name: p.name }) : identityLabel(t, p, known.get(p.userId)?.origin ?? null)}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('people.teamHint')}</p>
        </div>
      )}

      {groupParticipants(participants).map((g) => (
        <div key={g.key} className="people-group">
          <span className="eyebrow">
            {t(g.label)} · {g.people.length}
          </span>
          <ul className="people-list">
            {g.people.map((p) => (
              <li key={p.userId} className="person" data-testid="presence-person" data-user-id={p.userId}>
                <span className="person-name">{p.name}</span>
                <button
                  type="button"
                  className="button small danger-ghost"
                  data-testid="presence-remove"
                  aria-label={t('people.removeLabel', { name: p.name })}
                  title={t('people.removeLabel', { name: p.name })}
                  onClick={() => void remove(p)}
                >
                  {t('people.remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}

      {removed.length > 0 && (
        <div className="people-group people-removed" data-testid="people-removed">
          <span className="eyebrow">
            {t('people.removed')} · {removed.length}
          </span>
          <ul className="people-list">
            {removed.map((p) => (
              <li key={p.userId} className="person" data-testid="removed-person" data-user-id={p.userId}>
                <span className="person-name">{p.name}</span>
                {p.refusedAtDoor && (
                  <button
                    type="button"
                    className="button small ghost"
                    data-testid="readmit"
                    aria-label={t('people.readmitLabel', { name: p.name })}
                    title={t('people.readmitLabel', { name: p.name })}
                    onClick={() => void readmit(p)}
                  >
                    {t('people.readmit')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p className="muted small">{t('people.removedHint')}</p>
          {failed && <p className="form-error small">{t('links.failed')}</p>}
        </div>
      )}
    </div>
  );
}
