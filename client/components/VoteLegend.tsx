import type { VoterGroup } from '../../shared/facilitation';
import { useT } from '../i18n';
import './NoteVote.css';

/** What each colour of the vote bars stands for (the voter's community, or their role). */
export function VoteLegend({ groups, className = '' }: { groups: readonly VoterGroup[]; className?: string }) {
  const t = useT();
  if (groups.length === 0) return null;
  return (
    <ul className={`vote-legend ${className}`} data-testid="vote-legend" aria-label={t('vote.legend')}>
      {groups.map((g) => (
        <li key={g} data-group={g}>
          <span className={`vote-swatch group-${g}`} aria-hidden="true" />
          {t(`group.${g}`)}
        </li>
      ))}
    </ul>
  );
}
