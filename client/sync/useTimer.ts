import { useEffect, useState } from 'react';
import { timerRemaining, type TimerState } from '../../shared/facilitation';
import { useFacilitation } from './useFacilitation';

export interface TimerView {
  timer: TimerState | null;
  /** Milliseconds left, from the server's clock (0 when elapsed). */
  remainingMs: number;
  /** A running timer that reached zero. */
  elapsed: boolean;
}

const TICK_MS = 250;

/** The workshop timer, re-rendered about four times a second while it runs. */
export function useTimer(): TimerView {
  const { state, offset } = useFacilitation();
  const timer = state?.timer ?? null;
  const [now, setNow] = useState(() => Date.now());
  const running = timer?.status === 'running';
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(id);
  }, [running, timer]);
  if (!timer) return { timer: null, remainingMs: 0, elapsed: false };
  const remainingMs = timerRemaining(timer, now + offset);
  return { timer, remainingMs, elapsed: running && remainingMs <= 0 };
}

/** mm:ss, or h:mm:ss from one hour; counts whole seconds up so "00:00" means really elapsed. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
