import type * as Y from 'yjs';
import { ID_PATTERN } from '../../shared/ids';
import type { Principal } from '../../shared/protocol';
import { parseRoom, privateRoomPrefix, projectRoom, type RoomRef } from '../../shared/rooms';
import { mayOpenRoom } from '../facilitation/roomAccess';
import type { DocStorage } from '../storage/Storage';
import type { RoomManager } from '../sync/RoomManager';

/**
 * How the HTTP side (exports, reports, search) reads documents: through the same access rule as
 * the Yjs endpoint (`mayOpenRoom`), one room at a time. Each room is read in place, in one
 * event-loop turn (no copy of the document is made), into plain data; between rooms the reader
 * yields to the event loop, so a report over many canvases never holds the server for more than
 * one room's read. What was read is counted against a byte budget, so one request's memory is
 * bounded whatever the workshop document lists.
 */

/** The room may not be read by this person (private drafts of someone else, another workshop). */
export class RoomReadRefused extends Error {
  constructor(readonly room: string) {
    super(`room ${room} may not be read by this token`);
    this.name = 'RoomReadRefused';
  }
}

/** The request would read more than its budget. */
export class ReadBudgetExceeded extends Error {
  constructor(readonly maxBytes: number) {
    super(`this request would read more than ${maxBytes} bytes`);
    this.name = 'ReadBudgetExceeded';
  }
}

/** A running count of what one request has read. */
export class ReadBudget {
  private used = 0;
  constructor(readonly maxBytes: number) {}
  spend(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) throw new ReadBudgetExceeded(this.maxBytes);
  }
}

export interface RoomReader {
  rooms: RoomManager;
  docs: DocStorage;
  reader: Principal;
  budget: ReadBudget;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long one slice of a read may hold the event loop before it yields. */
const SLICE_MS = 10;

/**
 * `items.map(fn)` in slices of at most about `SLICE_MS`, yielding to the event loop between them,
 * so reading a big canvas (thousands of notes) never holds other clients for long. Reading the
 * live document over several turns is fine for a report: each item is read whole in one turn.
 */
export async function mapInTurns<T, R>(items: Iterable<T>, fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(fn(item));
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}

/**
 * Reads one room if its name, parsed as the Yjs endpoint parses it, is of the expected kind and
 * open to the reader: the decision is taken on the name actually opened, so a project id that
 * smuggles a dot cannot reach a private room.
 */
export async function readRoom<T>(
  r: RoomReader,
  name: string,
  kind: RoomRef['kind'],
  read: (doc: Y.Doc) => T | Promise<T>,
  measure: (value: T) => number,
): Promise<T> {
  const ref = parseRoom(name);
  if (!ref || ref.kind !== kind || !mayOpenRoom(r.reader, ref)) throw new RoomReadRefused(name);
  const value = await r.rooms.withRoom(name, (room) => read(room.doc));
  r.budget.spend(measure(value));
  return value;
}

/** Project ids as rooms can be named after them: valid ids, each once, in the order given. */
export function readableProjectIds(ids: Iterable<string>): string[] {
  return [...new Set([...ids].filter((id) => ID_PATTERN.test(id)))];
}

/** Reads the given projects' canvases (each once; invalid ids skipped), yielding between rooms. */
export async function readProjects<T>(
  r: RoomReader,
  projectIds: Iterable<string>,
  read: (projectId: string, doc: Y.Doc) => T | Promise<T>,
  measure: (value: T) => number,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const projectId of readableProjectIds(projectIds)) {
    await yieldToEventLoop();
    out.set(projectId, await readRoom(r, projectRoom(r.reader.workshopId, projectId), 'project', (doc) => read(projectId, doc), measure));
  }
  return out;
}

/**
 * Reads the private drafts rooms of the given projects that the reader may open (all of them for a
 * facilitator, their own for anyone else), stored or loaded, yielding between rooms.
 */
export async function readDrafts<T>(
  r: RoomReader,
  projectIds: Iterable<string>,
  read: (ref: Extract<RoomRef, { kind: 'private' }>, doc: Y.Doc) => T | Promise<T>,
  measure: (value: T) => number,
): Promise<T[]> {
  const out: T[] = [];
  for (const projectId of readableProjectIds(projectIds)) {
    const prefix = privateRoomPrefix(r.reader.workshopId, projectId);
    const names = new Set([...(await r.docs.listRooms(prefix)), ...r.rooms.loadedNames().filter((n) => n.startsWith(prefix))]);
    for (const name of [...names].sort()) {
      const ref = parseRoom(name);
      if (ref?.kind !== 'private' || !mayOpenRoom(r.reader, ref)) continue;
      await yieldToEventLoop();
      out.push(await readRoom(r, name, 'private', (doc) => read(ref, doc), measure));
    }
  }
  return out;
}
