import { useSyncExternalStore } from 'react';

/**
 * How many local changes have not reached the server yet, per open room, summed for the UI
 * (ConnectionStatus): a person does not care which document an undelivered change belongs to.
 */
const counts = new Map<string, number>();
const listeners = new Set<() => void>();
let total = 0;

export function setUnsynced(key: string, count: number): void {
  if ((counts.get(key) ?? 0) === count) return;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
  total = [...counts.values()].reduce((a, b) => a + b, 0);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const getTotal = () => total;

/** Local changes made while not connected that the server has not received yet (all open rooms). */
export const useUnsyncedCount = (): number => useSyncExternalStore(subscribe, getTotal, getTotal);
