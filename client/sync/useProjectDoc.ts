import { useEffect } from 'react';
import type * as Y from 'yjs';
import { projectRoom } from '../../shared/rooms';
import { useFacilitation } from './useFacilitation';
import { useRoomDoc } from './useRoomDoc';

/**
 * The canvas document of a project: the one the current canvas already holds when it is the same
 * project, else a connection of its own (without presence, so nobody appears twice).
 */
export function useProjectDoc(projectId: string | null): Y.Doc | null {
  const { openProject, workshopId, token } = useFacilitation();
  const reuse = openProject && openProject.projectId === projectId ? openProject.doc : null;
  const own = useRoomDoc(projectId && !reuse ? projectRoom(workshopId, projectId) : null, token);
  const awareness = own?.provider.awareness;
  useEffect(() => {
    awareness?.setLocalState(null);
  }, [awareness]);
  return reuse ?? own?.doc ?? null;
}
