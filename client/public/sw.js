/* Croisée service worker: lets the app shell load without a network (offline-first).
 *
 * - Navigations (every client route returns index.html): network first, the cached shell when the
 *   network fails or hangs.
 * - /assets/* (content-hashed by Vite, immutable): cache first, stored as they are fetched.
 * - Never touched: /api/, /yjs/, /socket.io/ and anything cross-origin — live data goes through the
 *   server, the documents themselves are cached by the page in IndexedDB (y-indexeddb).
 *
 * Registered by main.tsx in production builds only. Bump VERSION to drop every older cache.
 */
const VERSION = 'v1';
const CACHE = `croisee-shell-${VERSION}`;
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 4000;
const BYPASS = /^\/(api|yjs|socket\.io)(\/|$)/;

/** Caches the shell and the assets it references (entry scripts, preloads, styles). */
async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(assets.map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('croisee-shell-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

/** The page sends the /assets/ URLs it loaded before this worker took control (e.g. lazy chunks). */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const raw of data.urls) {
        const url = new URL(raw, self.location.origin);
        if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
        if (!(await cache.match(url.pathname))) await cache.add(url.pathname).catch(() => undefined);
      }
    })(),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const id = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(id);
        resolve(v);
      },
      (e) => {
        clearTimeout(id);
        reject(e);
      },
    );
  });
}

async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    // Every route answers with the shell: keep the newest one.
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) await cache.put(SHELL, res.clone());
    return res;
  } catch (err) {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw err;
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || BYPASS.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  } else if (url.pathname === '/' || url.pathname === SHELL) {
    event.respondWith(navigation(request));
  }
});
