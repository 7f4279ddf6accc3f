import type * as Y from 'yjs';
import type { PublicFacilitation } from '../../shared/facilitation';
import { canEditBoard, type Principal } from '../../shared/protocol';
import { privateRoom } from '../../shared/rooms';
import { useRoomDoc } from './useRoomDoc';

/**
 * Private writing: while the facilitator has it on, a writer's new notes go to their own drafts
 * document (only they and the server see it) until the reveal. Facilitators always write in the open.
 */
export function usePrivateDrafts(
  state: PublicFacilitation | null,
  me: Principal,
  workshopId: string,
  projectId: string,
  token: string,
): { privateWriting: boolean; draftDoc: Y.Doc | null } {
  const privateWriting = Boolean(state?.privateMode) && me.role !== 'facilitator' && canEditBoard(me.role);
  const drafts = useRoomDoc(privateWriting ? privateRoom(workshopId, projectId, me.userId) : null, token);
  return { privateWriting, draftDoc: privateWriting ? (drafts?.doc ?? null) : null };
}
