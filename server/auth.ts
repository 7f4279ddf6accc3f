import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../shared/protocol';
import { parseRoom } from '../shared/rooms';
import type { ParticipantRecord, Registry, WorkshopRecord } from './storage/Storage';
import { isTicket, newTicketSecret, readTicket, signTicket, TICKET_TTL_MS } from './tickets';

/**
 * Tokens are 256-bit random secrets handed to a participant once; only their SHA-256 is stored, so a
 * leaked database does not let anyone into a workshop.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Why a credential was refused; `status` is the HTTP status of the refusal (API and Yjs upgrade). */
export type AuthRefusal = {
  ok: false;
  status: 401 | 403;
  error: 'unauthorized' | 'token_expired' | 'ticket_expired' | 'wrong_room' | 'forbidden' | 'tickets_only';
  message: string;
};
export type AuthResult = { ok: true; principal: Principal } | AuthRefusal;

const refusal = (status: 401 | 403, error: AuthRefusal['error'], message: string): AuthRefusal => ({ ok: false, status, error, message });

const principalOf = (p: ParticipantRecord): Principal => ({
  userId: p.userId,
  workshopId: p.workshopId,
  name: p.name,
  role: p.role,
  community: p.community,
  ...(p.origin === 'creator' ? { lead: true } : {}),
});

/**
 * When a token stops working under the workshop's lifetime setting, or null (never). The creator's
 * token never expires: without accounts it is the only key to the workshop.
 */
export function tokenExpiresAt(p: Pick<ParticipantRecord, 'origin' | 'createdAt'>, w: Pick<WorkshopRecord, 'tokenLifetimeMs'>): number | null {
  if (p.origin === 'creator' || w.tokenLifetimeMs === null) return null;
  return p.createdAt + w.tokenLifetimeMs;
}

async function checkExpiry(registry: Registry, p: ParticipantRecord, now: number): Promise<AuthResult> {
  const workshop = await registry.getWorkshop(p.workshopId);
  if (!workshop) return refusal(401, 'unauthorized', 'This workshop no longer exists.');
  const expiresAt = tokenExpiresAt(p, workshop);
  if (expiresAt !== null && expiresAt <= now) return refusal(401, 'token_expired', 'This link has expired; ask the facilitator for a new one.');
  return { ok: true, principal: principalOf(p) };
}

/** Checks a long-lived token: unknown, revoked or expired tokens are refused with the reason. */
export async function authenticateToken(registry: Registry, token: string | null | undefined, now = Date.now()): Promise<AuthResult> {
  if (!token || token.length > 200) return refusal(401, 'unauthorized', 'Missing or invalid token.');
  const participant = await registry.findParticipantByTokenHash(hashToken(token));
  if (!participant) return refusal(401, 'unauthorized', 'Missing or invalid token.');
  return checkExpiry(registry, participant, now);
}

/** The principal a token stands for, or null when the token is unknown, revoked or expired. */
export async function authenticate(registry: Registry, token: string | null | undefined, now = Date.now()): Promise<Principal | null> {
  const result = await authenticateToken(registry, token, now);
  return result.ok ? result.principal : null;
}

const SECRET_KEY = 'ticket-secret';

/**
 * Issues and checks Yjs tickets. The signing secret is claimed once in the registry's settings, so
 * every node of a cluster (and a restarted server) checks the tickets of the others.
 */
export class Credentials {
  private secret: Promise<string> | null = null;

  constructor(private readonly registry: Registry) {}

  private signingSecret(): Promise<string> {
    this.secret ??= this.registry.claimSetting(SECRET_KEY, newTicketSecret()).catch((err: unknown) => {
      this.secret = null; // try again on the next request rather than failing forever
      throw err;
    });
    return this.secret;
  }

  async issueTicket(principal: Principal, room: string, now = Date.now()): Promise<{ ticket: string; expiresAt: number }> {
    const expiresAt = now + TICKET_TTL_MS;
    const ticket = signTicket(await this.signingSecret(), { workshopId: principal.workshopId, userId: principal.userId, room, expiresAt });
    return { ticket, expiresAt };
  }

  /**
   * Who may open `room` with this `token` parameter: a ticket for exactly that room, still valid, of
   * someone still admitted; or (for stock clients) a long-lived token, unless the workshop accepts
   * tickets only.
   */
  async forSync(credential: string | null, room: string, now = Date.now()): Promise<AuthResult> {
    if (!credential) return refusal(401, 'unauthorized', 'missing token or ticket');
    if (!isTicket(credential)) {
      const result = await authenticateToken(this.registry, credential, now);
      if (!result.ok) return result;
      const workshop = await this.registry.getWorkshop(result.principal.workshopId);
      if (workshop?.ticketsOnly) return refusal(403, 'tickets_only', 'this workshop accepts only tickets (POST /api/workshops/:id/tickets)');
      return result;
    }
    const claims = readTicket(await this.signingSecret(), credential);
    if (!claims) return refusal(401, 'unauthorized', 'invalid ticket');
    if (claims.workshopId !== parseRoom(room)?.workshopId) return refusal(403, 'forbidden', 'this ticket is for another workshop');
    if (claims.room !== room) return refusal(403, 'wrong_room', 'this ticket is for another room');
    if (claims.expiresAt <= now) return refusal(401, 'ticket_expired', 'ticket expired; fetch a new one');
    const participant = await this.registry.getParticipant(claims.workshopId, claims.userId);
    if (!participant || participant.revokedAt !== null) return refusal(401, 'unauthorized', 'access revoked');
    return checkExpiry(this.registry, participant, now);
  }
}
