import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { VoteRanking } from './VoteRanking';

/** The vote on the wall: while open, how many have voted; once closed, the ranking with its legend. */
export function ProjectorRanking({ projectName }: { projectName: (id: string) => string }) {
  const t = useT();
  const { state } = useFacilitation();
  const vote = state?.vote;
  if (!vote) return null;
  return (
    <div className="projector-panel projector-ranking" data-testid="wall-ranking" data-status={vote.status}>
      <h2 className="projector-panel-title">{t(vote.status === 'open' ? 'wall.voteOpen' : 'wall.voteResults', { name: projectName(vote.projectId) })}</h2>
      {vote.status === 'open' ? (
        <p className="projector-big-line" data-testid="wall-voters">
          {t('vote.voters', { n: vote.voters })}
        </p>
      ) : (
        <>
          <p className="projector-panel-sub">{t('vote.voters', { n: vote.results.voters })}</p>
          <VoteRanking results={vote.results} big />
        </>
      )}
    </div>
  );
}
