import { performance } from 'node:perf_hooks';

/**
 * Fixed-rate open-loop pacing: a timer every few ms fires as many events as are due since the start
 * (a deficit counter), so a slow tick is caught up instead of stretching the schedule. Catch-up is
 * capped per tick; bounded by the event count and by a hard deadline.
 */
export function runAtRate(opts: {
  ratePerSec: number;
  durationMs: number;
  fire: (i: number) => void;
  tickMs?: number;
  maxPerTick?: number;
}): Promise<{ fired: number; elapsedMs: number }> {
  const total = Math.round((opts.ratePerSec * opts.durationMs) / 1000);
  const maxPerTick = opts.maxPerTick ?? Math.max(10, Math.ceil(opts.ratePerSec / 20));
  const start = performance.now();
  const hardEnd = start + opts.durationMs + 10_000;
  let fired = 0;
  return new Promise((resolve) => {
    if (total <= 0) return resolve({ fired: 0, elapsedMs: 0 });
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * opts.ratePerSec) / 1000) + 1);
      let n = Math.min(due - fired, maxPerTick);
      while (n-- > 0) opts.fire(fired++);
      if (fired >= total || now > hardEnd) {
        clearInterval(timer);
        resolve({ fired, elapsedMs: performance.now() - start });
      }
    };
    const timer = setInterval(tick, opts.tickMs ?? 2);
    tick();
  });
}
