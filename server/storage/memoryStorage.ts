import * as Y from 'yjs';
import type { DocStorage, ParticipantRecord, Registry, Storage, WorkshopRecord } from './Storage';

/** Keeps everything in process memory: for tests and throwaway runs. Same contract as SQLite. */
export function createMemoryStorage(): Storage {
  const logs = new Map<string, Uint8Array[]>();
  const workshops = new Map<string, WorkshopRecord>();
  const participants = new Map<string, ParticipantRecord>();
  const settings = new Map<string, string>();

  const docs: DocStorage = {
    async load(room) {
      return [...(logs.get(room) ?? [])];
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
  };

  const registry: Registry = {
    async createWorkshop(w) {
      if (workshops.has(w.id) || [...workshops.values()].some((x) => x.joinCode === w.joinCode)) {
        throw new Error('workshop id or join code already exists');
      }
      workshops.set(w.id, { ...w });
    },
    async getWorkshop(id) {
      return workshops.get(id) ?? null;
    },
    async findWorkshopByJoinCode(code) {
      return [...workshops.values()].find((w) => w.joinCode === code) ?? null;
    },
    async addParticipant(p, tokenHash) {
      if (participants.has(tokenHash)) throw new Error('token already exists');
      participants.set(tokenHash, { ...p });
    },
    async findParticipantByTokenHash(hash) {
      return participants.get(hash) ?? null;
    },
    async getSetting(key) {
      return settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      settings.set(key, value);
    },
  };

  return { docs, registry, async close() {} };
}
