import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Principal, ServerToClientEvents } from '../../shared/protocol';
import { authenticate } from '../auth';
import type { Logger } from '../logger';
import type { Registry } from '../storage/Storage';

interface SocketData {
  principal: Principal;
}
export type FacilitationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type FacilitationIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io room of everyone in a workshop. */
export const workshopChannel = (workshopId: string) => `workshop:${workshopId}`;

/**
 * socket.io carries what the server decides (stage, timer, votes — see the facilitation issue).
 * Here: authentication at the handshake (`auth: { token }`) and the per-workshop channel.
 */
export function createFacilitationServer(httpServer: HttpServer, deps: { registry: Registry; log: Logger }): FacilitationIo {
  const io: FacilitationIo = new Server(httpServer, {
    // The Yjs endpoint shares this HTTP server and authenticates asynchronously: socket.io must not
    // destroy upgrade requests that are not its own.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    authenticate(deps.registry, typeof token === 'string' ? token : null).then(
      (principal) => {
        if (!principal) return next(new Error('unauthorized: missing or invalid token'));
        socket.data.principal = principal;
        next();
      },
      (err) => {
        deps.log.error('socket.io authentication failed', err);
        next(new Error('internal error'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { principal } = socket.data;
    socket.on('error', (err) => deps.log.warn('socket.io socket error', err.message));
    void socket.join(workshopChannel(principal.workshopId));
    socket.on('session:whoami', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: { me: principal, workshopId: principal.workshopId } });
    });
  });

  return io;
}
