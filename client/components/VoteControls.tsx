import { useState } from 'react';
import { MAX_VOTE_BUDGET } from '../reactions';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import './FacilitatorPanel.css';
import './VoteControls.css';

/** Facilitators: open a dot-voting round on a project (the cockpit's VoteStatus runs and shows it). */
export function VoteControls({ projectId, projectName }: { projectId: string | null; projectName: (id: string) => string }) {
  const t = useT();
  const { state, run } = useFacilitation();
  const [budget, setBudget] = useState('5');
  const [cap, setCap] = useState('');
  const vote = state?.vote ?? null;

  // An open round is run from the cockpit's vote status (VoteStatus).
  if (vote?.status === 'open') return null;

  const budgetN = Math.round(Number(budget));
  const capN = cap.trim() ? Math.round(Number(cap)) : null;
  const valid = budgetN >= 1 && budgetN <= MAX_VOTE_BUDGET && (capN === null || (capN >= 1 && capN <= MAX_VOTE_BUDGET));
  return (
    <div className="vote-controls">
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
