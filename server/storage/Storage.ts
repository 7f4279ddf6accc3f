import type { ParticipantOrigin } from '../../shared/protocol';
import type { Community, Role } from '../../shared/schema';
import type { AttachmentView } from '../../shared/attachments';

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
  /** Tokens other than the creator's stop working this long after they were issued (null: never). */
  tokenLifetimeMs: number | null;
  /** The Yjs endpoint accepts only short-lived tickets, never a long-lived token in the URL. */
  ticketsOnly: boolean;
}

/** The facilitation settings of a workshop that live in the registry (they govern tokens). */
export type WorkshopSettings = Pick<WorkshopRecord, 'tokenLifetimeMs' | 'ticketsOnly'>;

export type { ParticipantOrigin };

export interface ParticipantRecord {
  userId: string;
  workshopId: string;
  name: string;
  role: Role;
  community: Community | null;
  createdAt: number;
  origin: ParticipantOrigin;
  /** SHA-256 of the browser's device id given at join; a removal refuses new joins carrying it. */
  deviceHash: string | null;
}

/** A participant as the facilitator's people list sees them, revoked ones included. */
export interface AdmittedRecord extends ParticipantRecord {
  /** When a facilitator removed this person or revoked this link; null while the token works. */
  revokedAt: number | null;
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
  /** One participant by id, revoked or not (tickets name the user, not the token). */
  getParticipant(workshopId: string, userId: string): Promise<AdmittedRecord | null>;
  /** Everyone ever admitted to the workshop, revoked ones included, oldest first. */
  listParticipants(workshopId: string): Promise<AdmittedRecord[]>;
  /** Whether someone removed from the workshop (and not re-admitted) joined from this device. */
  isDeviceRemoved(workshopId: string, deviceHash: string): Promise<boolean>;
  /** Lifts a removed person's device ban (their old token stays revoked). False if not removed. */
  readmitParticipant(workshopId: string, userId: string): Promise<boolean>;
  /** Changes the name someone goes by (a co-facilitator choosing theirs). False if unknown or revoked. */
  renameParticipant(workshopId: string, userId: string, name: string): Promise<boolean>;
  /** Changes a workshop's token settings. False if the workshop is unknown. */
  updateWorkshopSettings(id: string, settings: WorkshopSettings): Promise<boolean>;
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
  /** Stores `value` unless the key already has one, and returns the stored value (atomic across nodes). */
  claimSetting(key: string, value: string): Promise<string>;
}

/**
 * What is known of a stored attachment besides its bytes: its API view (the content type decided
 * from the content, see shared/attachments.ts) and its workshop.
 */
export interface AttachmentRecord extends AttachmentView {
  workshopId: string;
}

/**
 * Pitch material (PDF, images) kept in the same database as the documents, so one backup and one
 * multi-node setup hold everything: no separate file server.
 */
export interface AttachmentStorage {
  /**
   * Stores an attachment unless the workshop would then hold more than `workshopLimit` bytes of
   * attachments; the check and the insert are one atomic step, even across nodes. False: refused.
   */
  put(record: AttachmentRecord, data: Uint8Array, workshopLimit: number): Promise<boolean>;
  /** The record and bytes of an attachment of this workshop, or null. */
  get(workshopId: string, id: string): Promise<{ record: AttachmentRecord; data: Uint8Array } | null>;
  /** A workshop's attachments (of one project when given), oldest first, without their bytes. */
  list(workshopId: string, projectId?: string): Promise<AttachmentRecord[]>;
  /** Total bytes of the workshop's attachments. */
  totalBytes(workshopId: string): Promise<number>;
  /** Deletes one attachment. False if unknown in this workshop. */
  delete(workshopId: string, id: string): Promise<boolean>;
  /** Deletes every attachment of a workshop (the workshop itself is deleted). */
  deleteWorkshop(workshopId: string): Promise<void>;
}

export interface Storage {
  docs: DocStorage;
  registry: Registry;
  attachments: AttachmentStorage;
  close(): Promise<void>;
}
