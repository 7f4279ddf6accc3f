/// <reference types="vite/client" />
/**
 * Production builds register /sw.js (client/public/sw.js), which keeps the app shell available so
 * a board can be reloaded without a network; the documents themselves come from IndexedDB.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // Scripts and styles this page loaded before the worker was in control (lazy chunks too).
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith('/assets/'));
        registration.active?.postMessage({ type: 'cache-assets', urls });
      })
      .catch(() => {
        // No service worker (private mode, insecure origin): the app works, just not reloadable offline.
      });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
