import type * as Y from 'yjs';
import type { Principal } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import type { ProjectView, WorkshopView } from '../../shared/schema';
import { type RoomDoc, useRoomDoc } from './useRoomDoc';
import { useWorkshop } from './useWorkshop';

/** What a page showing one project of a workshop is given. */
export interface ProjectPageProps {
  workshopId: string;
  projectId: string;
  workshopDoc: Y.Doc;
  me: Principal;
  token: string;
}

export interface ProjectRoom {
  /** The project's own room (its canvas document), from the page's pool; null until opened. */
  room: RoomDoc | null;
  workshop: WorkshopView;
  /** The project as the workshop lists it; null while unknown or once removed. */
  project: ProjectView | null;
}

/** Opens a project's room and reads the project from the workshop document, as every project page does. */
export function useProjectRoom({ workshopId, projectId, workshopDoc, token }: Omit<ProjectPageProps, 'me'>): ProjectRoom {
  const room = useRoomDoc(projectRoom(workshopId, projectId), token);
  const workshop = useWorkshop(workshopDoc);
  const project = workshop.projects.find((p) => p.id === projectId) ?? null;
  return { room, workshop, project };
}
