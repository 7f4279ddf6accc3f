import { useEffect, useRef } from 'react';
import { useFacilitation } from '../sync/useFacilitation';

/** Alt+Shift: no single key, so typing in a note or a field never moves the programme on. */
export const NEXT_STEP_KEYS = { code: 'KeyN', label: 'Alt+Shift+N', aria: 'Alt+Shift+N' } as const;
export const PAUSE_KEYS = { code: 'KeyP', label: 'Alt+Shift+P', aria: 'Alt+Shift+P' } as const;

/**
 * Facilitators' keyboard, on every page of the workshop (panel open or not): next step, and pause or
 * resume the timer. The next step names the step it leaves, so a key held down cannot skip steps.
 */
export function AgendaShortcuts() {
  const fac = useFacilitation();
  const ref = useRef(fac);
  ref.current = fac;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const { state, run } = ref.current;
      if (!state) return;
      if (e.code === NEXT_STEP_KEYS.code) {
        e.preventDefault();
        void run({ type: 'agenda.next', from: state.agendaStepId });
      } else if (e.code === PAUSE_KEYS.code) {
        e.preventDefault();
        if (state.timer.status === 'running') void run({ type: 'timer.pause' });
        else if (state.timer.status === 'paused') void run({ type: 'timer.resume' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
