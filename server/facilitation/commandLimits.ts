import type { CommandType } from '../../shared/commands';
import { TokenBucket } from '../sync/TokenBucket';

/**
 * How often people may send facilitation commands. Each participant command belongs to a class with
 * its own token bucket per person (across all their connections, so reconnecting does not refill
 * it): a burst for real use (a few questions in a row, dots placed quickly), then a steady rate far
 * below what would flood a canvas or everyone's sockets. Facilitator commands are bounded by the
 * per-connection limit only (`CONNECTION_LIMIT`), which also covers malformed commands.
 */
export type LimitClass = 'question' | 'upvote' | 'reaction' | 'hand' | 'vote';

export interface Rate {
  burst: number;
  perSecond: number;
}

export const COMMAND_LIMITS: Readonly<Record<LimitClass, Rate>> = {
  question: { burst: 5, perSecond: 1 / 6 },
  upvote: { burst: 20, perSecond: 2 },
  reaction: { burst: 1, perSecond: 1 },
  hand: { burst: 5, perSecond: 1 },
  vote: { burst: 30, perSecond: 10 },
};

/** Every socket.io event of one connection, whatever it carries. */
export const CONNECTION_LIMIT: Rate = { burst: 100, perSecond: 50 };

export function limitClassOf(type: CommandType): LimitClass | null {
  switch (type) {
    case 'question.ask':
      return 'question';
    case 'question.upvote':
      return 'upvote';
    case 'reaction.send':
      return 'reaction';
    case 'hand.raise':
    case 'hand.lower':
      return 'hand';
    case 'vote.cast':
      return 'vote';
    default:
      return null;
  }
}

/** Buckets idle this long are full again and can be forgotten (the longest refill of any class). */
const FORGET_AFTER_MS = Math.max(...Object.values(COMMAND_LIMITS).map((r) => (r.burst / r.perSecond) * 1000));

/** Per-person buckets of every class; idle ones are dropped, so memory follows active people. */
export class CommandLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  private takesSinceSweep = 0;

  constructor(private readonly limits: Readonly<Record<LimitClass, Rate>> = COMMAND_LIMITS) {}

  /** Takes a token for `who` (workshop and user) sending a command of that type; false when limited. */
  take(who: string, type: CommandType, now: number): boolean {
    const cls = limitClassOf(type);
    if (!cls) return true;
    if (++this.takesSinceSweep >= 1000) this.sweep(now);
    const key = `${cls}\u0000${who}`;
    let entry = this.buckets.get(key);
    if (!entry) {
      const { burst, perSecond } = this.limits[cls];
      entry = { bucket: new TokenBucket(burst, perSecond, now), usedAt: now };
      this.buckets.set(key, entry);
    }
    entry.usedAt = now;
    return entry.bucket.take(now);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    this.takesSinceSweep = 0;
    for (const [key, entry] of this.buckets) if (now - entry.usedAt > FORGET_AFTER_MS) this.buckets.delete(key);
  }
}
