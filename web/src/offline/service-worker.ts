// lab-sw.js: makes the site work offline once it has been opened. On install it caches every
// file the build listed in offline-manifest.json (pages, scripts, engine, lessons, widgets and
// their data); requests then go to the network first, so online visitors always get fresh
// files, and fall back to the cache when the network is gone.
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope;
export {};  // a module, so `self` above is this file's, typed as a service worker

const PREFIX = 'ml-lab-offline-';
const scope = new URL(self.registration.scope);

interface OfflineManifest { version: string; files: string[] }

async function manifest(): Promise<OfflineManifest> {
  const response = await fetch(new URL('offline-manifest.json', scope), { cache: 'no-store' });
  if (!response.ok) throw new Error(`offline-manifest.json: HTTP ${response.status}`);
  return response.json() as Promise<OfflineManifest>;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const { version, files } = await manifest();
    const cache = await caches.open(PREFIX + version);
    await cache.addAll(['./', ...files].map((f) => new URL(f, scope).href));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const { version } = await manifest().catch(() => ({ version: '' }));
    const names = await caches.keys();
    // Older versions go once the current one is in place.
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && version && n !== PREFIX + version).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
      if (names.length) void caches.open(names[names.length - 1]).then((c) => c.put(request, response.clone()));
    }
    return response;
  } catch (error) {
    // Pages carry their state in the query (lesson.html?id=...): any query finds the page.
    const cached = (await caches.match(request)) ?? (await caches.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== scope.origin || url.pathname.endsWith('/offline-manifest.json')) return;
  event.respondWith(networkFirst(event.request));
});
