import type { Community, Role } from '../../shared/schema';

/**
 * Durable storage, as the rest of the server sees it. Sync and API code depend on this interface
 * only; each adapter (SQLite by default, in-memory for tests, PostgreSQL for several nodes) passes
 * the same contract tests.
 */

/** Append-only log of Yjs updates per room, periodically compacted into one merged update. */
export interface DocStorage {
  /** Every stored update of the room, oldest first (empty for a new room). */
  load(room: string): Promise<Uint8Array[]>;
  /** Stores one update durably before resolving. */
  append(room: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces the room's log with one merged update, atomically. Concurrent appends are kept: only
   * the entries that went into the merge are removed (see docs/architecture.md, "Compaction").
   */
  compact(room: string): Promise<void>;
  /** Number of stored log entries for the room (to decide when to compact). */
  count(room: string): Promise<number>;
  /** Names of stored rooms starting with `prefix` (e.g. every private room of a project). */
  listRooms(prefix: string): Promise<string[]>;
  /** Deletes these rooms' logs entirely (a workshop deleted by its facilitator). */
  deleteRooms(rooms: readonly string[]): Promise<void>;
}

export interface WorkshopRecord {
  id: string;
  title: string;
  joinCode: string;
  createdAt: number;
}

export interface ParticipantRecord {
  userId: string;
  workshopId: string;
  name: string;
  role: Role;
  community: Community | null;
  createdAt: number;
}

/** Workshops and the people admitted to them. Tokens are stored only as hashes. */
export interface Registry {
  createWorkshop(workshop: WorkshopRecord): Promise<void>;
  getWorkshop(id: string): Promise<WorkshopRecord | null>;
  findWorkshopByJoinCode(joinCode: string): Promise<WorkshopRecord | null>;
  addParticipant(participant: ParticipantRecord, tokenHash: string): Promise<void>;
  /** The participant of a token, unless they were removed. */
  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
  /** Removes someone from a workshop: their token stops working. False if unknown. */
  revokeParticipant(workshopId: string, userId: string): Promise<boolean>;
  /** The facilitation state of a workshop (JSON, owned by the facilitation service). */
  loadFacilitation(workshopId: string): Promise<string | null>;
  /**
   * Reads and replaces a workshop's facilitation state atomically, even across server nodes: `change`
   * gets the stored JSON (null if none) and returns the JSON to store (null: leave it) and a result.
   * `change` must be synchronous and pure; it may run again if the adapter retries.
   */
  transactFacilitation<T>(workshopId: string, change: (json: string | null) => { json: string | null; result: T }): Promise<T>;
  /** Deletes a workshop, its participants and its facilitation state (not its documents). */
  deleteWorkshop(id: string): Promise<void>;
  /** Small key/value settings, e.g. the demo workshop's links printed at each start. */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Runs `work` while no other `exclusive` call of the same name runs, on any node sharing this
   * storage (e.g. creating the demo workshop once when several nodes start together). Meant for
   * rare work: PostgreSQL holds a pooled connection for the whole wait.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export interface Storage {
  docs: DocStorage;
  registry: Registry;
  close(): Promise<void>;
}
