import { Link } from '../components/Link';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';

/**
 * What the facilitator wants everyone to know on a project's phone page: where the session is (the
 * project in focus, one tap away), the open vote round and its rules, private writing, read-only.
 */
export function PhoneBanners(props: { projectId: string; projectName: (id: string) => string; privateWriting: boolean; readOnly: boolean }) {
  const { projectId, projectName, privateWriting, readOnly } = props;
  const t = useT();
  const { state, ballot, me, workshopId } = useFacilitation();
  if (!state) return null;
  const vote = state.vote;
  const focus = state.projectId;
  const canVote = me.role !== 'viewer';
  const remaining = vote?.status === 'open' ? (ballot && ballot.roundId === vote.id ? ballot.remaining : vote.budget) : 0;
  return (
    <div className="phone-banners">
      {focus && focus !== projectId && (
        <div className="phone-banner is-focus" role="status" data-testid="phone-focus-banner">
          <span>{t('phone.focusOn', { name: projectName(focus) })}</span>
          <Link className="button small primary" href={paths.canvas(workshopId, focus)}>
            {t('phone.goThere')}
          </Link>
        </div>
      )}
      {vote?.status === 'open' && canVote && (
        <div className="phone-banner is-vote" role="status" data-testid="vote-status">
          {vote.projectId === projectId ? (
            <span>
              <strong data-testid="vote-remaining" data-remaining={remaining}>
                {t('vote.remaining', { n: remaining })}
              </strong>
              {vote.perItemCap ? ` · ${t('vote.capRule', { cap: vote.perItemCap })}` : ''}
              <br />
              <span className="small">{t('phone.voteHint')}</span>
            </span>
          ) : (
            <>
              <span>{t('phone.voteElsewhere')}</span>
              <Link className="button small primary" href={paths.canvas(workshopId, vote.projectId)}>
                {t('vote.goTo', { name: projectName(vote.projectId) })}
              </Link>
            </>
          )}
        </div>
      )}
      {privateWriting && (
        <p className="phone-banner is-private" role="status" data-testid="private-mode-badge">
          {t('canvas.privateModeHint')}
        </p>
      )}
      {readOnly && (
        <p className="phone-banner" role="status" data-testid="readonly-banner">
          {t('canvas.readOnlyDuring', { stage: t(`stage.${state.stage}`) })}
        </p>
      )}
    </div>
  );
}
