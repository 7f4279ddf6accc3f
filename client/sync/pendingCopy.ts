import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/** The part of the Web Storage API the copy needs (localStorage in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'croisee.pending.';
/** One entry per room; room names start with the workshop id (shared/rooms.ts). */
export const pendingCopyKey = (room: string) => `${PREFIX}${room}`;

/**
 * A synchronous copy of a room's local changes that are not safe yet, in one storage entry (the
 * base64 of their merged Yjs update). The device cache (IndexedDB) is written asynchronously and a
 * reload or a closed tab aborts writes in flight; localStorage is written before the keystroke's
 * event ends, so nothing typed is lost. Merged on every write, the entry stays the size of what is
 * pending, not of how often it changed. The entry is shared by the page's holders of the room and
 * by other tabs: each merges into what is there, and it is cleared only if nobody added to it since
 * it was made safe.
 */
export class PendingCopy {
  constructor(
    private readonly storage: KeyValueStore,
    readonly key: string,
  ) {}

  /** Adds a local update. Never throws into the editor: a full or disabled storage keeps what it can. */
  record(update: Uint8Array): void {
    const previous = this.read();
    let merged = update;
    try {
      if (previous) merged = Y.mergeUpdates([previous, update]);
    } catch {
      // an unreadable older copy: this update alone
    }
    if (this.write(merged) || merged === update) return;
    // Full: keep the newest change; the older ones are the likeliest to have reached the cache by now.
    this.write(update);
  }

  /** The entry as stored now (what a later `clear` compares with), or null. */
  snapshot(): string | null {
    try {
      return this.storage.getItem(this.key);
    } catch {
      return null;
    }
  }

  /** The pending changes as one update, or null when there are none (or the entry is unreadable). */
  read(): Uint8Array | null {
    const stored = this.snapshot();
    if (!stored) return null;
    try {
      return fromBase64(stored);
    } catch {
      return null;
    }
  }

  /** Removes the entry if it still holds `snapshot`: whatever was added since is not known to be safe. */
  clear(snapshot: string): void {
    try {
      if (this.storage.getItem(this.key) === snapshot) this.storage.removeItem(this.key);
    } catch {
      // storage gone: nothing to clear
    }
  }

  private write(update: Uint8Array): boolean {
    try {
      this.storage.setItem(this.key, toBase64(update));
      return true;
    } catch {
      return false;
    }
  }
}

/** Removes the copies of every room of a workshop (its last identity on this device was forgotten). */
export function dropPendingCopies(storage: KeyValueStore, workshopId: string): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key === pendingCopyKey(workshopId) || key?.startsWith(`${pendingCopyKey(workshopId)}.`)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // storage disabled: nothing stored
  }
}
