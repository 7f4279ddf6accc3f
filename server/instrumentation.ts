import type { RequestHandler } from 'express';
import { facilitationCommand } from '../shared/commands';
import type { FacilitationIo } from './facilitation/FacilitationServer';
import { secondsSince, type Metrics } from './metrics';
import type { DocStorage } from './storage/Storage';
import type { RoomRelay } from './sync/RoomRelay';

/*
 * Metrics taken at the seams between parts (storage, relay, socket.io, Express), so the parts
 * themselves stay free of metrics code.
 */

/** Times every append and compaction of the document log. */
export function instrumentDocStorage(docs: DocStorage, metrics: Metrics): DocStorage {
  const timed =
    (histogram: Metrics['storageWriteSeconds'], run: (room: string, update?: Uint8Array) => Promise<void>) =>
    async (room: string, update?: Uint8Array): Promise<void> => {
      const start = performance.now();
      try {
        await run(room, update);
      } finally {
        histogram.observe(secondsSince(start));
      }
    };
  const append = timed(metrics.storageWriteSeconds, (room, update) => docs.append(room, update!));
  const compact = timed(metrics.compactionSeconds, (room) => docs.compact(room));
  // A proxy, not a copy: methods an adapter adds later keep working unchanged.
  return new Proxy(docs, {
    get(target, prop) {
      if (prop === 'append') return append;
      if (prop === 'compact') return compact;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Counts relay failures this side can see (subscriptions, and messages that fail to apply). */
export function instrumentRelay(relay: RoomRelay, metrics: Metrics): RoomRelay {
  const subscribe: RoomRelay['subscribe'] = async (room, deliver) => {
    try {
      await relay.subscribe(room, (message) => {
        try {
          deliver(message);
        } catch (err) {
          metrics.relayErrors.inc({ direction: 'receive' });
          throw err;
        }
      });
    } catch (err) {
      metrics.relayErrors.inc({ direction: 'subscribe' });
      throw err;
    }
  };
  const publish: RoomRelay['publish'] = (room, kind, data) => {
    try {
      relay.publish(room, kind, data);
    } catch (err) {
      metrics.relayErrors.inc({ direction: 'publish' });
      throw err;
    }
  };
  // A proxy: the relay's other methods (and any added later) pass through unchanged.
  return new Proxy(relay, {
    get(target, prop) {
      if (prop === 'subscribe') return subscribe;
      if (prop === 'publish') return publish;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Counts every facilitation command by type (or `invalid`) and outcome, from its acknowledgement. */
export function instrumentFacilitation(io: FacilitationIo, metrics: Metrics): void {
  io.on('connection', (socket) => {
    socket.use((packet, next) => {
      const [event, command, ack] = packet as unknown[];
      if (event === 'command' && typeof ack === 'function') {
        const parsed = facilitationCommand.safeParse(command);
        const type = parsed.success ? parsed.data.type : 'invalid';
        packet[2] = (reply: { ok?: boolean; error?: string }) => {
          const outcome = reply?.ok ? 'ok' : typeof reply?.error === 'string' ? reply.error.slice(0, 40) : 'error';
          metrics.facilitationCommands.inc({ type, outcome });
          (ack as (r: unknown) => void)(reply);
        };
      }
      next();
    });
  });
}

/** Counts HTTP requests by route pattern (never the raw path: ids and codes would explode it). */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? 'unmatched' : 'static';
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}
