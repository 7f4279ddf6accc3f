import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, PresenceEntry, Principal, ServerToClientEvents } from '../../shared/protocol';
import { voterGroup } from '../../shared/facilitation';
import { authenticate } from '../auth';
import { originAllowed } from '../originPolicy';
import type { Logger } from '../logger';
import type { Registry } from '../storage/Storage';
import { TokenBucket } from '../sync/TokenBucket';
import { CONNECTION_LIMIT } from './commandLimits';
import type { FacilitationBroadcaster, FacilitationService } from './FacilitationService';

interface SocketData {
  principal: Principal;
}
/** Between server nodes (through the Redis adapter when there are several). */
interface InterServerEvents {
  'facilitation:changed': (workshopId: string, stateJson: string) => void;
  'participant:removed': (workshopId: string, userId: string) => void;
  'workshop:deleted': (workshopId: string) => void;
}
export type FacilitationSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type FacilitationIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** socket.io room of everyone in a workshop, and of one person in it. */
export const workshopChannel = (workshopId: string) => `workshop:${workshopId}`;
export const userChannel = (workshopId: string, userId: string) => `user:${workshopId}:${userId}`;
/** The workshop's facilitators (questions awaiting approval). */
export const facilitatorsChannel = (workshopId: string) => `facilitators:${workshopId}`;
/** Everyone in a workshop who may vote (not viewers). */
export const votersChannel = (workshopId: string) => `voters:${workshopId}`;

export function createSocketServer(httpServer: HttpServer, allowedOrigins: readonly string[]): FacilitationIo {
  return new Server(httpServer, {
    allowRequest: (req, callback) => callback(originAllowed(req, allowedOrigins) ? null : 'origin not allowed', originAllowed(req, allowedOrigins)),
    // The Yjs endpoint shares this HTTP server and authenticates asynchronously: socket.io must not
    // destroy upgrade requests that are not its own.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });
}

/**
 * Delivers the service's broadcasts through socket.io rooms (one encode per broadcast). `clustered`:
 * other nodes exist (Redis adapter), so server-side events must reach them.
 */
export function socketBroadcaster(io: FacilitationIo, clustered: boolean): FacilitationBroadcaster {
  const toPeers: FacilitationIo['serverSideEmit'] = clustered ? (...args) => io.serverSideEmit(...args) : () => true;
  return {
    state: (workshopId, state) => io.to(workshopChannel(workshopId)).emit('facilitation', state),
    ballot: (workshopId, userId, ballot) => io.to(userChannel(workshopId, userId)).emit('ballot', ballot),
    ballotAll: (workshopId, ballot) => io.to(votersChannel(workshopId)).emit('ballot', ballot),
    viewport: (workshopId, view) => io.to(workshopChannel(workshopId)).volatile.emit('viewport', view),
    reaction: (workshopId, reaction) => io.to(workshopChannel(workshopId)).emit('reaction', reaction),
    endSessionOf: (workshopId, userId, reason) => {
      const channel = userChannel(workshopId, userId);
      io.to(channel).emit('session:ended', reason);
      io.in(channel).disconnectSockets(true);
      toPeers('participant:removed', workshopId, userId);
    },
    heldQuestions: (workshopId, held) => io.to(facilitatorsChannel(workshopId)).emit('heldQuestions', held),
    peers: (workshopId, stateJson) => toPeers('facilitation:changed', workshopId, stateJson),
    endWorkshop: (workshopId) => {
      const channel = workshopChannel(workshopId);
      io.to(channel).emit('session:ended', 'workshop-deleted');
      io.in(channel).disconnectSockets(true);
      toPeers('workshop:deleted', workshopId);
    },
  };
}

/**
 * socket.io carries what the server decides. Authentication happens at the handshake
 * (`auth: { token }`); every command goes through the facilitation service and is acknowledged.
 */
export function attachFacilitation(io: FacilitationIo, deps: { registry: Registry; service: FacilitationService; log: Logger }): { refreshPresence(): void } {
  const { service, log } = deps;
  io.on('facilitation:changed', (workshopId, stateJson) => service.adopt(workshopId, stateJson));
  io.on('participant:removed', (workshopId, userId) => service.closeDocumentsOf(workshopId, userId));
  io.on('workshop:deleted', (workshopId) => void service.forgetWorkshop(workshopId));

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    authenticate(deps.registry, typeof token === 'string' ? token : null).then(
      (principal) => {
        if (!principal) return next(new Error('unauthorized: missing or invalid token'));
        socket.data.principal = principal;
        next();
      },
      (err) => {
        log.error('socket.io authentication failed', err);
        next(new Error('internal error'));
      },
    );
  });

  const broadcastPresence = async (workshopId: string) => {
    const sockets = await io.in(workshopChannel(workshopId)).fetchSockets();
    const people = new Map<string, PresenceEntry>();
    for (const s of sockets) {
      const p = s.data.principal;
      if (p && !people.has(p.userId)) people.set(p.userId, { userId: p.userId, name: p.name, role: p.role, community: p.community });
    }
    io.to(workshopChannel(workshopId)).emit('presence', [...people.values()]);
  };

  io.on('connection', (socket) => {
    const { principal } = socket.data;
    const { workshopId, userId } = principal;
    socket.on('error', (err) => log.warn('socket.io socket error', err.message));
    const channels = [workshopChannel(workshopId), userChannel(workshopId, userId)];
    if (voterGroup(principal.role, principal.community)) channels.push(votersChannel(workshopId));
    const facilitator = principal.role === 'facilitator';
    if (facilitator) channels.push(facilitatorsChannel(workshopId));
    void socket.join(channels);

    // Every event of this connection, well-formed or not, draws on one bucket (then per-person
    // limits apply by command, in the service).
    const bucket = new TokenBucket(CONNECTION_LIMIT.burst, CONNECTION_LIMIT.perSecond, Date.now());
    const limited = { ok: false, error: 'rate_limited', message: 'too many messages on this connection: wait a moment' } as const;
    socket.on('session:whoami', (ack) => {
      if (typeof ack !== 'function') return;
      ack(bucket.take(Date.now()) ? { ok: true, data: { me: principal, workshopId } } : limited);
    });
    socket.on('command', (command, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!bucket.take(Date.now())) return reply(limited);
      void service.run(principal, command).then(reply);
    });
    socket.on('disconnect', () => {
      broadcastPresence(workshopId).catch((err) => log.warn('presence broadcast failed', err));
    });

    Promise.all([service.publicState(workshopId), service.ballotOf(workshopId, userId)]).then(
      ([state, ballot]) => {
        socket.emit('facilitation', state);
        socket.emit('ballot', ballot);
      },
      (err) => log.error('could not send the facilitation state', err),
    );
    if (facilitator) {
      service.heldQuestions(workshopId).then(
        (held) => socket.emit('heldQuestions', held),
        (err) => log.error('could not send the held questions', err),
      );
    }
    broadcastPresence(workshopId).catch((err) => log.warn('presence broadcast failed', err));
  });

  return {
    /** Another node stopped: its sockets vanished without a disconnect here; recount every workshop present here. */
    refreshPresence() {
      for (const channel of io.of('/').adapter.rooms.keys()) {
        if (!channel.startsWith(workshopChannel(''))) continue;
        broadcastPresence(channel.slice(workshopChannel('').length)).catch((err) => log.warn('presence broadcast failed', err));
      }
    },
  };
}
