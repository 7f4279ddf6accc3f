import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived, room-scoped tickets for the Yjs endpoint. A browser trades its long-lived token for a
 * ticket over HTTP (Authorization header) just before it opens a socket, and puts only the ticket in
 * the socket's URL: what lands in proxy logs is worth one room for a minute. Tickets are signed
 * (HMAC-SHA256) rather than stored, so any server node sharing the secret can check them.
 */

/** How long a ticket opens its room. A reconnecting client fetches a new one each time. */
export const TICKET_TTL_MS = 60_000;

const PREFIX = 'v1.';

export interface TicketClaims {
  workshopId: string;
  userId: string;
  room: string;
  /** Epoch ms after which the ticket opens nothing. */
  expiresAt: number;
}

/** Tokens are bare base64url; tickets carry a version prefix and dots, so the two never mix. */
export const isTicket = (credential: string): boolean => credential.startsWith(PREFIX);

export const newTicketSecret = (): string => randomBytes(32).toString('base64url');

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signTicket(secret: string, claims: TicketClaims): string {
  const payload = Buffer.from(JSON.stringify({ w: claims.workshopId, u: claims.userId, r: claims.room, e: claims.expiresAt })).toString('base64url');
  return `${PREFIX}${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The claims of a ticket signed with `secret`, or null when it is malformed or forged. Expiry is the caller's. */
export function readTicket(secret: string, ticket: string): TicketClaims | null {
  if (!isTicket(ticket) || ticket.length > 1000) return null;
  const [payload, signature, ...rest] = ticket.slice(PREFIX.length).split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.w !== 'string' || typeof v.u !== 'string' || typeof v.r !== 'string' || typeof v.e !== 'number') return null;
    return { workshopId: v.w, userId: v.u, room: v.r, expiresAt: v.e };
  } catch {
    return null;
  }
}
