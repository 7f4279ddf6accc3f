/**
 * Messages handed to a connection as one write. The payloads are encoded once per room; a transport
 * caches its own wire form on the object (`wire`: the framed messages, concatenated), so a broadcast
 * to a thousand sockets frames them once and costs one socket write per connection.
 */
export class SharedFrame {
  wire: Buffer | null = null;
  constructor(readonly payloads: readonly Uint8Array[]) {}
}

/**
 * What a room sends in one tick (a document batch, a presence batch), each message skipping at most
 * one connection (its only author). Every connection gets the messages meant for it as one
 * `SharedFrame`, shared by all connections that get the same ones (at most 2ⁿ − 1 combinations).
 */
export class TickFrames {
  private readonly parts: Array<{ payload: Uint8Array; skip: unknown }> = [];
  private readonly combinations = new Map<number, SharedFrame>();

  add(payload: Uint8Array, skip?: unknown): void {
    this.parts.push({ payload, skip });
  }

  get size(): number {
    return this.parts.length;
  }

  /** What `conn` must get this tick, or null if nothing. */
  for(conn: unknown): SharedFrame | null {
    let mask = 0;
    for (let i = 0; i < this.parts.length; i++) if (this.parts[i].skip !== conn) mask |= 1 << i;
    if (mask === 0) return null;
    let frame = this.combinations.get(mask);
    if (!frame) {
      frame = new SharedFrame(this.parts.filter((_, i) => mask & (1 << i)).map((p) => p.payload));
      this.combinations.set(mask, frame);
    }
    return frame;
  }
}
