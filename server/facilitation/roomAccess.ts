import { mayWriteCanvas, type FacilitationState } from '../../shared/facilitation';
import { canWrite, type Principal } from '../../shared/protocol';
import type { RoomRef } from '../../shared/rooms';

/**
 * Who may open which document room, and write to it, as pure rules. Private drafts belong to their
 * author (facilitators may look); every other room of the workshop is open to its members, and
 * writing follows the role and the current stage's write policy.
 */
export function mayOpenRoom(principal: Principal, room: RoomRef): boolean {
  if (room.workshopId !== principal.workshopId) return false;
  return room.kind !== 'private' || room.userId === principal.userId || principal.role === 'facilitator';
}

export function mayWriteRoom(principal: Principal, room: RoomRef, state: FacilitationState | null): boolean {
  if (room.kind === 'private') return canWrite(principal.role);
  return state ? mayWriteCanvas(principal.role, state) : canWrite(principal.role);
}
