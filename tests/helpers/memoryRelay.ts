import { RelaySequences } from '../../server/scale/RelaySequences';
import type { RelayEvents, RelayKind, RelayMessage, RoomRelay } from '../../server/sync/RoomRelay';

/**
 * Nodes in one process sharing rooms through an in-memory bus instead of Redis, with the same
 * sequence numbering as the Redis relay. `lose` decides which messages vanish on the way, to
 * reproduce a gap exactly.
 */
export class MemoryRelayBus {
  private readonly relays = new Set<MemoryRelay>();
  lose: (room: string, kind: RelayKind, from: string) => boolean = () => false;

  relay(nodeId: string): MemoryRelay {
    const relay = new MemoryRelay(nodeId, this);
    this.relays.add(relay);
    return relay;
  }

  deliver(room: string, kind: RelayKind, from: string, seq: number, data: Uint8Array): void {
    if (this.lose(room, kind, from)) return;
    for (const relay of this.relays) if (relay.nodeId !== from) relay.receive(room, kind, from, seq, data.slice());
  }
}

export class MemoryRelay implements RoomRelay {
  private readonly handlers = new Map<string, (message: RelayMessage) => void>();
  private readonly sequences = new RelaySequences();

  constructor(
    readonly nodeId: string,
    private readonly bus: MemoryRelayBus,
  ) {}

  async subscribe(room: string, deliver: (message: RelayMessage) => void): Promise<void> {
    this.handlers.set(room, deliver);
  }

  async unsubscribe(room: string): Promise<void> {
    this.handlers.delete(room);
    this.sequences.forgetRoom(room);
  }

  publish(room: string, kind: RelayKind, data: Uint8Array): void {
    const seq = kind === 'update' ? this.sequences.next(room) : 0;
    queueMicrotask(() => this.bus.deliver(room, kind, this.nodeId, seq, data));
  }

  watch(_events: Partial<RelayEvents>): void {} // no node-wide events in memory

  receive(room: string, kind: RelayKind, from: string, seq: number, data: Uint8Array): void {
    const gap = kind === 'update' && this.sequences.receive(room, from, seq);
    this.handlers.get(room)?.({ kind, from, data, gap });
  }
}
