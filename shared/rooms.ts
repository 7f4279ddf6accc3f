import { ID_PATTERN } from './ids';

/**
 * Room names of the Yjs endpoint (`/yjs/<room>`).
 * - `<workshopId>` is the workshop document (title, themes, projects).
 * - `<workshopId>.<projectId>` is the canvas document of one project.
 * - `<workshopId>.<projectId>.<userId>` holds one person's private drafts on that project while
 *   private writing is on: only its author and facilitators can open it, so drafts never reach
 *   anyone else until the facilitator reveals them into the project's canvas.
 * One document per canvas keeps each sync small: a participant on one project never downloads
 * the notes of the six others.
 */
export type RoomRef =
  | { kind: 'workshop'; workshopId: string }
  | { kind: 'project'; workshopId: string; projectId: string }
  | { kind: 'private'; workshopId: string; projectId: string; userId: string };

export function workshopRoom(workshopId: string): string {
  return workshopId;
}

export function projectRoom(workshopId: string, projectId: string): string {
  return `${workshopId}.${projectId}`;
}

export function privateRoom(workshopId: string, projectId: string, userId: string): string {
  return `${workshopId}.${projectId}.${userId}`;
}

/** Prefix shared by every private room of a project. */
export const privateRoomPrefix = (workshopId: string, projectId: string) => `${workshopId}.${projectId}.`;

export function roomName(ref: RoomRef): string {
  switch (ref.kind) {
    case 'workshop':
      return workshopRoom(ref.workshopId);
    case 'project':
      return projectRoom(ref.workshopId, ref.projectId);
    case 'private':
      return privateRoom(ref.workshopId, ref.projectId, ref.userId);
  }
}

/** Parses a room name; null when it is not one Croisée serves. */
export function parseRoom(name: string): RoomRef | null {
  const parts = name.split('.');
  if (parts.length === 1 && ID_PATTERN.test(parts[0])) return { kind: 'workshop', workshopId: parts[0] };
  if (parts.length === 2 && ID_PATTERN.test(parts[0]) && ID_PATTERN.test(parts[1])) {
    return { kind: 'project', workshopId: parts[0], projectId: parts[1] };
  }
  if (parts.length === 3 && parts.every((p) => ID_PATTERN.test(p))) {
    return { kind: 'private', workshopId: parts[0], projectId: parts[1], userId: parts[2] };
  }
  return null;
}
