import Database from 'better-sqlite3';
import { type MergeUpdates, sharedMerge } from '../mergeUpdates';
import type { Community, Role } from '../../shared/schema';
import { localExclusive } from './localExclusive';
import { originBackfill } from './originBackfill';
import { ATTACHMENT_COLUMNS, type AttachmentRow, attachmentValues, toAttachment } from './attachmentRows';
import type { AdmittedRecord, AttachmentRecord, AttachmentStorage, DocStorage, ParticipantOrigin, Registry, Storage, WorkshopRecord } from './Storage';

/**
 * The embedded default: one SQLite file, WAL mode. Every update is appended as it arrives (a single
 * INSERT in WAL mode costs microseconds); compaction folds a room's log into one merged update in a
 * transaction, so a crash mid-compaction leaves either the old log or the new state, never neither.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room ON doc_updates (room, seq);
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  token_lifetime_ms INTEGER,
  tickets_only INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS participants (
  user_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops (id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  community TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  origin TEXT,
  device_hash TEXT
);
CREATE TABLE IF NOT EXISTS facilitation (
  workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
  workshop_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploader_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
`;

/** Columns added after the first release: added to older files at open (SQLite has no ADD COLUMN IF NOT EXISTS). */
const ADDED_COLUMNS: readonly [table: string, column: string, definition: string][] = [
  ['workshops', 'token_lifetime_ms', 'INTEGER'],
  ['workshops', 'tickets_only', 'INTEGER NOT NULL DEFAULT 0'],
  ['participants', 'origin', 'TEXT'],
  ['participants', 'device_hash', 'TEXT'],
];

interface WorkshopRow {
  id: string;
  title: string;
  join_code: string;
  created_at: number;
  token_lifetime_ms: number | null;
  tickets_only: number;
}
interface ParticipantRow {
  user_id: string;
  workshop_id: string;
  name: string;
  role: string;
  community: string | null;
  created_at: number;
  revoked_at: number | null;
  origin: string | null;
  device_hash: string | null;
}

const toWorkshop = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id,
  title: r.title,
  joinCode: r.join_code,
  createdAt: r.created_at,
  tokenLifetimeMs: r.token_lifetime_ms,
  ticketsOnly: r.tickets_only === 1,
});
const toAdmitted = (r: ParticipantRow): AdmittedRecord => ({
  userId: r.user_id,
  workshopId: r.workshop_id,
  name: r.name,
  role: r.role as Role,
  community: r.community as Community | null,
  createdAt: r.created_at,
  origin: (r.origin ?? 'join') as ParticipantOrigin,
  deviceHash: r.device_hash,
  revokedAt: r.revoked_at,
});

const toParticipant = (r: ParticipantRow) => {
  const { revokedAt: _revoked, ...participant } = toAdmitted(r);
  return participant;
};

/** Thrown inside a compaction's transaction to roll it back. */
class CompactionOvertaken extends Error {}

export function openSqliteStorage(file: string, options: { mergeUpdates?: MergeUpdates } = {}): Storage {
  const mergeUpdates = options.mergeUpdates ?? sharedMerge.merge;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed update survives a process crash (SIGKILL); a power loss may
  // cost the last transactions. See docs/architecture.md, "Durability".
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  for (const [table, column, definition] of ADDED_COLUMNS) {
    const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  db.exec(originBackfill((name) => name));

  const q = {
    load: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE room = ? ORDER BY seq'),
    append: db.prepare<[string, Buffer]>('INSERT INTO doc_updates (room, data) VALUES (?, ?)'),
    count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE room = ?'),
    rows: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE room = ? ORDER BY seq'),
    deleteRange: db.prepare<[string, number, number]>('DELETE FROM doc_updates WHERE room = ? AND seq BETWEEN ? AND ?'),
    insertWorkshop: db.prepare<[string, string, string, number, number | null, number]>(
      'INSERT INTO workshops (id, title, join_code, created_at, token_lifetime_ms, tickets_only) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    updateSettings: db.prepare<[number | null, number, string]>('UPDATE workshops SET token_lifetime_ms = ?, tickets_only = ? WHERE id = ?'),
    getWorkshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
    workshopByCode: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?'),
    insertParticipant: db.prepare<[string, string, string, string, string, string | null, number, string, string | null]>(
      'INSERT INTO participants (user_id, workshop_id, token_hash, name, role, community, created_at, origin, device_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    participant: db.prepare<[string, string], ParticipantRow>('SELECT * FROM participants WHERE workshop_id = ? AND user_id = ?'),
    participants: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, user_id'),
    deviceRemoved: db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM participants WHERE workshop_id = ? AND device_hash = ? AND revoked_at IS NOT NULL',
    ),
    readmit: db.prepare<[string, string]>(
      'UPDATE participants SET device_hash = NULL WHERE workshop_id = ? AND user_id = ? AND revoked_at IS NOT NULL AND device_hash IS NOT NULL',
    ),
    rename: db.prepare<[string, string, string]>('UPDATE participants SET name = ? WHERE workshop_id = ? AND user_id = ? AND revoked_at IS NULL'),
    claimSetting: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    participantByToken: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE token_hash = ? AND revoked_at IS NULL'),
    revoke: db.prepare<[number, string, string]>('UPDATE participants SET revoked_at = ? WHERE workshop_id = ? AND user_id = ? AND revoked_at IS NULL'),
    loadFacilitation: db.prepare<[string], { state: string }>('SELECT state FROM facilitation WHERE workshop_id = ?'),
    saveFacilitation: db.prepare<[string, string]>(
      'INSERT INTO facilitation (workshop_id, state) VALUES (?, ?) ON CONFLICT (workshop_id) DO UPDATE SET state = excluded.state',
    ),
    deleteRoom: db.prepare<[string]>('DELETE FROM doc_updates WHERE room = ?'),
    deleteParticipants: db.prepare<[string]>('DELETE FROM participants WHERE workshop_id = ?'),
    deleteFacilitation: db.prepare<[string]>('DELETE FROM facilitation WHERE workshop_id = ?'),
    deleteWorkshop: db.prepare<[string]>('DELETE FROM workshops WHERE id = ?'),
    listRooms: db.prepare<[string, string], { room: string }>('SELECT DISTINCT room FROM doc_updates WHERE room >= ? AND room < ? ORDER BY room'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    attachmentBytes: db.prepare<[string], { n: number | null }>('SELECT SUM(size) AS n FROM attachments WHERE workshop_id = ?'),
    insertAttachment: db.prepare<[string, string, string, string, string, number, string, string, number, Buffer]>(
      `INSERT INTO attachments (${ATTACHMENT_COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attachment: db.prepare<[string, string], AttachmentRow & { data: Buffer }>(
      `SELECT ${ATTACHMENT_COLUMNS}, data FROM attachments WHERE workshop_id = ? AND id = ?`,
    ),
    attachments: db.prepare<[string], AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE workshop_id = ? ORDER BY created_at, id`),
    deleteAttachment: db.prepare<[string, string]>('DELETE FROM attachments WHERE workshop_id = ? AND id = ?'),
    deleteAttachments: db.prepare<[string]>('DELETE FROM attachments WHERE workshop_id = ?'),
  };

  /** Replaces the `count` rows `first`…`last` with their merge, unless they are not all there any more. */
  const replaceMerged = db.transaction((room: string, first: number, last: number, count: number, merged: Uint8Array) => {
    if (q.deleteRange.run(room, first, last).changes !== count) throw new CompactionOvertaken();
    q.append.run(room, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
  });

  const deleteRooms = db.transaction((rooms: readonly string[]) => {
    for (const room of rooms) q.deleteRoom.run(room);
  });
  const deleteWorkshop = db.transaction((id: string) => {
    q.deleteParticipants.run(id);
    q.deleteFacilitation.run(id);
    q.deleteWorkshop.run(id);
  });

  const docs: DocStorage = {
    async load(room) {
      return q.load.all(room).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    },
    async append(room, update) {
      q.append.run(room, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    },
    async compact(room) {
      const rows = q.rows.all(room);
      if (rows.length < 2) return;
      // Merged off the event loop (a worker thread for big logs): appends go on meanwhile and take
      // higher numbers, so the rows merged are exactly those between the first and last read. Were
      // some of them replaced meanwhile (another compaction of the room), this one is dropped:
      // nothing is lost, the other one's result holds them. See docs/architecture.md, "Compaction".
      const merged = await mergeUpdates(rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)));
      try {
        replaceMerged.immediate(room, rows[0].seq, rows[rows.length - 1].seq, rows.length, merged);
      } catch (err) {
        if (!(err instanceof CompactionOvertaken)) throw err;
      }
    },
    async count(room) {
      return q.count.get(room)?.n ?? 0;
    },
    async deleteRooms(rooms) {
      deleteRooms(rooms);
    },
    async listRooms(prefix) {
      // A range scan on the index rather than LIKE, which would treat _ and % in names as wildcards.
      return q.listRooms.all(prefix, `${prefix}\uffff`).map((r) => r.room);
    },
  };

  const registry: Registry = {
    async createWorkshop(w) {
      q.insertWorkshop.run(w.id, w.title, w.joinCode, w.createdAt, w.tokenLifetimeMs, w.ticketsOnly ? 1 : 0);
    },
    async getWorkshop(id) {
      const row = q.getWorkshop.get(id);
      return row ? toWorkshop(row) : null;
    },
    async findWorkshopByJoinCode(code) {
      const row = q.workshopByCode.get(code);
      return row ? toWorkshop(row) : null;
    },
    async addParticipant(p, tokenHash) {
      q.insertParticipant.run(p.userId, p.workshopId, tokenHash, p.name, p.role, p.community, p.createdAt, p.origin, p.deviceHash);
    },
    async findParticipantByTokenHash(hash) {
      const row = q.participantByToken.get(hash);
      return row ? toParticipant(row) : null;
    },
    async revokeParticipant(workshopId, userId) {
      return q.revoke.run(Date.now(), workshopId, userId).changes > 0;
    },
    async getParticipant(workshopId, userId) {
      const row = q.participant.get(workshopId, userId);
      return row ? toAdmitted(row) : null;
    },
    async listParticipants(workshopId) {
      return q.participants.all(workshopId).map(toAdmitted);
    },
    async isDeviceRemoved(workshopId, deviceHash) {
      return (q.deviceRemoved.get(workshopId, deviceHash)?.n ?? 0) > 0;
    },
    async readmitParticipant(workshopId, userId) {
      return q.readmit.run(workshopId, userId).changes > 0;
    },
    async renameParticipant(workshopId, userId, name) {
      return q.rename.run(name, workshopId, userId).changes > 0;
    },
    async updateWorkshopSettings(id, settings) {
      return q.updateSettings.run(settings.tokenLifetimeMs, settings.ticketsOnly ? 1 : 0, id).changes > 0;
    },
    async loadFacilitation(workshopId) {
      return q.loadFacilitation.get(workshopId)?.state ?? null;
    },
    async transactFacilitation(workshopId, change) {
      // One process owns the file and better-sqlite3 is synchronous: the transaction is atomic.
      return db.transaction(() => {
        const { json, result } = change(q.loadFacilitation.get(workshopId)?.state ?? null);
        if (json !== null) q.saveFacilitation.run(workshopId, json);
        return result;
      })();
    },
    async deleteWorkshop(id) {
      deleteWorkshop(id);
    },
    async getSetting(key) {
      return q.getSetting.get(key)?.value ?? null;
    },
    async setSetting(key, value) {
      q.setSetting.run(key, value);
    },
    exclusive: localExclusive(),
    async claimSetting(key, value) {
      q.claimSetting.run(key, value);
      return q.getSetting.get(key)?.value ?? value;
    },
  };

  // IMMEDIATE (see put): the sum and the insert happen under the write lock, so two uploads cannot
  // both fit under the limit that only one of them fits.
  const putAttachment = db.transaction((r: AttachmentRecord, data: Uint8Array, limit: number) => {
    if ((q.attachmentBytes.get(r.workshopId)?.n ?? 0) + r.size > limit) return false;
    const blob = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    q.insertAttachment.run(...attachmentValues(r), blob);
    return true;
  });

  const attachments: AttachmentStorage = {
    async put(record, data, workshopLimit) {
      return putAttachment.immediate(record, data, workshopLimit);
    },
    async get(workshopId, id) {
      const row = q.attachment.get(workshopId, id);
      if (!row) return null;
      return { record: toAttachment(row), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
    },
    async list(workshopId, projectId) {
      return q.attachments
        .all(workshopId)
        .map(toAttachment)
        .filter((a) => projectId === undefined || a.projectId === projectId);
    },
    async totalBytes(workshopId) {
      return q.attachmentBytes.get(workshopId)?.n ?? 0;
    },
    async delete(workshopId, id) {
      return q.deleteAttachment.run(workshopId, id).changes > 0;
    },
    async deleteWorkshop(workshopId) {
      q.deleteAttachments.run(workshopId);
    },
  };

  return {
    docs,
    registry,
    attachments,
    async close() {
      if (db.open) db.close();
    },
  };
}
