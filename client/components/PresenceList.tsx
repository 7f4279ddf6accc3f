import { useT } from '../i18n';
import { uniqueUsers, type Peer } from '../sync/usePresence';
import './PresenceList.css';

/** Avatars shown before the stack collapses into "+n". */
const SHOWN = 5;

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/** Who is on this canvas: a compact stack of coloured avatars (initials), names in tooltips. */
export function PresenceList({ peers }: { peers: Peer[] }) {
  const t = useT();
  const users = uniqueUsers(peers).sort((a, b) => Number(b.isSelf) - Number(a.isSelf));
  const hidden = users.slice(SHOWN);
  return (
    <ul className="presence-list" data-testid="presence-list" aria-label={t('presence.heading')}>
      {users.map((p, i) => {
        const label = `${p.isSelf ? t('presence.you', { name: p.user.name }) : p.user.name} · ${t(`roleShort.${p.user.role}`)}`;
        return (
          <li
            key={p.user.id}
            className={`presence-user${p.isSelf ? ' is-self' : ''}${i >= SHOWN ? ' is-overflow' : ''}`}
            data-testid="presence-user"
            data-user-id={p.user.id}
            title={label}
            style={{ background: p.user.color }}
          >
            <span aria-hidden="true">{initials(p.user.name)}</span>
            <span className="visually-hidden">{label}</span>
          </li>
        );
      })}
      {hidden.length > 0 && (
        <li className="presence-more" aria-hidden="true" title={hidden.map((p) => p.user.name).join(', ')}>
          +{hidden.length}
        </li>
      )}
    </ul>
  );
}
