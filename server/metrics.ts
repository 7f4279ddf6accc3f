import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SyncMetrics } from './sync/SyncMetrics';

/**
 * The server's Prometheus metrics, one registry per server instance (so several servers in one
 * test process never share counters). Other modules count through the named fields; to add a
 * metric, declare it here beside the others, with `registers: [registry]`.
 */
export interface Metrics {
  registry: Registry;
  /** Filled in by the server once its parts exist (the gauges read them at scrape time). */
  sources: { openRooms: () => number; failedRooms: () => number; sync: () => SyncMetrics | null };
  connections: Gauge<'role'>;
  messagesIn: Counter;
  /** Counted once per connection on the broadcast path: a plain tally, read at scrape time. */
  messagesOut: Tally;
  broadcastBatchSize: Histogram;
  broadcastLatency: Histogram;
  storageWriteSeconds: Histogram;
  compactionSeconds: Histogram;
  roomLoadFailures: Counter;
  relayErrors: Counter<'direction'>;
  facilitationCommands: Counter<'type' | 'outcome'>;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpRateLimited: Counter<'limit'>;
  connectionsRefused: Counter<'reason'>;
}

/** A counter as a plain number (prom-client's `inc` costs more than a hot path should pay per call). */
export class Tally {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // Process figures, including event-loop delay (nodejs_eventloop_lag_* from monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources: Metrics['sources'] = { openRooms: () => 0, failedRooms: () => 0, sync: () => null };
  // The sync layer keeps plain counters (SyncMetrics); they are read at scrape time.
  const syncCounter = (name: string, help: string, read: (m: SyncMetrics) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        const m = sources.sync();
        this.reset();
        if (m) this.inc(read(m));
      },
    });
  syncCounter('croisee_storage_append_failures_total', 'Batches of document updates whose append failed (never broadcast)', (m) => m.appendFailures);
  syncCounter('croisee_relay_gaps_suspected_total', 'Times a room suspected it missed relayed updates', (m) => m.relayGapsSuspected);
  syncCounter('croisee_write_policy_refusals_total', 'Document updates refused by the write policy (shared/writePolicy.ts)', (m) => m.refusedWrites);
  syncCounter('croisee_relay_gaps_healed_total', 'Heals from storage that found updates this node lacked', (m) => m.relayGapsHealed);
  new Gauge({
    name: 'croisee_open_rooms',
    help: 'Rooms (documents) loaded in this process',
    registers,
    collect() {
      this.set(sources.openRooms());
    },
  });
  new Gauge({
    name: 'croisee_failed_rooms',
    help: 'Rooms whose last load failed (readiness is degraded while any)',
    registers,
    collect() {
      this.set(sources.failedRooms());
    },
  });
  const messagesOut = new Tally();
  new Counter({
    name: 'croisee_yjs_messages_out_total',
    help: 'Yjs protocol messages sent (one per connection)',
    registers,
    collect() {
      this.reset();
      this.inc(messagesOut.value);
    },
  });
  return {
    registry,
    sources,
    connections: new Gauge({ name: 'croisee_yjs_connections', help: 'Open Yjs WebSocket connections by role', labelNames: ['role'], registers }),
    messagesIn: new Counter({ name: 'croisee_yjs_messages_in_total', help: 'Yjs protocol messages received', registers }),
    messagesOut,
    broadcastBatchSize: new Histogram({
      name: 'croisee_broadcast_batch_updates',
      help: 'Updates merged into one broadcast',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    broadcastLatency: new Histogram({
      name: 'croisee_broadcast_latency_seconds',
      help: 'From the first update of a batch to its broadcast (storing included)',
      buckets: SECONDS,
      registers,
    }),
    storageWriteSeconds: new Histogram({ name: 'croisee_storage_write_seconds', help: 'Time to append one update to storage', buckets: SECONDS, registers }),
    compactionSeconds: new Histogram({ name: 'croisee_storage_compaction_seconds', help: 'Time to compact one room log', buckets: SECONDS, registers }),
    roomLoadFailures: new Counter({ name: 'croisee_room_load_failures_total', help: 'Rooms that could not be loaded from storage', registers }),
    relayErrors: new Counter({ name: 'croisee_relay_errors_total', help: 'Multi-node relay errors', labelNames: ['direction'], registers }),
    facilitationCommands: new Counter({
      name: 'croisee_facilitation_commands_total',
      help: 'Facilitation commands by type and outcome (ok or the error code)',
      labelNames: ['type', 'outcome'],
      registers,
    }),
    httpRequests: new Counter({
      name: 'croisee_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    httpRateLimited: new Counter({ name: 'croisee_http_rate_limited_total', help: 'HTTP requests answered 429', labelNames: ['limit'], registers }),
    connectionsRefused: new Counter({
      name: 'croisee_connections_refused_total',
      help: 'TCP connections refused by the connection caps',
      labelNames: ['reason'],
      registers,
    }),
  };
}

/** Seconds since `start` (from `performance.now()`), for histograms. */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;
