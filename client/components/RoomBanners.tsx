import { ArrowRight, Users, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { useWorkshop } from '../sync/useWorkshop';
import './RoomBanners.css';

/**
 * What participants are told when the facilitator moves the room: "bring everyone to me" makes them
 * follow (a banner, and "step away" to leave); a change of focus, for those not following, a banner
 * with a one-click "go there". FollowDriver does the moving.
 */
export function RoomBanners({ projectId, workshopDoc }: { projectId: string | null; workshopDoc: Y.Doc }) {
  const t = useT();
  const { me, state, following, setFollowing, workshopId } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const participant = me.role !== 'facilitator';
  const gather = state?.gather ?? null;
  const focus = state ? state.projectId : undefined;

  // Each new "bring everyone" (a new server time) makes everyone follow, latecomers too; releasing
  // stops the following it started.
  const lastGather = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (!participant || state === null) return;
    const before = lastGather.current;
    lastGather.current = gather;
    if (gather !== null && gather !== before) setFollowing(true);
    else if (gather === null && before != null) setFollowing(false);
  }, [participant, gather, state, setFollowing]);

  // A focus change is announced (not the focus found on arrival), until dismissed or reached.
  const [announced, setAnnounced] = useState<string | null>(null);
  const lastFocus = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (focus === undefined) return;
    const before = lastFocus.current;
    lastFocus.current = focus;
    if (before !== undefined && focus !== before) setAnnounced(focus);
  }, [focus]);

  if (!participant || !state) return null;
  // Over a canvas, under the top bar; on the overview, low, so it never covers the page's title.
  const place = projectId ? 'room-banner' : 'room-banner at-bottom';
  const name = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');

  if (gather !== null) {
    return following ? (
      <div className={`${place} is-gathered`} role="status" data-testid="gather-banner" data-state="following">
        <Users size={18} aria-hidden="true" />
        <span>{t('gather.banner')}</span>
        <button type="button" className="button small ghost" data-testid="gather-step-away" onClick={() => setFollowing(false)}>
          {t('gather.stepAway')}
        </button>
      </div>
    ) : (
      <div className={place} role="status" data-testid="gather-banner" data-state="away">
        <span>{t('gather.away')}</span>
        <button type="button" className="button small primary" data-testid="gather-rejoin" onClick={() => setFollowing(true)}>
          {t('gather.rejoin')}
        </button>
      </div>
    );
  }

  if (following || !announced || announced !== focus || announced === projectId) return null;
  return (
    <div className={place} role="status" data-testid="focus-banner">
      <span>{t('focus.moved', { name: name(announced) })}</span>
      <button type="button" className="button small primary" data-testid="focus-go" onClick={() => navigate(paths.canvas(workshopId, announced))}>
        {t('focus.go')} <ArrowRight size={14} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="focus-dismiss"
        aria-label={t('focus.dismiss')}
        title={t('focus.dismiss')}
        onClick={() => setAnnounced(null)}
      >
        <X size={16} aria-hidden="true" />
      </button>
    </div>
  );
}
