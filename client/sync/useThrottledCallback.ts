import { useEffect, useMemo, useRef } from 'react';

/**
 * Calls `fn` at most once per `ms` (leading and trailing), always with the latest arguments.
 * `ms = 'frame'` throttles to animation frames.
 */
export function useThrottledCallback<A extends unknown[]>(fn: (...args: A) => void, ms: number | 'frame') {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<{ cancel: () => void } | null>(null);
  const pending = useRef<A | null>(null);
  const last = useRef(0);

  useEffect(() => () => timer.current?.cancel(), []);

  return useMemo(() => {
    const flush = () => {
      timer.current = null;
      last.current = performance.now();
      const args = pending.current;
      pending.current = null;
      if (args) fnRef.current(...args);
    };
    const schedule = (delay: number) => {
      if (ms === 'frame') {
        const id = requestAnimationFrame(flush);
        timer.current = { cancel: () => cancelAnimationFrame(id) };
      } else {
        const id = setTimeout(flush, delay);
        timer.current = { cancel: () => clearTimeout(id) };
      }
    };
    const call = (...args: A) => {
      pending.current = args;
      if (timer.current) return;
      if (ms === 'frame') return schedule(0);
      const wait = ms - (performance.now() - last.current);
      if (wait <= 0) flush();
      else schedule(wait);
    };
    /** Runs a pending call now (e.g. on pointerup so the final position is never dropped). */
    const flushNow = () => {
      timer.current?.cancel();
      timer.current = null;
      flush();
    };
    return Object.assign(call, { flush: flushNow });
  }, [ms]);
}
