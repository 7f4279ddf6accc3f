import type * as Y from 'yjs';
import { projectRoom } from '../../shared/rooms';
import { useFacilitation } from './useFacilitation';
import { useRoomDoc } from './useRoomDoc';

/** The canvas document of a project, from the page's pool: the same one the open canvas holds, if any. */
export function useProjectDoc(projectId: string | null): Y.Doc | null {
  const { workshopId, token } = useFacilitation();
  return useRoomDoc(projectId ? projectRoom(workshopId, projectId) : null, token)?.doc ?? null;
}
