import * as Y from 'yjs';
import type { SyncConnection } from './SyncConnection';
import type { DecodedUpdate } from './updateChanges';

/** What a held-back update waits for: any new change in the document, or a client id's author. */
export type Need = 'changes' | { author: number };

export interface HeldUpdate {
  update: Uint8Array;
  decoded: DecodedUpdate;
  need: Need;
  /** The document's version when it was last checked (see `Room`). */
  checkedAt: number;
}

/** Updates (and bytes) one connection may have held back at once. */
export const MAX_HELD_UPDATES = 64;
export const MAX_HELD_BYTES = 1024 * 1024;

/**
 * Updates a room cannot judge yet, per connection: they build on changes the server has not
 * received (an honest client's live edit may arrive before the sync reply it builds on), or carry the
 * authorship of a Yjs client whose author is not known yet (a change relayed by another tab). Like
 * Yjs's own pending structs, but nothing is applied before it is judged. Bounded per connection;
 * each is checked again only when what it waits for may have come.
 */
export class HeldUpdates {
  private readonly byConn = new Map<SyncConnection, { items: HeldUpdate[]; bytes: number }>();

  get size(): number {
    return this.byConn.size;
  }

  /** False when the connection is over its bound (the caller closes it; its updates are dropped). */
  add(conn: SyncConnection, held: HeldUpdate): boolean {
    let entry = this.byConn.get(conn);
    if (!entry) this.byConn.set(conn, (entry = { items: [], bytes: 0 }));
    entry.items.push(held);
    entry.bytes += held.update.byteLength;
    if (entry.items.length <= MAX_HELD_UPDATES && entry.bytes <= MAX_HELD_BYTES) return true;
    this.byConn.delete(conn);
    return false;
  }

  /** Whether some update of this connection is held. */
  has(conn: SyncConnection): boolean {
    return this.byConn.has(conn);
  }

  drop(conn: SyncConnection): void {
    this.byConn.delete(conn);
  }

  remove(conn: SyncConnection, held: HeldUpdate): void {
    const entry = this.byConn.get(conn);
    if (!entry) return;
    entry.items = entry.items.filter((h) => h !== held);
    entry.bytes -= held.update.byteLength;
    if (entry.items.length === 0) this.byConn.delete(conn);
  }

  /** Every held item: updates that carry each other's dependencies can only be placed together. */
  items(): Y.Item[] {
    const out: Y.Item[] = [];
    for (const { items } of this.byConn.values()) for (const h of items) for (const s of h.decoded.structs) if (s instanceof Y.Item) out.push(s);
    return out;
  }

  /** The held updates worth checking again now. */
  ready(version: number, authorKnown: (client: number) => boolean): Array<[SyncConnection, HeldUpdate]> {
    const out: Array<[SyncConnection, HeldUpdate]> = [];
    for (const [conn, { items }] of this.byConn) {
      for (const h of items) {
        const due = h.need === 'changes' ? h.checkedAt < version : authorKnown(h.need.author);
        if (due) out.push([conn, h]);
      }
    }
    return out;
  }
}
