import { useEffect } from 'react';
import { navigate, paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';

/**
 * While someone follows the facilitator, goes to the project the facilitator shows (their broadcast
 * view, else the project in focus). Pan and zoom are applied by the canvas itself.
 */
export function FollowDriver({ projectId }: { projectId: string | null }) {
  const { following, viewport, state, workshopId, me } = useFacilitation();
  const target = viewport?.projectId ?? state?.projectId ?? null;
  const active = following && me.role !== 'facilitator';
  useEffect(() => {
    if (active && target && target !== projectId) navigate(paths.canvas(workshopId, target));
  }, [active, target, projectId, workshopId]);
  return null;
}
