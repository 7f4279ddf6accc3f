import { useT } from '../i18n';
import { uniqueUsers, type Peer } from '../sync/usePresence';

export function PresenceList({ peers }: { peers: Peer[] }) {
  const t = useT();
  const users = uniqueUsers(peers);
  return (
    <ul className="presence-list" data-testid="presence-list" aria-label={t('presence.heading')}>
      {users.map((p) => (
        <li
          key={p.user.id}
          className={p.isSelf ? 'presence-user is-self' : 'presence-user'}
          data-testid="presence-user"
          data-user-id={p.user.id}
          title={`${p.user.name} · ${t(`roleShort.${p.user.role}`)}`}
        >
          <span className="presence-dot" style={{ background: p.user.color }} aria-hidden="true" />
          <span className="presence-name">{p.isSelf ? t('presence.you', { name: p.user.name }) : p.user.name}</span>
          <span className="presence-role">{t(`roleShort.${p.user.role}`)}</span>
        </li>
      ))}
    </ul>
  );
}
