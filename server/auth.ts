import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../shared/protocol';
import type { Registry } from './storage/Storage';

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

/** The principal a token stands for, or null when the token is unknown. */
export async function authenticate(registry: Registry, token: string | null | undefined): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const participant = await registry.findParticipantByTokenHash(hashToken(token));
  if (!participant) return null;
  return {
    userId: participant.userId,
    workshopId: participant.workshopId,
    name: participant.name,
    role: participant.role,
    community: participant.community,
  };
}
