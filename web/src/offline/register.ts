// Registers lab-sw.js (the offline cache) for the site's own pages. Embedding pages on other
// sites never register it: their offline behavior is theirs to decide. Installing it downloads
// the whole site (engine included), so it waits until the page has what it needs, has loaded
// and the engine has had no job for a few seconds: the lesson's start, a run and the runs a
// learner makes one after another never share the network, the server or the CPU with it.
import { getSiteRoot } from '../runtime/browser-engine.ts';

/** The part of the EngineClient this needs. */
export interface EngineActivity {
  readonly busy: boolean;
  /** Jobs asked for so far (a change means the engine was used). */
  readonly jobsQueued: number;
  whenIdle(): Promise<void>;
}

/** How long the engine must have been without a job before the site is cached (ms). */
const QUIET_MS = 3000;

const pageLoaded = (): Promise<void> => (document.readyState === 'complete'
  ? Promise.resolve()
  : new Promise((resolve) => addEventListener('load', () => resolve(), { once: true })));

const idleCallback = (): Promise<void> => new Promise((resolve) => {
  if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 2000 });
  else setTimeout(resolve, 200);
});

export interface OfflineOptions {
  /** Settles once the page shows what it came for (the lesson, the widget). */
  ready?: Promise<unknown>;
  /** The page's engine: registration waits for a moment without a job. */
  engine?: EngineActivity;
}

export function registerOfflineSupport({ ready = Promise.resolve(), engine }: OfflineOptions = {}): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  void (async () => {
    await Promise.allSettled([ready, pageLoaded()]);
    for (;;) {
      await engine?.whenIdle();
      const jobs = engine?.jobsQueued;
      if (engine) await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      await idleCallback();
      if (!engine || (!engine.busy && engine.jobsQueued === jobs)) break;
    }
    await navigator.serviceWorker.register(new URL('lab-sw.js', getSiteRoot()));
  })().catch((e: unknown) => {
    console.warn('offline support is not available:', e);
  });
}
