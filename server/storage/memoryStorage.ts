import * as Y from 'yjs';
import { localExclusive } from './localExclusive';
import type { DocStorage, ParticipantRecord, Registry, Storage, WorkshopRecord } from './Storage';

/** Keeps everything in process memory: for tests and throwaway runs. Same contract as SQLite. */
export function createMemoryStorage(): Storage {
  const logs = new Map<string, Uint8Array[]>();
  const workshops = new Map<string, WorkshopRecord>();
  const participants = new Map<string, ParticipantRecord>();
  const settings = new Map<string, string>();
  const facilitation = new Map<string, string>();

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
      participants.set(tokenHash, { ...p });
    },
    async findParticipantByTokenHash(hash) {
      const p = participants.get(hash);
      return p ? { ...p } : null;
    },
    async revokeParticipant(workshopId, userId) {
      for (const [hash, p] of participants) {
        if (p.workshopId === workshopId && p.userId === userId) {
          participants.delete(hash);
          return true;
        }
      }
      return false;
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
  };

  return { docs, registry, async close() {} };
}
