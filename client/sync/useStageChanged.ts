import { useEffect, useRef } from 'react';
import { useFacilitation } from './useFacilitation';

/**
 * Calls `onChange` when the workshop's stage changes (not when it is first received): a new stage
 * closes what was open for the previous one (side panels, popovers, menus).
 */
export function useStageChanged(onChange: () => void, enabled = true): void {
  const stage = useFacilitation().state?.stage ?? null;
  const previous = useRef(stage);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const before = previous.current;
    previous.current = stage;
    if (enabled && before !== null && stage !== null && before !== stage) callback.current();
  }, [stage, enabled]);
}
