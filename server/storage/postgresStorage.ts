import pg from 'pg';
import { type MergeUpdates, sharedMerge } from '../mergeUpdates';
import type { Community, Role } from '../../shared/schema';
import { originBackfill } from './originBackfill';
import { ATTACHMENT_COLUMNS, type AttachmentRow, attachmentValues, toAttachment } from './attachmentRows';
import type { AdmittedRecord, AttachmentStorage, DocStorage, ParticipantOrigin, Registry, Storage, WorkshopRecord } from './Storage';

/**
 * PostgreSQL storage for several nodes sharing the same workshops. Same contract as SQLite: an
 * append-only update log per room, compacted in a transaction that holds a per-room advisory lock so
 * two nodes never compact the same room at once; appends made meanwhile are kept.
 */

const schemaSql = (schema: string) => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room ON ${schema}.doc_updates (room, seq);
CREATE TABLE IF NOT EXISTS ${schema}.workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.participants (
  user_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES ${schema}.workshops (id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  community TEXT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE IF NOT EXISTS ${schema}.facilitation (
  workshop_id TEXT PRIMARY KEY REFERENCES ${schema}.workshops (id),
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
ALTER TABLE ${schema}.workshops ADD COLUMN IF NOT EXISTS token_lifetime_ms BIGINT;
ALTER TABLE ${schema}.workshops ADD COLUMN IF NOT EXISTS tickets_only BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ${schema}.participants ADD COLUMN IF NOT EXISTS origin TEXT;
ALTER TABLE ${schema}.participants ADD COLUMN IF NOT EXISTS device_hash TEXT;
${originBackfill((name) => `${schema}.${name}`)};
CREATE TABLE IF NOT EXISTS ${schema}.attachments (
  workshop_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploader_name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
`;

interface WorkshopRow {
  id: string;
  title: string;
  join_code: string;
  created_at: string;
  token_lifetime_ms: string | null;
  tickets_only: boolean;
}
interface ParticipantRow {
  user_id: string;
  workshop_id: string;
  name: string;
  role: string;
  community: string | null;
  created_at: string;
  revoked_at: string | null;
  origin: string | null;
  device_hash: string | null;
}

const toWorkshop = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id,
  title: r.title,
  joinCode: r.join_code,
  createdAt: Number(r.created_at),
  tokenLifetimeMs: r.token_lifetime_ms === null ? null : Number(r.token_lifetime_ms),
  ticketsOnly: r.tickets_only,
});
const toAdmitted = (r: ParticipantRow): AdmittedRecord => ({
  userId: r.user_id,
  workshopId: r.workshop_id,
  name: r.name,
  role: r.role as Role,
  community: r.community as Community | null,
  createdAt: Number(r.created_at),
  origin: (r.origin ?? 'join') as ParticipantOrigin,
  deviceHash: r.device_hash,
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});
const toParticipant = (r: ParticipantRow) => {
  const { revokedAt: _revoked, ...participant } = toAdmitted(r);
  return participant;
};
const toBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export async function openPostgresStorage(connectionString: string, options: { schema?: string; mergeUpdates?: MergeUpdates } = {}): Promise<Storage> {
  const mergeUpdates = options.mergeUpdates ?? sharedMerge.merge;
  const schema = options.schema ?? 'croisee';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client's error (server restarted, connection cut) must not crash the process.
  pool.on('error', () => {});
  const t = (name: string) => `${schema}.${name}`;
  // Creating the schema from two nodes at once can race; a lock makes it one at a time.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`croisee-schema-${schema}`]);
    await client.query(schemaSql(schema));
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`croisee-schema-${schema}`]).catch(() => {});
    client.release();
  }

  async function inTransaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  const docs: DocStorage = {
    async load(room) {
      const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${t('doc_updates')} WHERE room = $1 ORDER BY seq`, [room]);
      return rows.map((r) => toBytes(r.data));
    },
    async append(room, update) {
      await pool.query(`INSERT INTO ${t('doc_updates')} (room, data) VALUES ($1, $2)`, [room, Buffer.from(update)]);
    },
    async compact(room) {
      await inTransaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}:${room}`]);
        const { rows } = await c.query<{ seq: string; data: Buffer }>(`SELECT seq, data FROM ${t('doc_updates')} WHERE room = $1 ORDER BY seq`, [room]);
        if (rows.length < 2) return;
        // Off the event loop for big logs (the transaction and its lock wait meanwhile).
        const merged = await mergeUpdates(rows.map((r) => toBytes(r.data)));
        // Exactly the rows merged, never a range: an append that took a lower sequence number but
        // committed after the read above is not in `rows`, and must stay.
        await c.query(`DELETE FROM ${t('doc_updates')} WHERE room = $1 AND seq = ANY($2::bigint[])`, [room, rows.map((r) => r.seq)]);
        await c.query(`INSERT INTO ${t('doc_updates')} (room, data) VALUES ($1, $2)`, [room, Buffer.from(merged)]);
      });
    },
    async count(room) {
      const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t('doc_updates')} WHERE room = $1`, [room]);
      return Number(rows[0].n);
    },
    async deleteRooms(rooms) {
      if (rooms.length > 0) await pool.query(`DELETE FROM ${t('doc_updates')} WHERE room = ANY($1::text[])`, [rooms]);
    },
    async listRooms(prefix) {
      const { rows } = await pool.query<{ room: string }>(`SELECT DISTINCT room FROM ${t('doc_updates')} WHERE left(room, $2) = $1 ORDER BY room`, [
        prefix,
        prefix.length,
      ]);
      return rows.map((r) => r.room);
    },
  };

  const registry: Registry = {
    async createWorkshop(w) {
      await pool.query(`INSERT INTO ${t('workshops')} (id, title, join_code, created_at, token_lifetime_ms, tickets_only) VALUES ($1, $2, $3, $4, $5, $6)`, [
        w.id,
        w.title,
        w.joinCode,
        w.createdAt,
        w.tokenLifetimeMs,
        w.ticketsOnly,
      ]);
    },
    async getWorkshop(id) {
      const { rows } = await pool.query<WorkshopRow>(`SELECT * FROM ${t('workshops')} WHERE id = $1`, [id]);
      return rows[0] ? toWorkshop(rows[0]) : null;
    },
    async findWorkshopByJoinCode(code) {
      const { rows } = await pool.query<WorkshopRow>(`SELECT * FROM ${t('workshops')} WHERE join_code = $1`, [code]);
      return rows[0] ? toWorkshop(rows[0]) : null;
    },
    async addParticipant(p, tokenHash) {
      await pool.query(
        `INSERT INTO ${t('participants')} (user_id, workshop_id, token_hash, name, role, community, created_at, origin, device_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [p.userId, p.workshopId, tokenHash, p.name, p.role, p.community, p.createdAt, p.origin, p.deviceHash],
      );
    },
    async findParticipantByTokenHash(hash) {
      const { rows } = await pool.query<ParticipantRow>(`SELECT * FROM ${t('participants')} WHERE token_hash = $1 AND revoked_at IS NULL`, [hash]);
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async revokeParticipant(workshopId, userId) {
      const res = await pool.query(`UPDATE ${t('participants')} SET revoked_at = $1 WHERE workshop_id = $2 AND user_id = $3 AND revoked_at IS NULL`, [
        Date.now(),
        workshopId,
        userId,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async getParticipant(workshopId, userId) {
      const { rows } = await pool.query<ParticipantRow>(`SELECT * FROM ${t('participants')} WHERE workshop_id = $1 AND user_id = $2`, [workshopId, userId]);
      return rows[0] ? toAdmitted(rows[0]) : null;
    },
    async listParticipants(workshopId) {
      const { rows } = await pool.query<ParticipantRow>(`SELECT * FROM ${t('participants')} WHERE workshop_id = $1 ORDER BY created_at, user_id`, [workshopId]);
      return rows.map(toAdmitted);
    },
    async isDeviceRemoved(workshopId, deviceHash) {
      const { rows } = await pool.query(`SELECT 1 FROM ${t('participants')} WHERE workshop_id = $1 AND device_hash = $2 AND revoked_at IS NOT NULL LIMIT 1`, [
        workshopId,
        deviceHash,
      ]);
      return rows.length > 0;
    },
    async readmitParticipant(workshopId, userId) {
      const res = await pool.query(
        `UPDATE ${t('participants')} SET device_hash = NULL WHERE workshop_id = $1 AND user_id = $2 AND revoked_at IS NOT NULL AND device_hash IS NOT NULL`,
        [workshopId, userId],
      );
      return (res.rowCount ?? 0) > 0;
    },
    async renameParticipant(workshopId, userId, name) {
      const res = await pool.query(`UPDATE ${t('participants')} SET name = $1 WHERE workshop_id = $2 AND user_id = $3 AND revoked_at IS NULL`, [
        name,
        workshopId,
        userId,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async updateWorkshopSettings(id, settings) {
      const res = await pool.query(`UPDATE ${t('workshops')} SET token_lifetime_ms = $1, tickets_only = $2 WHERE id = $3`, [
        settings.tokenLifetimeMs,
        settings.ticketsOnly,
        id,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async loadFacilitation(workshopId) {
      const { rows } = await pool.query<{ state: string }>(`SELECT state FROM ${t('facilitation')} WHERE workshop_id = $1`, [workshopId]);
      return rows[0]?.state ?? null;
    },
    async transactFacilitation(workshopId, change) {
      return inTransaction(async (c) => {
        // The advisory lock serialises commands of one workshop across every node.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}:facilitation:${workshopId}`]);
        const { rows } = await c.query<{ state: string }>(`SELECT state FROM ${t('facilitation')} WHERE workshop_id = $1`, [workshopId]);
        const { json, result } = change(rows[0]?.state ?? null);
        if (json !== null) {
          await c.query(
            `INSERT INTO ${t('facilitation')} (workshop_id, state) VALUES ($1, $2) ON CONFLICT (workshop_id) DO UPDATE SET state = excluded.state`,
            [workshopId, json],
          );
        }
        return result;
      });
    },
    async deleteWorkshop(id) {
      await inTransaction(async (c) => {
        await c.query(`DELETE FROM ${t('participants')} WHERE workshop_id = $1`, [id]);
        await c.query(`DELETE FROM ${t('facilitation')} WHERE workshop_id = $1`, [id]);
        await c.query(`DELETE FROM ${t('workshops')} WHERE id = $1`, [id]);
      });
    },
    async getSetting(key) {
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${t('settings')} WHERE key = $1`, [key]);
      return rows[0]?.value ?? null;
    },
    async setSetting(key, value) {
      await pool.query(`INSERT INTO ${t('settings')} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]);
    },
    async exclusive(name, work) {
      // A session-level advisory lock on a connection of its own, held while `work` runs on others;
      // if this process dies, PostgreSQL ends the session and the lock with it.
      const key = `${schema}:exclusive:${name}`;
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
        try {
          return await work();
        } finally {
          await c.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch((err: Error) => (broken = err));
        }
      } finally {
        c.release(broken); // a connection that could not unlock is discarded, which unlocks
      }
    },
    async claimSetting(key, value) {
      await pool.query(`INSERT INTO ${t('settings')} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, value]);
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${t('settings')} WHERE key = $1`, [key]);
      return rows[0]?.value ?? value;
    },
  };

  const attachments: AttachmentStorage = {
    async put(r, data, workshopLimit) {
      return inTransaction(async (c) => {
        // Serialises uploads of one workshop across nodes: the sum and the insert cannot interleave.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}:attachments:${r.workshopId}`]);
        const { rows } = await c.query<{ n: string | null }>(`SELECT SUM(size) AS n FROM ${t('attachments')} WHERE workshop_id = $1`, [r.workshopId]);
        if (Number(rows[0]?.n ?? 0) + r.size > workshopLimit) return false;
        await c.query(`INSERT INTO ${t('attachments')} (${ATTACHMENT_COLUMNS}, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
          ...attachmentValues(r),
          Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        ]);
        return true;
      });
    },
    async get(workshopId, id) {
      const { rows } = await pool.query<AttachmentRow & { data: Buffer }>(
        `SELECT ${ATTACHMENT_COLUMNS}, data FROM ${t('attachments')} WHERE workshop_id = $1 AND id = $2`,
        [workshopId, id],
      );
      return rows[0] ? { record: toAttachment(rows[0]), data: toBytes(rows[0].data) } : null;
    },
    async list(workshopId, projectId) {
      const { rows } = await pool.query<AttachmentRow>(
        `SELECT ${ATTACHMENT_COLUMNS} FROM ${t('attachments')} WHERE workshop_id = $1 AND ($2::text IS NULL OR project_id = $2) ORDER BY created_at, id`,
        [workshopId, projectId ?? null],
      );
      return rows.map(toAttachment);
    },
    async totalBytes(workshopId) {
      const { rows } = await pool.query<{ n: string | null }>(`SELECT SUM(size) AS n FROM ${t('attachments')} WHERE workshop_id = $1`, [workshopId]);
      return Number(rows[0]?.n ?? 0);
    },
    async delete(workshopId, id) {
      const res = await pool.query(`DELETE FROM ${t('attachments')} WHERE workshop_id = $1 AND id = $2`, [workshopId, id]);
      return (res.rowCount ?? 0) > 0;
    },
    async deleteWorkshop(workshopId) {
      await pool.query(`DELETE FROM ${t('attachments')} WHERE workshop_id = $1`, [workshopId]);
    },
  };

  let closed = false;
  return {
    docs,
    registry,
    attachments,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Drops a schema (tests clean up after themselves). */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
