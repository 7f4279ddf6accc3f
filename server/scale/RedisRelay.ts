import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { RelayEvents, RelayKind, RelayMessage, RoomRelay } from '../sync/RoomRelay';
import { NodeLiveness } from './NodeLiveness';
import { decodeNodeSignal, decodeRoomFrame, encodeNodeSignal, encodeRoomFrame, NODE_ID_BYTES } from './relayFrames';
import { RelaySequences } from './RelaySequences';

export interface RedisRelayOptions {
  /** Deployments (and tests) sharing one Redis keep apart by prefix. */
  prefix: string;
  /** How often this node says it is alive. */
  heartbeatMs: number;
  /** A node not heard for this long is dead: its clients leave everyone's presence. */
  nodeTimeoutMs: number;
}

/**
 * RoomRelay over Redis pub/sub: one channel per room (frames in `relayFrames.ts`), and one channel
 * where every node sends a heartbeat and, when it stops cleanly, a goodbye. Each node drops frames
 * carrying its own id (Redis delivers a node's messages back to it).
 *
 * Pub/sub delivers at most once: when the subscriber connection drops, whatever was published until
 * it has resubscribed is gone. The relay reports that (`resubscribed`, and a sequence gap on the
 * next update from a node); rooms heal from storage.
 */
export class RedisRelay implements RoomRelay {
  private readonly id = randomBytes(NODE_ID_BYTES);
  readonly nodeId = this.id.toString('hex');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (message: RelayMessage) => void>();
  private readonly sequences = new RelaySequences();
  private readonly liveness: NodeLiveness;
  private readonly listeners: Array<Partial<RelayEvents>> = [];
  private readonly heartbeat: NodeJS.Timeout;
  private connectedOnce = false;
  private closed = false;

  constructor(
    url: string,
    private readonly options: RedisRelayOptions,
    private readonly log: Logger,
  ) {
    this.liveness = new NodeLiveness(options.nodeTimeoutMs);
    // Named so an operator (or a test) can find this node's connections in CLIENT LIST.
    this.pub = new Redis(url, { maxRetriesPerRequest: null, connectionName: `croisee-relay-pub-${this.nodeId}` });
    this.sub = new Redis(url, { maxRetriesPerRequest: null, connectionName: `croisee-relay-sub-${this.nodeId}` });
    for (const client of [this.pub, this.sub]) client.on('error', (err) => log.warn('redis relay connection error', err.message));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    this.sub.on('ready', () => this.ready());
    this.sub.subscribe(this.nodesChannel).catch((err: Error) => log.error('relay: subscribing to node heartbeats failed', err.message));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.beat();
    log.info(`relay node ${this.nodeId} (its Redis connections are named croisee-relay-pub/sub-${this.nodeId})`);
  }

  private get nodesChannel(): string {
    return `${this.options.prefix}nodes`;
  }

  private channel(room: string): string {
    return `${this.options.prefix}room:${room}`;
  }

  watch(events: Partial<RelayEvents>): void {
    this.listeners.push(events);
  }

  /** The subscriber connected; after the first time, it is a reconnection with a gap behind it. */
  private ready(): void {
    if (!this.connectedOnce) {
      this.connectedOnce = true;
      return;
    }
    this.log.warn('relay: the Redis subscription was interrupted; healing loaded rooms from storage');
    this.liveness.forgive(Date.now());
    // ioredis resubscribes by itself; subscribing again (idempotent) and waiting for the reply
    // means Redis has the subscriptions back before rooms read storage to fill the gap.
    const channels = [this.nodesChannel, ...[...this.handlers.keys()].map((room) => this.channel(room))];
    this.sub.subscribe(...channels).then(
      () => this.listeners.forEach((l) => l.resubscribed?.()),
      (err: Error) => this.log.error('relay: resubscribing failed', err.message),
    );
  }

  private beat(): void {
    this.pub.publish(this.nodesChannel, encodeNodeSignal(this.id, 'alive')).catch(() => {}); // a missed beat is what timeouts are for
    if (this.sub.status !== 'ready') return; // silence heard through a broken connection proves nothing
    for (const nodeId of this.liveness.expire(Date.now())) this.lost(nodeId, 'heartbeats stopped');
  }

  private lost(nodeId: string, why: string): void {
    this.log.warn(`relay: node ${nodeId} is gone (${why}); its clients leave presence`);
    this.sequences.forgetNode(nodeId);
    this.listeners.forEach((l) => l.nodeDown?.(nodeId));
  }

  private receive(channel: string, message: Buffer): void {
    if (channel === this.nodesChannel) return this.receiveSignal(message);
    const frame = decodeRoomFrame(message);
    if (!frame || frame.from === this.nodeId) return;
    this.liveness.heard(frame.from, Date.now());
    const room = channel.slice(`${this.options.prefix}room:`.length);
    const handler = this.handlers.get(room);
    if (!handler) return;
    const gap = frame.kind === 'update' && this.sequences.receive(room, frame.from, frame.seq);
    try {
      handler({ kind: frame.kind, from: frame.from, data: frame.data, gap });
    } catch (err) {
      this.log.error(`relay: message for ${room} could not be applied`, err);
    }
  }

  private receiveSignal(message: Buffer): void {
    const signal = decodeNodeSignal(message);
    if (!signal || signal.from === this.nodeId) return;
    if (signal.signal === 'alive') this.liveness.heard(signal.from, Date.now());
    else if (this.liveness.left(signal.from)) this.lost(signal.from, 'shut down');
  }

  async subscribe(room: string, deliver: (message: RelayMessage) => void): Promise<void> {
    this.handlers.set(room, deliver);
    await this.sub.subscribe(this.channel(room));
  }

  async unsubscribe(room: string): Promise<void> {
    this.handlers.delete(room);
    this.sequences.forgetRoom(room);
    await this.sub.unsubscribe(this.channel(room));
  }

  publish(room: string, kind: RelayKind, data: Uint8Array): void {
    if (this.closed) return;
    const seq = kind === 'update' ? this.sequences.next(room) : 0;
    this.pub
      .publish(this.channel(room), encodeRoomFrame(this.id, kind, seq, data))
      .catch((err: Error) => this.log.error(`relay: publishing to ${room} failed`, err.message));
  }

  /** Says goodbye (other nodes drop this node's presence at once) and disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.handlers.clear();
    await this.pub.publish(this.nodesChannel, encodeNodeSignal(this.id, 'bye')).catch(() => {});
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
