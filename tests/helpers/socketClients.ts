import { io as ioClient, type Socket } from 'socket.io-client';
import type { PublicFacilitation, MyBallot } from '../../shared/facilitation';
import type { Ack, ClientToServerEvents, PresenceEntry, ServerToClientEvents } from '../../shared/protocol';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Latest facilitation state and ballot received. */
  latest: { state: PublicFacilitation | null; ballot: MyBallot | null; presence: PresenceEntry[]; states: PublicFacilitation[] };
  command(command: unknown): Promise<Ack<unknown>>;
};

/** A real socket.io client that records what the server pushes. */
export function connectSocket(url: string, token: string): TestSocket {
  const socket = ioClient(url, { auth: { token }, transports: ['websocket'], reconnection: false }) as TestSocket;
  socket.latest = { state: null, ballot: null, presence: [], states: [] };
  socket.on('facilitation', (s) => {
    socket.latest.state = s;
    socket.latest.states.push(s);
  });
  socket.on('ballot', (b) => (socket.latest.ballot = b));
  socket.on('presence', (p) => (socket.latest.presence = p));
  socket.command = (command) => new Promise((resolve) => socket.emit('command', command, resolve));
  return socket;
}
