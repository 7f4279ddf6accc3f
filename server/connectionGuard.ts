import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Metrics } from './metrics';

export interface ConnectionCaps {
  /** Open TCP connections this process accepts in all. */
  total: number;
  /** Open TCP connections from one address; 0 = no cap (behind a reverse proxy, all share its address). */
  perIp: number;
}

/**
 * Caps open connections, in all and per client address, and makes every connection the server gives
 * up on release its descriptor: refused and timed-out sockets are destroyed, never half-closed
 * (`end()` keeps the descriptor until a peer that never reads goes away, which may be never).
 */
export function guardConnections(http: HttpServer, caps: ConnectionCaps, metrics: Metrics): void {
  const perIp = new Map<string, number>();
  let open = 0;
  // One function for every socket (`this` is the socket; its address was cached when it connected):
  // a closure or a once-wrapper per connection would cost memory for as long as it stays open.
  function release(this: Socket): void {
    open--;
    const ip = this.remoteAddress ?? '';
    const left = (perIp.get(ip) ?? 1) - 1;
    if (left > 0) perIp.set(ip, left);
    else perIp.delete(ip);
  }
  http.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const fromIp = perIp.get(ip) ?? 0;
    const reason = open >= caps.total ? 'total' : caps.perIp > 0 && fromIp >= caps.perIp ? 'per_ip' : null;
    if (reason) {
      metrics.connectionsRefused.inc({ reason });
      socket.destroy();
      return;
    }
    open++;
    perIp.set(ip, fromIp + 1);
    socket.on('close', release);
  });

  // Malformed requests and header/request timeouts: answer if the socket can take it, then close
  // for good a moment later whether or not the peer reads the answer.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
}
