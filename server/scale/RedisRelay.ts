import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { RelayKind, RoomRelay } from '../sync/RoomRelay';

const NODE_ID_BYTES = 8;
const KIND_BYTE: Record<RelayKind, number> = { update: 0, awareness: 1 };

/**
 * RoomRelay over Redis pub/sub: one channel per room, binary frames `[node id (8)][kind (1)][data]`.
 * Each node drops frames carrying its own id (Redis delivers a node's messages back to it).
 */
export class RedisRelay implements RoomRelay {
  readonly nodeId = randomBytes(NODE_ID_BYTES);
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (kind: RelayKind, data: Uint8Array) => void>();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
    for (const client of [this.pub, this.sub]) client.on('error', (err) => log.warn('redis relay connection error', err.message));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
  }

  private channel(room: string): string {
    return `${this.prefix}room:${room}`;
  }

  private receive(channel: string, message: Buffer): void {
    if (message.length < NODE_ID_BYTES + 1) return;
    if (message.subarray(0, NODE_ID_BYTES).equals(this.nodeId)) return; // our own
    const room = channel.slice(`${this.prefix}room:`.length);
    const handler = this.handlers.get(room);
    if (!handler) return;
    const kind: RelayKind = message[NODE_ID_BYTES] === KIND_BYTE.awareness ? 'awareness' : 'update';
    const data = new Uint8Array(message.buffer, message.byteOffset + NODE_ID_BYTES + 1, message.length - NODE_ID_BYTES - 1);
    try {
      handler(kind, data);
    } catch (err) {
      this.log.error(`relay: message for ${room} could not be applied`, err);
    }
  }

  async subscribe(room: string, deliver: (kind: RelayKind, data: Uint8Array) => void): Promise<void> {
    this.handlers.set(room, deliver);
    await this.sub.subscribe(this.channel(room));
  }

  async unsubscribe(room: string): Promise<void> {
    this.handlers.delete(room);
    await this.sub.unsubscribe(this.channel(room));
  }

  publish(room: string, kind: RelayKind, data: Uint8Array): void {
    const frame = Buffer.allocUnsafe(NODE_ID_BYTES + 1 + data.length);
    this.nodeId.copy(frame, 0);
    frame[NODE_ID_BYTES] = KIND_BYTE[kind];
    frame.set(data, NODE_ID_BYTES + 1);
    this.pub.publish(this.channel(room), frame).catch((err: Error) => this.log.error(`relay: publishing to ${room} failed`, err.message));
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
