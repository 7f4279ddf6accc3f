import { ID_PATTERN } from './ids';

/**
 * Room names of the Yjs endpoint (`/yjs/<room>`).
 * - `<workshopId>` is the workshop document (title, themes, projects).
 * - `<workshopId>.<projectId>` is the canvas document of one project.
 * One document per canvas keeps each sync small: a participant on one project never downloads
 * the notes of the six others.
 */
export type RoomRef =
  | { kind: 'workshop'; workshopId: string }
  | { kind: 'project'; workshopId: string; projectId: string };

export function workshopRoom(workshopId: string): string {
  return workshopId;
}

export function projectRoom(workshopId: string, projectId: string): string {
  return `${workshopId}.${projectId}`;
}

export function roomName(ref: RoomRef): string {
  return ref.kind === 'workshop' ? workshopRoom(ref.workshopId) : projectRoom(ref.workshopId, ref.projectId);
}

/** Parses a room name; null when it is not one Croisée serves. */
export function parseRoom(name: string): RoomRef | null {
  const parts = name.split('.');
  if (parts.length === 1 && ID_PATTERN.test(parts[0])) return { kind: 'workshop', workshopId: parts[0] };
  if (parts.length === 2 && ID_PATTERN.test(parts[0]) && ID_PATTERN.test(parts[1])) {
    return { kind: 'project', workshopId: parts[0], projectId: parts[1] };
  }
  return null;
}
