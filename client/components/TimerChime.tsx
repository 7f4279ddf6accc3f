import { useEffect, useRef } from 'react';
import { playChime, unlockAudioOnGesture } from '../sync/playChime';
import { useFacilitation } from '../sync/useFacilitation';
import { useTimer } from '../sync/useTimer';

/**
 * Rings once when a running timer reaches zero (if the facilitator left the chime on). A timer seen
 * only after it had elapsed (page opened late) does not ring.
 */
export function TimerChime() {
  const { state } = useFacilitation();
  const { timer, elapsed } = useTimer();
  const deadline = timer?.status === 'running' ? timer.deadline : null;
  const armed = useRef<number | null>(null);
  const rung = useRef<number | null>(null);

  useEffect(() => unlockAudioOnGesture(), []);

  useEffect(() => {
    if (deadline === null) return;
    if (!elapsed) {
      armed.current = deadline;
      return;
    }
    if (armed.current === deadline && rung.current !== deadline) {
      rung.current = deadline;
      if (state?.chime) playChime();
    }
  }, [deadline, elapsed, state?.chime]);
  return null;
}
