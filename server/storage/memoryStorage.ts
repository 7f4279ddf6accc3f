import * as Y from 'yjs';
import { localExclusive } from './localExclusive';
import type { AdmittedRecord, AttachmentRecord, AttachmentStorage, DocStorage, Registry, Storage, WorkshopRecord } from './Storage';

/** Keeps everything in process memory: for tests and throwaway runs. Same contract as SQLite. */
export function createMemoryStorage(): Storage {
  const logs = new Map<string, Uint8Array[]>();
  const workshops = new Map<string, WorkshopRecord>();
  /** By token hash; a revoked participant stays (with revokedAt) for the people list and device bans. */
  const participants = new Map<string, AdmittedRecord>();
  const settings = new Map<string, string>();
  const facilitation = new Map<string, string>();

  const byUser = (workshopId: string, userId: string) => [...participants.values()].find((p) => p.workshopId === workshopId && p.userId === userId);

  const docs: DocStorage = {
    async load(room) {
      return (logs.get(room) ?? []).map((u) => u.slice());
    },
    async append(room, update) {
      const log = logs.get(room) ?? [];
      log.push(update.slice());
      logs.set(room, log);
    },
    async compact(room) {
      const log = logs.get(room);
      if (log && log.length > 1) logs.set(room, [Y.mergeUpdates(log)]);
    },
    async count(room) {
      return logs.get(room)?.length ?? 0;
    },
    async deleteRooms(rooms) {
      for (const room of rooms) logs.delete(room);
    },
    async listRooms(prefix) {
      return [...logs.keys()].filter((room) => room.startsWith(prefix)).sort();
    },
  };

  const registry: Registry = {
    async createWorkshop(w) {
      if (workshops.has(w.id) || [...workshops.values()].some((x) => x.joinCode === w.joinCode)) {
        throw new Error('workshop id or join code already exists');
      }
      workshops.set(w.id, { ...w });
    },
    async getWorkshop(id) {
      const w = workshops.get(id);
      return w ? { ...w } : null;
    },
    async findWorkshopByJoinCode(code) {
      const w = [...workshops.values()].find((x) => x.joinCode === code);
      return w ? { ...w } : null;
    },
    async addParticipant(p, tokenHash) {
      if (participants.has(tokenHash)) throw new Error('token already exists');
      participants.set(tokenHash, { ...p, revokedAt: null });
    },
    async findParticipantByTokenHash(hash) {
      const p = participants.get(hash);
      if (!p || p.revokedAt !== null) return null;
      const { revokedAt: _revoked, ...participant } = p;
      return participant;
    },
    async revokeParticipant(workshopId, userId) {
      const p = byUser(workshopId, userId);
      if (!p || p.revokedAt !== null) return false;
      p.revokedAt = Date.now();
      return true;
    },
    async getParticipant(workshopId, userId) {
      const p = byUser(workshopId, userId);
      return p ? { ...p } : null;
    },
    async listParticipants(workshopId) {
      return [...participants.values()]
        .filter((p) => p.workshopId === workshopId)
        .sort((a, b) => a.createdAt - b.createdAt || a.userId.localeCompare(b.userId))
        .map((p) => ({ ...p }));
    },
    async isDeviceRemoved(workshopId, deviceHash) {
      return [...participants.values()].some((p) => p.workshopId === workshopId && p.deviceHash === deviceHash && p.revokedAt !== null);
    },
    async readmitParticipant(workshopId, userId) {
      const p = byUser(workshopId, userId);
      if (!p || p.revokedAt === null || p.deviceHash === null) return false;
      p.deviceHash = null;
      return true;
    },
    async renameParticipant(workshopId, userId, name) {
      const p = byUser(workshopId, userId);
      if (!p || p.revokedAt !== null) return false;
      p.name = name;
      return true;
    },
    async updateWorkshopSettings(id, settings) {
      const w = workshops.get(id);
      if (!w) return false;
      workshops.set(id, { ...w, ...settings });
      return true;
    },
    async loadFacilitation(workshopId) {
      return facilitation.get(workshopId) ?? null;
    },
    async transactFacilitation(workshopId, change) {
      const { json, result } = change(facilitation.get(workshopId) ?? null);
      if (json !== null) facilitation.set(workshopId, json);
      return result;
    },
    async deleteWorkshop(id) {
      workshops.delete(id);
      facilitation.delete(id);
      for (const [hash, p] of participants) if (p.workshopId === id) participants.delete(hash);
    },
    async getSetting(key) {
      return settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      settings.set(key, value);
    },
    exclusive: localExclusive(),
    async claimSetting(key, value) {
      if (!settings.has(key)) settings.set(key, value);
      return settings.get(key)!;
    },
  };

  const files = new Map<string, { record: AttachmentRecord; data: Uint8Array }>();
  const ofWorkshop = (workshopId: string) => [...files.values()].filter((f) => f.record.workshopId === workshopId);
  const fileKey = (workshopId: string, id: string) => `${workshopId}/${id}`;
  const attachments: AttachmentStorage = {
    async put(record, data, workshopLimit) {
      const key = fileKey(record.workshopId, record.id);
      if (files.has(key)) throw new Error('attachment id already exists');
      const total = ofWorkshop(record.workshopId).reduce((n, f) => n + f.record.size, 0);
      if (total + record.size > workshopLimit) return false;
      files.set(key, { record: { ...record }, data: data.slice() });
      return true;
    },
    async get(workshopId, id) {
      const f = files.get(fileKey(workshopId, id));
      return f ? { record: { ...f.record }, data: f.data.slice() } : null;
    },
    async list(workshopId, projectId) {
      return ofWorkshop(workshopId)
        .filter((f) => projectId === undefined || f.record.projectId === projectId)
        .map((f) => ({ ...f.record }))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async totalBytes(workshopId) {
      return ofWorkshop(workshopId).reduce((n, f) => n + f.record.size, 0);
    },
    async delete(workshopId, id) {
      return files.delete(fileKey(workshopId, id));
    },
    async deleteWorkshop(workshopId) {
      for (const f of ofWorkshop(workshopId)) files.delete(fileKey(workshopId, f.record.id));
    },
  };

  return { docs, registry, attachments, async close() {} };
}
