import * as Y from 'yjs';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { readWorkshop } from '../../shared/schema';
import type { RoomManager } from '../sync/RoomManager';

/**
 * Snapshots of a workshop's documents for reading (reports, search): copies taken from the live
 * rooms (loaded from storage if nobody is connected), so building a report never holds a room.
 */
export async function snapshotWorkshop(
  rooms: RoomManager,
  workshopId: string,
  projectIds?: readonly string[],
): Promise<{ workshop: Y.Doc; projects: Record<string, Y.Doc> }> {
  const copy = async (name: string) => {
    const state = await rooms.withRoom(name, (room) => Y.encodeStateAsUpdate(room.doc));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  };
  const workshop = await copy(workshopRoom(workshopId));
  const ids = projectIds ?? readWorkshop(workshop).projects.map((p) => p.id);
  const projects: Record<string, Y.Doc> = {};
  for (const id of ids) projects[id] = await copy(projectRoom(workshopId, id));
  return { workshop, projects };
}
