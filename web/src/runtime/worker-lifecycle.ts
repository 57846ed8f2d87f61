// How an engine Worker starts, is watched and ends, apart from which job it runs (worker-pool.ts).
// Starting: the first worker compiles engine.wasm (or the page does, start({ compileHere })) and
// every later one is instantiated from that WebAssembly.Module, so nothing is fetched or
// compiled twice; each new worker is also handed the prefetches made so far (its CSV cache is its
// own). Watching: a worker can die on its own (closed, out of memory) without a word; it holds a
// Web Lock for as long as it lives, and we wait for that lock, so a job never waits forever on a
// dead worker. Ending: wasm memory never shrinks, so a worker whose memory grew large is retired
// after its job, as is one whose engine broke; the pool then starts a fresh one.
import { workerStoppedMessage } from './engine-api.ts';
import type { WorkerMessage, WorkerRequest } from './protocol.ts';

/** The part of a Worker the client uses (Node tests pass a fake). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface WorkerLaunchOptions {
  createWorker: () => WorkerLike;
  engineUrl: string;
  wasmUrl: string;
  /** Compiles engine.wasm on the page, for `start({ compileHere: true })`. */
  compile?: (wasmUrl: string) => Promise<WebAssembly.Module>;
  /** Resolves when the Web Lock named `lifeLock` is free, i.e. the worker holding it has ended
   *  (browser-engine.ts: navigator.locks). Without it a worker that dies silently is not noticed. */
  whenReleased?: (lifeLock: string) => Promise<void>;
  /** A worker whose wasm memory grew past this many bytes is retired after its job. */
  recycleAboveBytes: number;
}

/** The messages about jobs a worker sends (the rest are the launcher's own). */
export type JobMessage = Extract<WorkerMessage, { type: 'progress' | 'done' }>;

/** What the pool hears from a worker it launched. */
export interface WorkerEvents {
  job(message: JobMessage): void;
  /** The worker failed to start (`engine`) or ended on its own (`worker`). */
  failed(message: string, kind: string): void;
}

export class WorkerLauncher {
  private compiled: WebAssembly.Module | undefined;
  /** engine.wasm as the page compiles it (null: that failed; the worker compiles it). */
  private pageModule: Promise<WebAssembly.Module | null> | null = null;
  /** Prefetches so far, replayed to each worker started later. */
  private readonly prefetches: WorkerRequest[] = [];
  /** Workers terminated here: their last words (a compiled module) are not taken. */
  private readonly ended = new WeakSet<WorkerLike>();
  private readonly lockPrefix = `lab-engine-life-${Math.random().toString(36).slice(2)}`;
  /** How many workers were started so far (the first, plus one per cancel, crash, recycle or
   *  pool worker added). */
  started = 0;
  /** Workers retired because their memory grew past recycleAboveBytes. */
  recycled = 0;
  /** The wasm memory of the worker that answered the last job (0 before any). */
  lastMemoryBytes = 0;

  constructor(private readonly options: WorkerLaunchOptions) {}

  /** Has the page compile engine.wasm itself (off its main thread, as the browser compiles wasm)
   *  for the next worker, so the download and compile do not wait for the worker to start. */
  compileOnPage(): void {
    if (this.options.compile && !this.compiled && !this.pageModule) {
      this.pageModule = this.options.compile(this.options.wasmUrl).catch(() => null);
    }
  }

  /** Keeps a prefetch for the workers started from now on. */
  rememberPrefetch(message: WorkerRequest): void {
    this.prefetches.push(message);
  }

  /** Starts a worker and its engine. */
  launch(events: WorkerEvents): WorkerLike {
    const worker = this.options.createWorker();
    worker.onerror = (event) => {
      event.preventDefault?.();
      events.failed(event.message || 'the engine worker failed to start', 'engine');
    };
    const fromPage = !this.compiled && this.pageModule !== null;
    const lifeLock = this.options.whenReleased ? `${this.lockPrefix}-${this.started}` : undefined;
    worker.onmessage = ({ data }) => {
      if (data.type === 'alive') {
        // The worker holds its life lock: once the lock is free, the worker is gone.
        if (lifeLock) void this.options.whenReleased!(lifeLock).then(() =>
          events.failed(workerStoppedMessage('its worker ended: it was closed or ran out of memory'), 'worker'));
      } else if (data.type === 'compiled') {
        if (!this.ended.has(worker)) this.compiled = data.module;
      } else {
        events.job(data);
      }
    };
    worker.postMessage({ type: 'init', engineUrl: this.options.engineUrl, wasmUrl: this.options.wasmUrl, module: this.compiled, moduleFromPage: fromPage, lifeLock });
    if (fromPage) {
      void this.pageModule!.then((module) => {
        if (module) this.compiled ??= module;
        worker.postMessage({ type: 'module', module });
      });
    }
    for (const prefetch of this.prefetches.slice(-4)) worker.postMessage(prefetch);
    this.started++;
    return worker;
  }

  /** Whether a worker must be retired after the job it just finished: its engine broke, or its
   *  memory grew past recycleAboveBytes (the next job gets a fresh instance of the module). */
  retiresAfter(done: Extract<WorkerMessage, { type: 'done' }>): boolean {
    this.lastMemoryBytes = done.memoryBytes ?? this.lastMemoryBytes;
    if (done.broken) return true;
    if ((done.memoryBytes ?? 0) <= this.options.recycleAboveBytes) return false;
    this.recycled++;
    return true;
  }

  end(worker: WorkerLike): void {
    this.ended.add(worker);
    worker.terminate();
  }
}
