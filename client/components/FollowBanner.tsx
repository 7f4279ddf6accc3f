import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import './FollowBanner.css';

/** On a canvas: says you are following the facilitator, or offers to follow again in one click. */
export function FollowBanner({ projectId }: { projectId: string }) {
  const t = useT();
  const { following, setFollowing, viewport, state } = useFacilitation();
  const target = viewport?.projectId ?? state?.projectId ?? null;
  // While the facilitator brings everyone along, RoomBanners says so (with "step away").
  if (!target || state?.gather != null) return null;
  if (following) {
    return (
      <div className="follow-banner is-following" role="status" data-testid="follow-banner">
        <span className="follow-dot" aria-hidden="true" />
        {t('follow.following')}
        <button type="button" className="button small ghost" onClick={() => setFollowing(false)}>
          {t('follow.stop')}
        </button>
      </div>
    );
  }
  // Only worth offering when the facilitator is somewhere else or has moved.
  if (viewport?.projectId !== projectId && state?.projectId !== projectId && !viewport) return null;
  return (
    <div className="follow-banner" data-testid="follow-banner">
      <button type="button" className="button small" data-testid="follow-again" onClick={() => setFollowing(true)}>
        {t('follow.again')}
      </button>
    </div>
  );
}
