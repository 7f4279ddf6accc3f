import { CloseCode } from '../../shared/protocol';
import { childLogger, type Logger } from '../logger';
import type { DocStorage } from '../storage/Storage';
import { Room, type RoomOptions } from './Room';
import type { SyncConnection } from './SyncConnection';

export interface RoomManagerOptions extends RoomOptions {
  /** How long an empty room stays loaded, so a page reload does not reload it from storage. */
  unloadDelayMs: number;
}

/** The lifecycle of one room name in this process. */
type Slot =
  | { state: 'loading'; promise: Promise<Room> }
  | { state: 'open'; room: Room; unloadTimer: NodeJS.Timeout | null }
  | { state: 'unloading'; promise: Promise<void> };

/**
 * Keeps one in-memory room per name: loaded from storage on the first connection (concurrent
 * arrivals share the load), unloaded after the last connection leaves (after storing everything).
 */
export class RoomManager {
  private readonly slots = new Map<string, Slot>();
  private readonly antiEntropy: NodeJS.Timeout | null = null;

  constructor(
    private readonly docs: DocStorage,
    private readonly log: Logger,
    private readonly options: RoomManagerOptions,
  ) {
    const { relay } = options;
    if (!relay) return;
    relay.watch({
      resubscribed: () => this.eachOpenRoom((room) => void room.heal('the relay subscription was interrupted')),
      nodeDown: (nodeId) => this.eachOpenRoom((room) => room.nodeDown(nodeId)),
    });
    // Whatever the cause of a divergence, nodes notice within a period by comparing state vectors.
    this.antiEntropy = setInterval(() => this.eachOpenRoom((room) => room.publishStateVector()), options.antiEntropyMs);
    this.antiEntropy.unref();
  }

  private eachOpenRoom(act: (room: Room) => void): void {
    for (const slot of this.slots.values()) if (slot.state === 'open') act(slot.room);
  }

  /** Loads (or reuses) the room and adds the connection to it. */
  async join(name: string, conn: SyncConnection): Promise<Room> {
    const room = await this.acquire(name);
    room.join(conn);
    return room;
  }

  leave(room: Room, conn: SyncConnection): void {
    room.leave(conn);
    if (room.connectionCount > 0) return;
    const slot = this.slots.get(room.name);
    if (slot?.state !== 'open' || slot.room !== room || slot.unloadTimer) return;
    slot.unloadTimer = setTimeout(() => this.unload(room.name), this.options.unloadDelayMs);
  }

  get openRoomCount(): number {
    return this.slots.size;
  }

  /** The loaded room of that name, if any (for server-side changes and inspection). */
  loaded(name: string): Room | null {
    const slot = this.slots.get(name);
    return slot?.state === 'open' ? slot.room : null;
  }

  /**
   * Runs a server-side change on a room's document (loading it if needed): it is stored and
   * broadcast like any client's update. The room unloads again later if nobody is connected.
   */
  async withRoom<T>(name: string, change: (room: Room) => T): Promise<Awaited<T>> {
    const room = await this.acquire(name);
    try {
      // Awaited, so a read spread over several event-loop turns keeps the room loaded throughout.
      return await change(room);
    } finally {
      if (room.connectionCount === 0) {
        const slot = this.slots.get(name);
        if (slot?.state === 'open' && !slot.unloadTimer) {
          slot.unloadTimer = setTimeout(() => this.unload(name), this.options.unloadDelayMs);
        }
      }
    }
  }

  /** Names of the rooms loaded now (stored rooms are listed by the storage). */
  loadedNames(): string[] {
    return [...this.slots.keys()];
  }

  /** Closes every connection of one person (removed from the workshop), in every room. */
  closeConnectionsOf(workshopId: string, userId: string, code: number, reason: string): number {
    let closed = 0;
    for (const slot of this.slots.values()) {
      if (slot.state !== 'open') continue;
      closed += slot.room.closeWhere((p) => p.workshopId === workshopId && p.userId === userId, code, reason);
    }
    return closed;
  }

  private async acquire(name: string): Promise<Room> {
    for (;;) {
      const slot = this.slots.get(name);
      if (!slot) break;
      if (slot.state === 'open') {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.unloadTimer = null;
        return slot.room;
      }
      if (slot.state === 'loading') return slot.promise;
      await slot.promise; // unloading: wait, then load afresh
    }
    const promise = Room.load(name, this.docs, childLogger(this.log, { room: name }), this.options, (room) => this.dropBroken(room));
    this.slots.set(name, { state: 'loading', promise });
    try {
      const room = await promise;
      this.slots.set(name, { state: 'open', room, unloadTimer: null });
      return room;
    } catch (err) {
      this.slots.delete(name);
      throw err;
    }
  }

  /**
   * A room whose storing failed holds changes storage lacks: every connection is closed (clients
   * reconnect and send what the server is missing again) and the room is reloaded from storage
   * by the next connection, without storing its document.
   */
  private dropBroken(room: Room): void {
    const slot = this.slots.get(room.name);
    if (slot?.state !== 'open' || slot.room !== room) return;
    if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
    room.closeAll(CloseCode.storageFailed, 'storing failed; reconnect to send your changes again');
    const promise = room.unload().finally(() => this.slots.delete(room.name));
    this.slots.set(room.name, { state: 'unloading', promise });
  }

  private unload(name: string): void {
    const slot = this.slots.get(name);
    if (slot?.state !== 'open' || slot.room.connectionCount > 0) return;
    const promise = slot.room.unload().finally(() => this.slots.delete(name));
    this.slots.set(name, { state: 'unloading', promise });
  }

  /**
   * Closes and unloads every room whose name matches, and resolves when none of them can write to
   * storage any more (before a workshop's stored data is deleted).
   */
  async dropRooms(match: (name: string) => boolean, code: number, reason: string): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const [name, slot] of this.slots) {
      if (!match(name)) continue;
      if (slot.state === 'open') {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.room.closeAll(code, reason);
        const promise = slot.room.unload().finally(() => this.slots.delete(name));
        this.slots.set(name, { state: 'unloading', promise });
        pending.push(promise);
      } else if (slot.state === 'loading') {
        pending.push(slot.promise.then(() => this.dropRooms((n) => n === name, code, reason)).catch(() => undefined));
      } else {
        pending.push(slot.promise.catch(() => undefined));
      }
    }
    await Promise.all(pending);
  }

  /** Graceful shutdown: close every connection with `code`, then store and unload every room. */
  async closeAll(code: number, reason: string): Promise<void> {
    if (this.antiEntropy) clearInterval(this.antiEntropy);
    const pending: Promise<unknown>[] = [];
    for (const [name, slot] of this.slots) {
      if (slot.state === 'open') {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.room.closeAll(code, reason);
        const promise = slot.room.unload().finally(() => this.slots.delete(name));
        this.slots.set(name, { state: 'unloading', promise });
        pending.push(promise);
      } else {
        pending.push(slot.promise.catch(() => undefined));
      }
    }
    await Promise.all(pending);
  }
}
