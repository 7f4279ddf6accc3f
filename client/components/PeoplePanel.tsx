import type { PresenceEntry } from '../../shared/protocol';
import { useT, type MessageKey } from '../i18n';
import { useCallback } from 'react';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';

interface Group {
  key: string;
  label: MessageKey;
  people: PresenceEntry[];
}

function groupPeople(people: PresenceEntry[]): Group[] {
  const groups: Group[] = [
    { key: 'facilitator', label: 'group.facilitator', people: [] },
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

/** Facilitators: raised hands, who is connected (by role / community), removing someone, locking. */
export function PeoplePanel() {
  const t = useT();
  const { state, presence, me, run } = useFacilitation();
  const [locked, setLocked] = usePendingValue(state?.joinLocked ?? false, useCallback((v) => run({ type: 'join.lock', locked: v }), [run]));
  if (!state) return null;
  return (
    <div className="people-panel">
      <div className="hands">
        <div className="subhead">
          <span>
            ✋ {t('hands.heading')} <span className="count">{state.hands.length}</span>
          </span>
          {state.hands.length > 0 && (
            <button type="button" className="button small ghost" data-testid="hands-clear" onClick={() => void run({ type: 'hands.clear' })}>
              {t('hands.clear')}
            </button>
          )}
        </div>
        {state.hands.length === 0 ? (
          <p className="muted small">{t('hands.none')}</p>
        ) : (
          <ol className="hand-list">
            {[...state.hands]
              .sort((a, b) => a.raisedAt - b.raisedAt)
              .map((h) => (
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

      <label className="check">
        <input type="checkbox" data-testid="join-lock" checked={locked} onChange={(e) => setLocked(e.target.checked)} />
        {t('people.lock')}
      </label>

      <div className="subhead">
        <span>
          {t('people.connected')} <span className="count" data-testid="presence-count">{presence.length}</span>
        </span>
      </div>
      {groupPeople(presence).map((g) => (
        <div key={g.key} className="people-group">
          <span className="eyebrow">
            {t(g.label)} · {g.people.length}
          </span>
          <ul className="people-list">
            {g.people.map((p) => (
              <li key={p.userId} className="person" data-testid="presence-person" data-user-id={p.userId}>
                <span className="person-name">{p.userId === me.userId ? t('presence.you', { name: p.name }) : p.name}</span>
                {p.userId !== me.userId && (
                  <button
                    type="button"
                    className="button small danger-ghost"
                    data-testid="presence-remove"
                    aria-label={t('people.removeLabel', { name: p.name })}
                    title={t('people.removeLabel', { name: p.name })}
                    onClick={() => {
                      if (confirm(t('people.removeConfirm', { name: p.name }))) void run({ type: 'participant.remove', userId: p.userId });
                    }}
                  >
                    {t('people.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
