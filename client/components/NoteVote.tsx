import { VOTER_GROUPS, type VoteItemResult } from '../../shared/facilitation';
import { useT } from '../i18n';
import './NoteVote.css';

export type NoteVoteProps =
  | {
      mode: 'open';
      /** Dots this person put on the note. */
      mine: number;
      canAdd: boolean;
      /** Viewers see that a round is open but cannot vote. */
      canVote: boolean;
      onVote: (noteId: string, delta: 1 | -1) => void;
    }
  | { mode: 'closed'; result: VoteItemResult | null };

/** The dot-voting control of a note while a round is open, or its result once closed. */
export function NoteVote(props: NoteVoteProps & { noteId: string }) {
  const t = useT();
  if (props.mode === 'closed') {
    const total = props.result?.total ?? 0;
    const parts = VOTER_GROUPS.map((g) => ({ g, n: props.result?.byGroup[g] ?? 0 })).filter((p) => p.n > 0);
    const detail = parts.map((p) => `${t(`group.${p.g}`)} ${p.n}`).join(' · ');
    return (
      <div className="note-vote-result" title={detail || undefined}>
        <span className={`vote-total${total > 0 ? ' has-votes' : ''}`} data-testid="vote-total" aria-label={t('vote.totalLabel', { n: total })}>
          {total}
        </span>
        {total > 0 && (
          <span className="vote-breakdown" aria-label={detail}>
            {parts.map((p) => (
              <span key={p.g} className={`vote-seg group-${p.g}`} style={{ flexGrow: p.n }} />
            ))}
          </span>
        )}
      </div>
    );
  }
  const { mine, canAdd, canVote, onVote, noteId } = props;
  if (!canVote) return null;
  return (
    <div className="note-vote" role="group" aria-label={t('vote.onNote')}>
      <button
        type="button"
        className="vote-button"
        data-testid="vote-minus"
        disabled={mine <= 0}
        aria-label={t('vote.remove')}
        title={t('vote.remove')}
        onClick={() => onVote(noteId, -1)}
      >
        −
      </button>
      <span className="vote-dots" aria-hidden="true">
        {mine > 0 ? '●'.repeat(Math.min(mine, 3)) : '○'}
      </span>
      <span className="vote-mine" data-testid="vote-mine" data-count={mine} aria-label={t('vote.mine', { n: mine })}>
        {mine}
      </span>
      <button
        type="button"
        className="vote-button"
        data-testid="vote-plus"
        disabled={!canAdd}
        aria-label={t('vote.add')}
        title={t('vote.add')}
        onClick={() => onVote(noteId, 1)}
      >
        +
      </button>
    </div>
  );
}
