import { useState } from 'react';
import { MAX_VOTE_BUDGET } from '../reactions';
import { VOTER_GROUPS, type VoteResults } from '../../shared/facilitation';
import { readNotes } from '../../shared/schema';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useProjectDoc } from '../sync/useProjectDoc';
import type * as Y from 'yjs';

/** Facilitators: open a dot-voting round on a project, close or cancel it, read the top notes. */
export function VoteControls({ projectId, projectName }: { projectId: string | null; projectName: (id: string) => string }) {
  const t = useT();
  const { state, run } = useFacilitation();
  const [budget, setBudget] = useState('5');
  const [cap, setCap] = useState('');
  const vote = state?.vote ?? null;

  if (vote?.status === 'open') {
    return (
      <div className="vote-controls" data-testid="vote-round" data-status="open">
        <p className="panel-line">
          <strong>{t('vote.openOn', { name: projectName(vote.projectId) })}</strong>
          <br />
          <span className="muted small">
            {t('vote.rules', { budget: vote.budget })}
            {vote.perItemCap ? ` · ${t('vote.capRule', { cap: vote.perItemCap })}` : ''} · {t('vote.voters', { n: vote.voters })}
          </span>
        </p>
        <div className="button-row tight">
          <button type="button" className="button small primary" data-testid="vote-close" onClick={() => void run({ type: 'vote.close', roundId: vote.id })}>
            {t('vote.close')}
          </button>
          <button
            type="button"
            className="button small danger-ghost"
            data-testid="vote-cancel"
            onClick={() => {
              if (confirm(t('vote.cancelConfirm'))) void run({ type: 'vote.cancel', roundId: vote.id });
            }}
          >
            {t('vote.cancel')}
          </button>
        </div>
      </div>
    );
  }

  const budgetN = Math.round(Number(budget));
  const capN = cap.trim() ? Math.round(Number(cap)) : null;
  const valid = budgetN >= 1 && budgetN <= MAX_VOTE_BUDGET && (capN === null || (capN >= 1 && capN <= MAX_VOTE_BUDGET));
  return (
    <div className="vote-controls">
      {vote?.status === 'closed' && <VoteResultsList results={vote.results} projectName={projectName(vote.projectId)} />}
      <div className="field-pair">
        <label className="mini-field">
          <span>{t('vote.budget')}</span>
          <input type="number" min={1} max={MAX_VOTE_BUDGET} data-testid="vote-budget" value={budget} onChange={(e) => setBudget(e.target.value)} />
        </label>
        <label className="mini-field">
          <span>{t('vote.cap')}</span>
          <input type="number" min={1} max={MAX_VOTE_BUDGET} data-testid="vote-cap" placeholder="—" value={cap} onChange={(e) => setCap(e.target.value)} />
        </label>
      </div>
      <button
        type="button"
        className="button small primary wide"
        data-testid="vote-open"
        disabled={!projectId || !valid}
        onClick={() => projectId && void run({ type: 'vote.open', projectId, budget: budgetN, perItemCap: capN })}
      >
        {projectId ? t('vote.open', { name: projectName(projectId) }) : t('vote.needProject')}
      </button>
    </div>
  );
}

function VoteResultsList({ results, projectName }: { results: VoteResults; projectName: string }) {
  const t = useT();
  const doc = useProjectDoc(results.projectId);
  return (
    <div className="vote-results" data-testid="vote-results">
      <p className="panel-line">
        <strong>{t('vote.resultsOf', { name: projectName })}</strong>
        <br />
        <span className="muted small">
          {t('vote.voters', { n: results.voters })}
          {VOTER_GROUPS.filter((g) => results.votersByGroup[g] > 0)
            .map((g) => ` · ${t(`group.${g}`)} ${results.votersByGroup[g]}`)
            .join('')}
        </span>
      </p>
      {results.items.length === 0 ? (
        <p className="muted small">{t('vote.noVotes')}</p>
      ) : (
        <ol className="vote-top">{doc ? <TopItems doc={doc} results={results} /> : null}</ol>
      )}
    </div>
  );
}

function TopItems({ doc, results }: { doc: Y.Doc; results: VoteResults }) {
  const t = useT();
  const notes = useDocValue(doc, readNotes);
  const text = new Map(notes.map((n) => [n.id, n.text]));
  return (
    <>
      {results.items.slice(0, 5).map((item) => (
        <li key={item.itemId} className="vote-top-item" data-testid="vote-top-item">
          <span className="vote-top-total">{item.total}</span>
          <span className="vote-top-text">{text.get(item.itemId)?.trim() || t('vote.deletedNote')}</span>
          <span className="vote-breakdown wide" title={VOTER_GROUPS.filter((g) => item.byGroup[g] > 0).map((g) => `${t(`group.${g}`)} ${item.byGroup[g]}`).join(' · ')}>
            {VOTER_GROUPS.filter((g) => item.byGroup[g] > 0).map((g) => (
              <span key={g} className={`vote-seg group-${g}`} style={{ flexGrow: item.byGroup[g] }} />
            ))}
          </span>
        </li>
      ))}
    </>
  );
}
