// Registers lab-sw.js (the offline cache) for the site's own pages. Embedding pages on other
// sites never register it: their offline behavior is theirs to decide.
import { getSiteRoot } from '../runtime/browser-engine.ts';

export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register(new URL('lab-sw.js', getSiteRoot())).catch((e: unknown) => {
    console.warn('offline support is not available:', e);
  });
}
