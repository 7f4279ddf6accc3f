import { CloseCode, EXPIRED_REASON } from '../../shared/protocol';
import { ApiError, getTicket } from '../api';

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill` option. The provider builds its URL
 * synchronously (`serverUrl/room?params`) each time it (re)connects; this class takes that URL,
 * first trades the long-lived token for a fresh one-minute ticket over HTTP (Authorization header),
 * then opens the real socket with `?token=<ticket>`. So every reconnection — after a drop, an
 * expired ticket or a night offline — gets a new ticket, and the token never appears in a URL.
 *
 * If the server refuses to issue a ticket (401/403: the token was revoked or expired), the socket
 * closes as the endpoint itself would, with 4401, which y-websocket treats as final. A network
 * failure closes with 1006, and the provider backs off and tries again.
 */
export function ticketedSocket(workshopId: string, token: string): typeof WebSocket {
  class TicketedSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    binaryType: BinaryType = 'arraybuffer';
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onclose: ((event: CloseEvent) => void) | null = null;
    private socket: WebSocket | null = null;
    private done = false;

    constructor(url: string, protocols?: string | string[]) {
      const target = new URL(url);
      const room = decodeURIComponent(target.pathname.slice(target.pathname.lastIndexOf('/') + 1));
      getTicket(workshopId, token, room).then(
        ({ ticket }) => {
          if (this.done) return;
          target.searchParams.set('token', ticket);
          const socket = new WebSocket(target.toString(), protocols);
          socket.binaryType = this.binaryType;
          socket.onopen = (e) => this.onopen?.(e);
          socket.onmessage = (e) => this.onmessage?.(e);
          socket.onerror = (e) => this.onerror?.(e);
          socket.onclose = (e) => {
            this.done = true;
            this.onclose?.(e);
          };
          this.socket = socket;
        },
        (err: unknown) => {
          if (this.done) return;
          this.done = true;
          const refused = err instanceof ApiError && (err.status === 401 || err.status === 403);
          this.onclose?.(
            new CloseEvent(
              'close',
              refused
                ? { code: CloseCode.unauthorized, reason: err.code === 'token_expired' ? EXPIRED_REASON : err.code }
                : { code: 1006, reason: 'no ticket (network)' },
            ),
          );
        },
      );
    }

    get readyState(): number {
      return this.socket?.readyState ?? (this.done ? TicketedSocket.CLOSED : TicketedSocket.CONNECTING);
    }

    get bufferedAmount(): number {
      return this.socket?.bufferedAmount ?? 0;
    }

    send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
      this.socket?.send(data);
    }

    close(code?: number, reason?: string): void {
      this.done = true;
      this.socket?.close(code, reason);
    }
  }
  return TicketedSocket as unknown as typeof WebSocket;
}
