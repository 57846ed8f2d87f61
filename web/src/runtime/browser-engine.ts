// The page's one EngineClient, shared by the lesson page and every widget element on it.
// engine.mjs, engine.wasm and lab-engine-worker.js sit together at the "site root": next to
// lab-widgets.js for embedders, next to the HTML pages for the site itself.
import { AnswerRecorder } from './answer-book.ts';
import { EngineClient, poolSize, type WorkerLike } from './engine-client.ts';
import type { WorkerMessage } from './protocol.ts';
import { compileWasm } from './wasm-compile.ts';

let siteRoot: URL | null = null;
let shared: EngineClient | null = null;

/** Sets where engine.mjs and lab-engine-worker.js are; call before the first engine use. */
export function setSiteRoot(url: string | URL): void {
  if (!siteRoot) siteRoot = new URL(url);
}

export function getSiteRoot(): URL {
  return siteRoot ?? new URL('./', document.baseURI);
}

/** A worker script must have the page's origin; a cross-origin embed gets a blob module that
 *  imports ours (that needs CORS on our files and `worker-src blob:` in the host page's CSP). */
let blobScript: string | null = null;  // made once; replacement workers reuse it
/** The Worker behind each WorkerLike, and the last one made (for the test hooks below). */
const workerOf = new WeakMap<WorkerLike, Worker>();
let currentWorker: Worker | null = null;
function createModuleWorker(url: URL): WorkerLike {
  let script = url.href;
  if (url.origin !== location.origin) {
    blobScript ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
    script = blobScript;
  }
  const worker = new Worker(script, { type: 'module', name: 'lab-engine' });
  currentWorker = worker;
  const like: WorkerLike = {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onmessage: null,
    onerror: null,
  };
  workerOf.set(like, worker);
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => like.onmessage?.(event);
  worker.onerror = (event: ErrorEvent) => like.onerror?.(event);
  return like;
}

export function sharedEngineClient(): EngineClient {
  if (!shared) {
    const root = getSiteRoot();
    const query = new URLSearchParams(location.search);
    shared = new EngineClient({
      createWorker: () => createModuleWorker(new URL('lab-engine-worker.js', root)),
      engineUrl: new URL('engine.mjs', root).href,
      wasmUrl: new URL('engine.wasm', root).href,
      compile: compileWasm,
      whenReleased: 'locks' in navigator ? (name) => navigator.locks.request(name, () => undefined).then(() => undefined) : undefined,
      // One Worker per core (at most MAX_ENGINE_WORKERS); `?lab-workers=N` on the page asks for N.
      workers: poolSize(navigator.hardwareConcurrency, Number(query.get('lab-workers') ?? undefined)),
      // `?lab-split-bytes=N`: split runs on N bytes of data or more (the tests split small ones).
      splitMinDataBytes: query.has('lab-split-bytes') ? Number(query.get('lab-split-bytes')) : undefined,
    });
    if (query.has('lab-test-hooks')) exposeTestHooks(shared);
    if (query.has('lab-record-answers')) exposeRecorder(shared, root);
  }
  return shared;
}

/** `?lab-test-hooks` only: lets the e2e tests kill a worker behind the client's back, as a
 *  crash or the browser would (the client learns of it the way it would in use): the first
 *  one running a job, else the last one started; and read the client's counters. Never
 *  reached without the query flag. */
function exposeTestHooks(client: EngineClient): void {
  (globalThis as { labEngineTestHooks?: unknown }).labEngineTestHooks = {
    terminateWorker: () => {
      const running = client.runningWorkers[0];
      (running ? workerOf.get(running) : currentWorker)?.terminate();
    },
    counters: () => ({ workersStarted: client.workersStarted, workersRecycled: client.workersRecycled,
      lastMemoryBytes: client.lastMemoryBytes, busy: client.busy, poolSize: client.poolSize,
      workersAlive: client.workersAlive, splitRuns: client.splitRuns, runningWorkers: client.runningWorkers.length,
      answeredFromBuild: client.answeredFromBuild, widgetsAttached: client.attached, workersReleased: client.workersReleased }),
  };
}

/** `?lab-record-answers` only (the site build, web/scripts/record-answers.mjs): keeps what the
 *  engine answers the page's calls and autoruns, for the build to write as the page's answers. */
function exposeRecorder(client: EngineClient, root: URL): void {
  const recorder = new AnswerRecorder(root);
  client.recordAnswers(recorder);
  (globalThis as { labAnswerRecorder?: unknown }).labAnswerRecorder = {
    file: () => recorder.file(),
    whenIdle: () => client.whenIdle(),
  };
}
