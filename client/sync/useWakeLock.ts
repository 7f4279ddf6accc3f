import { useEffect } from 'react';

interface Sentinel {
  released: boolean;
  release: () => Promise<void>;
}
type WakeLockNavigator = Navigator & { wakeLock?: { request: (type: 'screen') => Promise<Sentinel> } };

/**
 * Keeps the screen awake (Screen Wake Lock API, where available). The browser drops the lock when
 * the page is hidden, so it is requested again each time the page becomes visible.
 */
export function useWakeLock(): void {
  useEffect(() => {
    const wakeLock = (navigator as WakeLockNavigator).wakeLock;
    if (!wakeLock) return;
    let sentinel: Sentinel | null = null;
    let stopped = false;
    const acquire = async () => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        sentinel = await wakeLock.request('screen');
      } catch {
        // refused (battery saver, no permission): the screen may sleep, nothing else to do
      }
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    // Some browsers release the lock silently (e.g. after a system dialog): check now and then.
    const id = setInterval(() => void acquire(), 60_000);
    return () => {
      stopped = true;
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => undefined);
    };
  }, []);
}
