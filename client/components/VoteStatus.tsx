import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { VoteRanking } from './VoteRanking';
import './VoteStatus.css';

/**
 * The vote at a glance, always in the cockpit: an open round with how many voted and the buttons to
 * close or cancel it; a closed one with its top items and the legend (as the wall shows them).
 */
export function VoteStatus({ projectName }: { projectName: (id: string) => string }) {
  const t = useT();
  const { state, run } = useFacilitation();
  const vote = state?.vote ?? null;
  if (!vote)
    return (
      <p className="muted small cockpit-block" data-testid="vote-status" data-status="none">
        {t('vote.none')}
      </p>
    );
  if (vote.status === 'open') {
    return (
      <div className="vote-controls cockpit-block" data-testid="vote-round" data-status="open">
        <p className="panel-line">
          <strong>{t('vote.openOn', { name: projectName(vote.projectId) })}</strong>
          <br />
          <span className="muted small">
            {t('vote.rules', { budget: vote.budget })}
            {vote.perItemCap ? ` · ${t('vote.capRule', { cap: vote.perItemCap })}` : ''} ·{' '}
            <span data-testid="vote-voters">{t('vote.voters', { n: vote.voters })}</span>
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
  return (
    <div className="vote-results cockpit-block" data-testid="vote-results">
      <p className="panel-line small">
        <strong>{t('vote.resultsOf', { name: projectName(vote.projectId) })}</strong> · {t('vote.voters', { n: vote.results.voters })}
      </p>
      <VoteRanking results={vote.results} limit={3} />
    </div>
  );
}
