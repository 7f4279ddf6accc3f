/**
 * Sequence numbers of relayed updates, per room: what this node publishes is numbered 1, 2, 3 …; what
 * it receives is checked against the last number seen from the same node in the same room. Pure.
 *
 * A publisher forgets a room's counter when it unsubscribes (the room unloaded), so number 1 means
 * "a new run", never a gap. A gap before the first frame heard from a node is invisible here; the
 * periodic state-vector comparison catches it.
 */
export class RelaySequences {
  private readonly published = new Map<string, number>();
  private readonly received = new Map<string, Map<string, number>>();

  next(room: string): number {
    const seq = ((this.published.get(room) ?? 0) % 0xffff_ffff) + 1;
    this.published.set(room, seq);
    return seq;
  }

  /** Records a received sequence number; true if updates were lost before it. */
  receive(room: string, from: string, seq: number): boolean {
    let senders = this.received.get(room);
    if (!senders) this.received.set(room, (senders = new Map()));
    const last = senders.get(from);
    senders.set(from, seq);
    return last !== undefined && seq !== 1 && seq !== last + 1;
  }

  forgetRoom(room: string): void {
    this.published.delete(room);
    this.received.delete(room);
  }

  forgetNode(nodeId: string): void {
    for (const senders of this.received.values()) senders.delete(nodeId);
  }
}
