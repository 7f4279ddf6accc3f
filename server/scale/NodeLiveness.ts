/**
 * Which other nodes are alive, from when each was last heard (heartbeats and relayed frames). Pure:
 * the caller passes the time, so the rule is tested without waiting.
 */
export class NodeLiveness {
  private readonly lastHeard = new Map<string, number>();

  constructor(private readonly timeoutMs: number) {}

  heard(nodeId: string, now: number): void {
    this.lastHeard.set(nodeId, now);
  }

  /** A clean shutdown message: true if the node was known (its clients must leave presence). */
  left(nodeId: string): boolean {
    return this.lastHeard.delete(nodeId);
  }

  /** Forgets and returns the nodes not heard for longer than the timeout. */
  expire(now: number): string[] {
    const dead: string[] = [];
    for (const [nodeId, at] of this.lastHeard) {
      if (now - at > this.timeoutMs) {
        dead.push(nodeId);
        this.lastHeard.delete(nodeId);
      }
    }
    return dead;
  }

  /**
   * After this node's own connection was down, silence proves nothing about the others: everyone
   * gets a fresh timeout from now.
   */
  forgive(now: number): void {
    for (const nodeId of this.lastHeard.keys()) this.lastHeard.set(nodeId, now);
  }
}
