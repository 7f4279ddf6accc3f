import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CloseCode, YJS_PATH, type Principal } from '../../shared/protocol';
import { parseRoom, type RoomRef } from '../../shared/rooms';
import type { Credentials } from '../auth';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Readiness } from '../readiness';
import { RoomDataError, type Room } from './Room';
import type { RoomManager } from './RoomManager';
import type { SharedFrame } from './SharedFrame';
import type { SyncConnection } from './SyncConnection';
import { encodeWsBinaryFrames } from './wsFrame';
import { TokenBucket } from './TokenBucket';
import { originAllowed } from '../originPolicy';

/**
 * The y-websocket endpoint: `/yjs/<room>?token=…` (a short-lived ticket for that room, or a long-lived
 * token for stock clients). Authentication happens once, at the HTTP upgrade, and a refused
 * connection never becomes a WebSocket: it gets a plain HTTP status.
 */
export interface SyncEndpoint {
  /** Handles an upgrade whose path starts with `/yjs/`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** Decides, at the upgrade, whether a principal may open a room and how its writes are judged. */
export type RoomAuthorizer = (
  principal: Principal,
  room: RoomRef,
) => Promise<{ ok: true; canWrite: () => boolean } | { ok: false; status: 403 | 404; message: string }>;

/** The parts of `ws` internals used to write pre-framed broadcasts straight to the socket. */
interface WsInternals {
  _socket?: import('node:net').Socket | null;
  _sender?: { _state?: number; _queue?: unknown[] } | null;
  _extensions?: Record<string, unknown>;
}

class WsConnection implements SyncConnection {
  private readonly socket: import('node:net').Socket | null;
  private readonly sender: WsInternals['_sender'];
  /** The room, once loaded. */
  room: Room | null = null;
  closed = false;
  /** Frames that arrived while the room was loading (made on the first). */
  early: Uint8Array[] | null = null;
  /** Heard from since the last ping. */
  alive = true;
  /**
   * The socket's buffer may be over its high-water mark (a write said so, or something went through
   * ws's own queue): only then is the exact amount read, which costs a few memory reads per
   * connection and broadcast. Congestion is far above the high-water mark.
   */
  private backedUp = false;

  constructor(
    private readonly ws: WebSocket,
    readonly principal: Principal,
    readonly canWrite: () => boolean,
    readonly bucket: TokenBucket,
    private readonly congestionBytes: number,
    private readonly onSent: (messages: number) => void,
  ) {
    const internals = ws as unknown as WsInternals;
    // Direct writes are only safe without compression: then ws writes every frame synchronously
    // in order, so a complete frame of ours can never interleave with one of its own.
    const compressed = Object.keys(internals._extensions ?? {}).length > 0;
    this.socket = !compressed && internals._socket ? internals._socket : null;
    this.sender = internals._sender;
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.backedUp = true;
    this.ws.send(frame);
    this.onSent(1);
  }

  sendShared(frame: SharedFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.onSent(frame.payloads.length);
    // Straight to the socket only while ws holds nothing back in its own queue (a blob being read,
    // a frame being deflated): a frame written past that queue would overtake what it holds.
    const idle = this.sender && this.sender._state === 0 && (this.sender._queue?.length ?? 0) === 0;
    if (this.socket && idle) {
      frame.wire ??= encodeWsBinaryFrames(frame.payloads);
      if (!this.socket.write(frame.wire)) this.backedUp = true;
      return;
    }
    this.backedUp = true;
    if (frame.payloads.length === 1) return this.ws.send(frame.payloads[0]);
    // Through ws's queue, in order; corked, so what it writes at once still leaves in one write.
    this.socket?.cork();
    for (const payload of frame.payloads) this.ws.send(payload);
    this.socket?.uncork();
  }

  congested(): boolean {
    if (!this.backedUp) return false;
    const buffered = this.ws.bufferedAmount;
    if (buffered === 0) this.backedUp = false;
    return buffered > this.congestionBytes;
  }

  onDrained(callback: () => void): void {
    if (!this.congested() || !this.socket) return callback();
    this.socket.once('drain', callback);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  /** Keep-alive: pings, or drops the connection if the previous ping went unanswered. */
  heartbeat(): void {
    if (!this.alive) return this.terminate();
    this.alive = false;
    this.backedUp = true;
    this.ws.ping();
  }

  terminate(): void {
    this.ws.terminate();
  }
}

function refuse(socket: Duplex, status: number, message: string): void {
  const statusText: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? new Uint8Array(Buffer.concat(data))
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export interface SyncLimits {
  /** Largest frame, in bytes (bigger: closed by ws with 1009). */
  maxPayload: number;
  /** Messages one connection may send at once, and per second over time. */
  burst: number;
  perSecond: number;
  /** Origins allowed besides the server's own (see originPolicy.ts). */
  allowedOrigins: readonly string[];
  /** Beyond this many bytes waiting in a socket, the client is slow: its updates are merged. */
  congestionBytes: number;
  /** Every this many ms each connection is pinged; one that has not answered the previous ping is dropped. */
  pingIntervalMs: number;
}

export function createSyncEndpoint(deps: {
  rooms: RoomManager;
  credentials: Pick<Credentials, 'forSync'>;
  authorize: RoomAuthorizer;
  log: Logger;
  limits: SyncLimits;
  metrics: Metrics;
  readiness: Readiness;
}): SyncEndpoint {
  const { rooms, credentials, log, metrics, readiness } = deps;
  const { limits } = deps;
  // Connections are tracked here (for keep-alive and shutdown), not a second time by ws.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload, clientTracking: false });
  const connections = new Set<WsConnection>();
  wss.on('error', (err) => log.error('yjs endpoint error', err));
  const countSent = (messages: number) => metrics.messagesOut.inc(messages);

  // Keep-alive: a half-open connection (a laptop closed, a network gone) never sends a close, and
  // would keep its room loaded and its presence shown. Any frame or pong proves the peer is there.
  const heartbeat = setInterval(() => {
    for (const conn of connections) conn.heartbeat();
  }, limits.pingIntervalMs);
  heartbeat.unref();

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer, upgraded: () => void): Promise<void> {
    if (!originAllowed(req, limits.allowedOrigins)) return refuse(socket, 403, 'origin not allowed');
    const url = new URL(req.url ?? '/', 'http://localhost');
    let roomName: string;
    try {
      roomName = decodeURIComponent(url.pathname.slice(YJS_PATH.length + 1));
    } catch {
      return refuse(socket, 400, 'malformed room name');
    }
    const ref = parseRoom(roomName);
    if (!ref) return refuse(socket, 404, `unknown room "${roomName.slice(0, 80)}"`);
    const auth = await credentials.forSync(url.searchParams.get('token'), roomName);
    if (!auth.ok) return refuse(socket, auth.status, auth.message);
    const principal = auth.principal;
    if (principal.workshopId !== ref.workshopId) return refuse(socket, 403, 'this token is for another workshop');
    const access = await deps.authorize(principal, ref);
    if (!access.ok) return refuse(socket, access.status, access.message);
    if (socket.destroyed) return;

    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded();
      const bucket = new TokenBucket(limits.burst, limits.perSecond, Date.now());
      attach(ws, roomName, new WsConnection(ws, principal, access.canWrite, bucket, limits.congestionBytes, countSent));
    });
  }

  // Per-connection state lives in WsConnection and the listeners below are shared by every socket
  // (`this` is the WebSocket): closures per connection would cost memory for as long as it is open.
  const byWs = new WeakMap<WebSocket, WsConnection>();
  const MAX_EARLY_FRAMES = 1000;

  function receive(conn: WsConnection, room: Room, data: Uint8Array): void {
    try {
      room.receive(conn, data);
    } catch (err) {
      log.error(`room ${room.name}: unexpected fault handling a message`, err);
      conn.close(CloseCode.internalError, 'internal error');
    }
  }
  function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const conn = byWs.get(this);
    if (!conn) return;
    conn.alive = true;
    metrics.messagesIn.inc();
    if (!conn.bucket.take(Date.now())) return conn.close(CloseCode.rateLimited, 'too many messages');
    if (!isBinary) return conn.close(CloseCode.badMessage, 'text frames are not part of the protocol');
    const bytes = toBytes(data);
    if (conn.room) receive(conn, conn.room, bytes);
    else if ((conn.early ??= []).push(bytes) > MAX_EARLY_FRAMES) conn.close(CloseCode.rateLimited, 'too many messages while the room loads');
  }
  function onPong(this: WebSocket): void {
    const conn = byWs.get(this);
    if (conn) conn.alive = true;
  }
  function onError(this: WebSocket, err: Error): void {
    log.warn(`yjs connection error in ${byWs.get(this)?.room?.name ?? 'a room being loaded'}`, err.message);
  }
  function onClose(this: WebSocket): void {
    const conn = byWs.get(this);
    if (!conn) return;
    conn.closed = true;
    connections.delete(conn);
    metrics.connections.dec({ role: conn.principal.role });
    if (conn.room) rooms.leave(conn.room, conn);
  }

  function attach(ws: WebSocket, roomName: string, conn: WsConnection): void {
    byWs.set(ws, conn);
    connections.add(conn);
    ws.on('error', onError);
    ws.on('pong', onPong);
    ws.on('message', onMessage);
    ws.on('close', onClose);
    metrics.connections.inc({ role: conn.principal.role });

    rooms.join(roomName, conn).then(
      (joined) => {
        conn.room = joined;
        readiness.roomLoaded(roomName);
        if (conn.closed) return rooms.leave(joined, conn);
        const early = conn.early;
        conn.early = null;
        for (const bytes of early ?? []) receive(conn, joined, bytes);
      },
      (err) => {
        log.error(`room ${roomName}: loading failed`, err);
        metrics.roomLoadFailures.inc();
        readiness.roomFailed(roomName);
        // Damaged data will not become readable by retrying: a code the stock client does not retry
        // (4400–4499) ends the reconnect loop, and the UI says what happened. A storage outage may
        // pass: 4500, and the client retries with backoff.
        if (err instanceof RoomDataError) conn.close(CloseCode.roomUnavailable, 'room data is damaged');
        else conn.close(CloseCode.internalError, 'room could not be loaded');
      },
    );
  }

  return {
    handleUpgrade(req, socket, head) {
      // Until ws owns the socket; afterwards its own handler reports errors (a client vanishing
      // mid-session is normal and must not flood the log).
      const onError = (err: Error) => log.warn('upgrade socket error', err.message);
      socket.on('error', onError);
      admit(req, socket, head, () => socket.off('error', onError)).catch((err) => {
        log.error('upgrade failed', err);
        if (!socket.destroyed) refuse(socket, 500, 'internal error');
      });
    },
    close() {
      clearInterval(heartbeat);
      for (const conn of connections) conn.terminate();
      wss.close();
    },
  };
}
