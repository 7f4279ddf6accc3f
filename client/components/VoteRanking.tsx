import type * as Y from 'yjs';
import type { VoteResults } from '../../shared/facilitation';
import { readNotes } from '../../shared/schema';
import { rankVoteResults } from '../../shared/wallModes';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { useProjectDoc } from '../sync/useProjectDoc';
import { VoteLegend } from './VoteLegend';
import './VoteRanking.css';
import './NoteVote.css';

/**
 * A closed vote's ranking: items by dots, each bar split by community, with its legend. The same
 * component serves the wall (`big`) and the facilitator's cockpit.
 */
export function VoteRanking({ results, limit = 8, big = false }: { results: VoteResults; limit?: number; big?: boolean }) {
  const doc = useProjectDoc(results.projectId);
  return doc ? <Ranking doc={doc} results={results} limit={limit} big={big} /> : null;
}

function Ranking({ doc, results, limit, big }: { doc: Y.Doc; results: VoteResults; limit: number; big: boolean }) {
  const t = useT();
  const notes = useDocValue(doc, readNotes);
  const text = new Map(notes.map((n) => [n.id, n.text.trim()]));
  const { items, groups } = rankVoteResults(results, (id) => text.get(id) || null, limit);
  if (items.length === 0) return <p className="muted small">{t('vote.noVotes')}</p>;
  return (
    <div className={`vote-ranking${big ? ' is-big' : ''}`} data-testid="vote-ranking">
      <ol className="vote-rank-list">
        {items.map((item) => (
          <li key={item.itemId} className="vote-rank-item" data-testid="vote-rank-item">
            <span className="vote-rank-n">{item.rank}</span>
            <span className="vote-rank-text">{item.text ?? t('vote.deletedNote')}</span>
            <span className="vote-rank-total">{item.total}</span>
            <span className="vote-rank-bar" style={{ width: `${Math.max(4, item.width * 100)}%` }} aria-hidden="true">
              {item.segments.map((s) => (
                <span key={s.group} className={`vote-seg group-${s.group}`} style={{ flexGrow: s.dots }} title={`${t(`group.${s.group}`)} ${s.dots}`} />
              ))}
            </span>
          </li>
        ))}
      </ol>
      <VoteLegend groups={groups} />
    </div>
  );
}
