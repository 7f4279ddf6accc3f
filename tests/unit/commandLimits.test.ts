import { describe, expect, it } from 'vitest';
import { COMMAND_LIMITS, CommandLimiter, limitClassOf } from '../../server/facilitation/commandLimits';

describe('command limits', () => {
  it('give each person a burst per kind of command, then the steady rate', () => {
    const limiter = new CommandLimiter();
    const takes = (who: string, n: number, now: number) => Array.from({ length: n }, () => limiter.take(who, 'question.ask', now));
    const { burst, perSecond } = COMMAND_LIMITS.question;
    expect(takes('ws:alice', burst + 2, 0)).toEqual([...Array(burst).fill(true), false, false]);
    // Another person, and another kind of command, have their own buckets.
    expect(limiter.take('ws:bob', 'question.ask', 0)).toBe(true);
    expect(limiter.take('ws:alice', 'hand.raise', 0)).toBe(true);
    // One token back after 1/perSecond seconds.
    expect(limiter.take('ws:alice', 'question.ask', 1000 / perSecond - 1)).toBe(false);
    expect(limiter.take('ws:alice', 'question.ask', 1000 / perSecond + 1)).toBe(true);
  });

  it('leave facilitator commands to the per-connection limit', () => {
    const limiter = new CommandLimiter();
    expect(limitClassOf('timer.add')).toBeNull();
    expect(Array.from({ length: 1000 }, () => limiter.take('ws:fac', 'timer.add', 0)).every(Boolean)).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('forget idle people, so memory follows who is active', () => {
    const limiter = new CommandLimiter();
    for (let i = 0; i < 999; i++) limiter.take(`ws:user${i}`, 'hand.raise', 0);
    expect(limiter.size).toBe(999);
    limiter.take('ws:late', 'hand.raise', 10 * 60_000); // the 1000th take sweeps
    expect(limiter.size).toBe(1);
  });
});
