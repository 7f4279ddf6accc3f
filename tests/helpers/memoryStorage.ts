import type { KeyValueStore } from '../../client/sync/pendingCopy';

/**
 * An in-memory Web Storage for code that takes one (Node has no localStorage), with the browser's
 * behaviour when full: a write past `capacity` characters (keys and values, as browsers count)
 * throws a QuotaExceededError and changes nothing.
 */
export class MemoryStorage implements KeyValueStore {
  private readonly items = new Map<string, string>();
  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((n, [k, v]) => (k === key ? n : n + k.length + v.length), 0);
    if (used + key.length + value.length > this.capacity) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
