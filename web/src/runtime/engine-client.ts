// The page's handle on its engine Workers: a promise per job, progress callbacks, cancellation.
// A pool of up to `workers` Workers (navigator.hardwareConcurrency, at most MAX_ENGINE_WORKERS)
// runs one job each; the rest wait in a queue (background jobs, such as checking a widget
// file, after every other one, so they never delay a learner's run). A run whose parts do not
// depend on each other (a regularization path and its cross-validation folds) is split across
// the pool and merged in a fixed order: the same numbers as on one worker
// (engine/include/lab/work_share.hpp). A busy worker cannot read messages (the
// engine only checks for cancel through its progress callback's return value), so cancelling
// the running job terminates the worker; the next job gets a fresh one, instantiated from the
// WebAssembly.Module the first worker compiled, so nothing is fetched or compiled twice.
// (A SharedArrayBuffer flag would need cross-origin isolation, which blocks the video embed.)
// A worker can also die on its own (closed, out of memory): it holds a Web Lock for as long as
// it lives, and the client waits for that lock, so a job never waits forever on a dead worker.
// Wasm memory never shrinks, so a worker whose memory grew large is replaced after its job.
import { type AnswerBook, type AnswerRecorder, callKey, runKey } from './answer-book.ts';
import { EngineError, workerStoppedMessage, type EngineResponse, type ExperimentResult, type Progress } from './engine-api.ts';
import type { CallRequest, EngineCall, RunRequest, WorkerMessage, WorkerRequest } from './protocol.ts';

/** The part of a Worker the client uses (Node tests pass a fake). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface EngineClientOptions {
  createWorker: () => WorkerLike;
  engineUrl: string;
  wasmUrl: string;
  /** Compiles engine.wasm on the page, for `start({ compileHere: true })`. */
  compile?: (wasmUrl: string) => Promise<WebAssembly.Module>;
  /** Resolves when the Web Lock named `lifeLock` is free, i.e. the worker holding it has ended
   *  (browser-engine.ts: navigator.locks). Without it a worker that dies silently is not noticed. */
  whenReleased?: (lifeLock: string) => Promise<void>;
  /** How many Workers the pool may run at once (default 1; see poolSize). */
  workers?: number;
  /** Runs on less data than this (bytes of CSV text) are not split (default SPLIT_MIN_DATA_BYTES). */
  splitMinDataBytes?: number;
}

/** A run is split across the pool only when its data files hold at least this many bytes: the
 *  shares each prepare the data and the merge adds a step, which a small run does not win back
 *  (measured in Chromium, tools/lab bench case 7: the lesson's 150 KB Titanic path + CV gains
 *  nothing on a warm page and loses on a cold one; 3.3 MB of 20,000 x 30 rows gains 1.7x). */
export const SPLIT_MIN_DATA_BYTES = 1 << 20;

/** The most engine Workers a page runs, whatever the machine's core count: each holds its own
 *  wasm memory (32 MiB at least), and the splittable runs have 6 pieces (a path and 5 folds). */
export const MAX_ENGINE_WORKERS = 4;

/** The pool size for a machine with `cores` logical cores and an optional requested count
 *  (`?lab-workers=N` on the page): at least 1, at most MAX_ENGINE_WORKERS. */
export function poolSize(cores: number | undefined, requested?: number): number {
  const wanted = requested !== undefined && Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : cores ?? 1;
  return Math.max(1, Math.min(MAX_ENGINE_WORKERS, wanted));
}

/** A worker whose wasm memory grew past this is replaced after its job, so the memory returns to
 *  the browser (docs/limits.md; the engine refuses runs estimated above its 1 GiB ceiling). */
export const RECYCLE_WORKER_ABOVE_BYTES = 256 * 2 ** 20;

export interface RunOptions {
  /** URL of the spec (widget JSON): the dataset path resolves against it. */
  baseUrl: string;
  /** Origins dataset CSVs may be fetched from. */
  allowOrigins?: string[];
  /** Files already at hand, keyed like spec.dataset.csv (skips the fetch). */
  files?: Record<string, string>;
  /** Only these experiments, each with a learner's values (see RunRequest). */
  experiments?: Record<string, Record<string, unknown>>;
  /** The spec's own run with a learner's values (see RunRequest). */
  values?: Record<string, unknown>;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** The page started this run by itself (a widget's autorun), not a learner: while the page
   *  shows its first results from the build's answers, it waits for the engine to start
   *  (releaseEngine) instead of starting it. */
  byPage?: boolean;
  /** An answer the site build recorded for exactly this run may serve it (answer-book.ts): a
   *  run the page started, of a widget whose results do not depend on the device. */
  fromBuild?: boolean;
  /** Called when the build's answer served the run (the engine did not run it). */
  onAnsweredFromBuild?: () => void;
}

type JobRequest = Omit<RunRequest, 'id'> | Omit<CallRequest, 'id'>;

/** `background`: waits until no other job is queued (checks a page can show later); it starts
 *  only from a task of its own, so a job the page queues in the same turn (a widget that runs as
 *  soon as it has loaded) goes first. */
export type JobPriority = 'normal' | 'background';

interface Job {
  id: number;
  priority: JobPriority;
  request: JobRequest;
  onProgress?: (progress: Progress) => void;
  resolve: (response: EngineResponse) => void;
  reject: (error: unknown) => void;
  detach: () => void;
}

/** One Worker of the pool and the job it runs. */
interface Slot {
  worker: WorkerLike;
  active: Job | null;
}

/** A run that computes (a whole run, a share or a merge, an export), not a call or a plan. */
const isRun = (request: JobRequest): boolean => request.type === 'run' && !(request as RunRequest).plan;

export const abortError = (): DOMException => new DOMException('The run was cancelled', 'AbortError');
export const isAbortError = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** The part of a run request every kind of run shares: the spec, where its data comes from. */
function runRequest(spec: string | object, options: RunOptions): Omit<RunRequest, 'id'> {
  return {
    type: 'run',
    specText: typeof spec === 'string' ? spec : JSON.stringify(spec),
    baseUrl: options.baseUrl,
    allowOrigins: options.allowOrigins ?? [],
    files: options.files,
  };
}

export class EngineClient {
  private readonly slots: Slot[] = [];
  private compiled: WebAssembly.Module | undefined;
  /** engine.wasm as the page compiles it (null: that failed; the worker compiles it). */
  private pageModule: Promise<WebAssembly.Module | null> | null = null;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleWaiters: (() => void)[] = [];
  private backgroundTimer: ReturnType<typeof setTimeout> | undefined;
  private backgroundTurn = false;
  /** Prefetches so far, replayed to each Worker the pool adds later (its CSV cache is its own). */
  private readonly prefetches: WorkerRequest[] = [];
  /** How many Workers may run at once. */
  readonly poolSize: number;
  /** How many workers were started so far (the first, plus one per cancel, crash, recycle or
   *  pool worker added). */
  workersStarted = 0;
  /** Workers replaced because their memory grew past RECYCLE_WORKER_ABOVE_BYTES. */
  workersRecycled = 0;
  /** The data size each planned spec reported (a few; see splitRun). */
  private readonly dataBytesOf = new Map<string, number>();
  /** Whether the engine's warm-up (warm-up.ts) was queued. */
  private warmed = false;
  /** Runs split across the pool so far. */
  splitRuns = 0;
  /** The wasm memory of the worker that answered the last job (0 before any). */
  lastMemoryBytes = 0;
  private readonly lockPrefix = `lab-engine-life-${Math.random().toString(36).slice(2)}`;

  constructor(private readonly options: EngineClientOptions) {
    this.poolSize = poolSize(options.workers ?? 1);
  }

  /** Answers the site build recorded (answer-book.ts), or null. */
  private answers: AnswerBook | null = null;
  private recorder: AnswerRecorder | null = null;
  /** Jobs answered from the build's answers, not by the engine. */
  answeredFromBuild = 0;
  /** With the build's answers, the first worker waits until releaseEngine (see useAnswers). */
  private engineHeld = false;

  /**
   * Lets the build's recorded answers serve the calls and first runs they hold. The first
   * worker then waits for releaseEngine: a learner's request (a run or a call the answers do
   * not hold), the warm-up, or the page's first result shown from them. The page shows that
   * result without engine.wasm, and a widget that needs the engine at once (one timing the
   * device) does not take the network and the cores from it on a slow machine.
   */
  useAnswers(book: AnswerBook | null): void {
    this.answers = book && book.size ? book : null;
    this.engineHeld = this.answers !== null;
  }

  /** Lets the first worker start (see useAnswers); without answers it never waits. */
  releaseEngine(): void {
    if (!this.engineHeld) return;
    this.engineHeld = false;
    this.pump();
  }

  /** Keeps every answer the build may record (`?lab-record-answers`, web/scripts/record-answers.mjs). */
  recordAnswers(recorder: AnswerRecorder): void {
    this.recorder = recorder;
  }

  /** Runs an experiment spec; resolves with its result, rejects with EngineError or AbortError. */
  async run(spec: string | object, options: RunOptions): Promise<ExperimentResult> {
    const request = { ...runRequest(spec, options), experiments: options.experiments, values: options.values };
    const key = options.fromBuild && (this.answers || this.recorder) ? runKey(request, this.answers?.siteRoot ?? this.recorder!.siteRoot) : null;
    const recorded = this.answers?.get(key);
    if (recorded && !options.signal?.aborted) {
      this.answeredFromBuild++;
      options.onAnsweredFromBuild?.();
      return (recorded as { result?: ExperimentResult }).result ?? {};
    }
    if (!options.byPage) this.releaseEngine();  // a learner is waiting for it
    const response = (this.poolSize > 1 ? await this.splitRun(request, options) : null)
      ?? await this.enqueue(request, options.onProgress, options.signal);
    this.recorder?.add(key, response);
    if (!response.ok) throw new EngineError(response.error);
    return (response as { result?: ExperimentResult }).result ?? {};
  }

  /**
   * The run split across the pool (null: it has fewer than two pieces, run it whole): each
   * worker computes its share of the pieces, then one worker merges them. Progress of the
   * shares is forwarded with each stage's steps counted across the shares, so a bar never
   * moves back.
   */
  private async splitRun(request: Omit<RunRequest, 'id'>, options: RunOptions): Promise<EngineResponse | null> {
    const minBytes = this.options.splitMinDataBytes ?? SPLIT_MIN_DATA_BYTES;
    // A rerun of a spec whose data was too small to split skips the plan (the data is the same:
    // the spec's text, where it is and the learner's files are).
    const dataKey = `${request.baseUrl}\n${Object.entries(request.files ?? {}).map(([k, v]) => `${k}:${v.length}`).join(',')}\n${request.specText}`;
    if ((this.dataBytesOf.get(dataKey) ?? Infinity) < minBytes) return null;
    const planned = await this.enqueue({ ...request, plan: true }, undefined, options.signal);
    const pieces = planned.ok ? Number((planned as { pieces?: unknown }).pieces) : 0;
    const dataBytes = planned.ok ? Number((planned as { dataBytes?: unknown }).dataBytes) : 0;
    if (planned.ok) {
      if (this.dataBytesOf.size > 16) this.dataBytesOf.clear();
      this.dataBytesOf.set(dataKey, dataBytes);
    }
    // (A spec or data error: the whole run reports it in its own words.)
    if (!(pieces >= 2) || !(dataBytes >= minBytes)) return null;
    // A share waiting for a worker that is still starting would hold the run up (on the page's
    // first run, by more than the split gains): the run is split across the workers already
    // there, and the pool's missing workers start meanwhile, for the next run.
    const wanted = Math.min(this.poolSize, pieces);
    const started = this.slots.length;
    while (this.slots.length < wanted) this.addWorker();
    if (started < 2) return null;
    this.splitRuns++;
    const instances = Math.min(wanted, started);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const steps = new Map<string, number>();
    const onShareProgress = options.onProgress && ((p: Progress) => {
      if (p.stage === 'experiment') return;  // the merge reports the experiments
      const seen = (steps.get(p.stage) ?? 0) + 1;
      steps.set(p.stage, seen);
      options.onProgress!({ ...p, done: p.total > 0 ? ((seen - 1) % p.total) + 1 : seen });
    });
    try {
      const shares = await Promise.all(Array.from({ length: instances }, (_, instance) =>
        this.enqueue({ ...request, share: { instance, instances } }, onShareProgress, stop.signal).then((answer) => {
          if (!answer.ok) stop.abort();  // the other shares are not needed
          return answer;
        }, (e: unknown) => {
          stop.abort();
          return e;
        })));
      if (options.signal?.aborted) throw abortError();
      const refused = shares.find((a) => (a as EngineResponse | undefined)?.ok === false);
      if (refused) return refused as EngineResponse;  // the spec's error, as a whole run says it
      const thrown = shares.find((a) => a instanceof Error || (a instanceof DOMException && !isAbortError(a)))
        ?? shares.find((a) => a instanceof DOMException);
      if (thrown) throw thrown;
      const merged: Record<string, unknown> = {};
      for (const answer of shares) Object.assign(merged, (answer as { pieces?: Record<string, unknown> }).pieces);
      return await this.enqueue({ ...request, share: { pieces: merged } }, options.onProgress, options.signal);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A trade-off variant's deployed model as ONNX bytes: the worker reruns the seeded spec with
   *  that variant exported (the model the widget's numbers describe) and builds the graph. */
  async exportOnnx(spec: string | object, variant: string, options: RunOptions): Promise<{ name: string; format: string; onnx: Uint8Array }> {
    const request = { ...runRequest(spec, options), exportVariant: variant };
    const response = await this.enqueue(request, options.onProgress, options.signal);
    if (!response.ok) throw new EngineError(response.error);
    return response as unknown as { name: string; format: string; onnx: Uint8Array };
  }

  /** Calls one of the engine's other functions; resolves with its whole answer, ok or not. */
  call(fn: EngineCall, args: string[] = [], signal?: AbortSignal, priority: JobPriority = 'normal'): Promise<EngineResponse> {
    const key = this.answers || this.recorder ? callKey(fn, args) : null;
    const recorded = this.answers?.get(key);
    if (recorded && !signal?.aborted) {
      this.answeredFromBuild++;
      return Promise.resolve(recorded);
    }
    if (priority === 'normal') this.releaseEngine();
    const answer = this.enqueue({ type: 'call', fn, args }, undefined, signal, priority);
    if (this.recorder) void answer.then((a) => this.recorder?.add(key, a), () => undefined);
    return answer;
  }

  /**
   * Starts the worker and the engine's download and compile now, ahead of the first job.
   * `compileHere`: the page compiles engine.wasm itself (off its main thread, as the browser
   * compiles wasm) and hands the module to the worker, so the download and compile do not wait
   * for the worker to start; only for pages whose CSP allows 'wasm-unsafe-eval'.
   */
  start({ compileHere = false }: { compileHere?: boolean } = {}): void {
    if (compileHere && this.options.compile && !this.compiled && !this.slots.length && !this.pageModule) {
      this.pageModule = this.options.compile(this.options.wasmUrl).catch(() => null);
    }
    if (!this.slots.length) this.addWorker();
  }

  /** Queues the engine's warm-up (warm-up.ts) once, as a background job: call it when the page
   *  is idle after its widgets have loaded, so it runs before a learner's first run instead of
   *  holding up the widgets' own start-up calls. */
  warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    this.releaseEngine();
    this.call('warmUp', [], undefined, 'background').catch(() => undefined);
  }

  /** Has the workers fetch the spec's dataset CSVs now, so that their first run finds them. */
  prefetch(spec: string | object, options: Pick<RunOptions, 'baseUrl' | 'allowOrigins'>): void {
    const message: WorkerRequest = {
      type: 'prefetch',
      specText: typeof spec === 'string' ? spec : JSON.stringify(spec),
      baseUrl: options.baseUrl,
      allowOrigins: options.allowOrigins ?? [],
    };
    this.prefetches.push(message);
    // With the build's answers the first worker waits for a job they cannot answer (the
    // prefetch is replayed to it); without them the data downloads while the engine starts.
    if (!this.slots.length) {
      if (!this.engineHeld) this.addWorker();
    } else for (const slot of this.slots) slot.worker.postMessage(message);
  }

  /** How many jobs were asked for so far. */
  get jobsQueued(): number {
    return this.nextId - 1;
  }

  /** Whether a job is running or waiting. */
  get busy(): boolean {
    return this.slots.some((s) => s.active !== null) || this.queue.length > 0;
  }

  /** The Workers running a job now, in the pool's order (for the page's test hooks). */
  get runningWorkers(): WorkerLike[] {
    return this.slots.filter((s) => s.active !== null).map((s) => s.worker);
  }

  /** How many Workers the pool has now. */
  get workersAlive(): number {
    return this.slots.length;
  }

  /** Resolves as soon as no job is running or waiting (at once if none is). */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    const jobs = [...this.queue, ...this.slots.flatMap((s) => (s.active ? [s.active] : []))];
    this.queue.length = 0;
    for (const slot of [...this.slots]) this.dropWorker(slot);
    for (const job of jobs) this.finish(job).reject(abortError());
    this.pump();  // nothing left: whoever waits for idle may go on
  }

  private enqueue(request: JobRequest, onProgress?: (p: Progress) => void, signal?: AbortSignal, priority: JobPriority = 'normal'): Promise<EngineResponse> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, priority, request, onProgress, resolve, reject, detach: () => undefined };
      if (signal) {
        const onAbort = () => this.cancel(job);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Starts queued jobs on idle Workers (adding Workers up to poolSize) until none can start. */
  private pump(): void {
    if (!this.busy) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    while (this.queue.length && !(this.engineHeld && !this.slots.length)) {
      const next = this.queue.findIndex((j) => j.priority === 'normal');
      // Only a learner's run starts another worker (the first job starts the first). A call or
      // a run's plan takes milliseconds, less than a new worker needs to instantiate the engine
      // (~100 ms at a page's start-up, competing with the page), and a background job (the
      // warm-up, a file check) can wait: they take the next idle worker.
      // (With the build's answers the first job may be a background one: the warm-up.)
      const grows = this.slots.length === 0 || (next >= 0 && isRun(this.queue[next].request));
      const slot = this.slots.find((s) => s.active === null)
        ?? (grows && this.slots.length < this.poolSize ? this.addWorker() : null);
      if (!slot) return;
      if (next < 0 && !this.backgroundTurn) {
        this.backgroundTimer ??= setTimeout(() => {
          this.backgroundTimer = undefined;
          this.backgroundTurn = true;
          this.pump();
          this.backgroundTurn = false;
        });
        return;
      }
      const job = this.queue.splice(next >= 0 ? next : 0, 1)[0];
      slot.active = job;
      slot.worker.postMessage({ ...job.request, id: job.id } as WorkerRequest);
    }
  }

  private addWorker(): Slot {
    const worker = this.options.createWorker();
    const slot: Slot = { worker, active: null };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.workerFailed(slot, event.message || 'the engine worker failed to start');
    };
    const fromPage = !this.compiled && this.pageModule !== null;
    const lifeLock = this.options.whenReleased ? `${this.lockPrefix}-${this.workersStarted}` : undefined;
    worker.onmessage = (event) => {
      if (event.data.type === 'alive' && lifeLock) this.watch(slot, lifeLock);
      else this.receive(slot, event.data);
    };
    worker.postMessage({ type: 'init', engineUrl: this.options.engineUrl, wasmUrl: this.options.wasmUrl, module: this.compiled, moduleFromPage: fromPage, lifeLock });
    if (fromPage) {
      void this.pageModule!.then((module) => {
        if (module) this.compiled ??= module;
        worker.postMessage({ type: 'module', module });
      });
    }
    for (const prefetch of this.prefetches.slice(-4)) worker.postMessage(prefetch);
    this.slots.push(slot);
    this.workersStarted++;
    return slot;
  }

  /** The worker holds its life lock: once the lock is free, the worker is gone. */
  private watch(slot: Slot, lifeLock: string): void {
    void this.options.whenReleased!(lifeLock).then(() =>
      this.workerFailed(slot, workerStoppedMessage('its worker ended: it was closed or ran out of memory'), 'worker'));
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if (!this.slots.includes(slot)) return;  // a terminated worker's last words
    if (message.type === 'compiled') {
      this.compiled = message.module;
    } else if (message.type === 'progress') {
      for (const step of message.steps) {
        const job = slot.active;
        if (job?.id !== message.id) return;  // (a listener may cancel the job)
        try {
          job.onProgress?.(step);
        } catch (e) {
          console.warn('progress listener failed', e);
        }
      }
    } else if (message.type === 'done') {
      if (slot.active?.id !== message.id) return;
      const job = slot.active;
      slot.active = null;
      this.lastMemoryBytes = message.memoryBytes ?? this.lastMemoryBytes;
      if (message.broken) {
        this.dropWorker(slot);
      } else if ((message.memoryBytes ?? 0) > RECYCLE_WORKER_ABOVE_BYTES) {
        this.dropWorker(slot);  // the next job gets a fresh instance (from the compiled module)
        this.workersRecycled++;
      }
      this.finish(job).resolve(message.response);
      this.pump();
    }
  }

  private cancel(job: Job): void {
    const slot = this.slots.find((s) => s.active === job);
    if (slot) {
      slot.active = null;
      this.dropWorker(slot);
    } else {
      const index = this.queue.indexOf(job);
      if (index < 0) return;
      this.queue.splice(index, 1);
    }
    this.finish(job).reject(abortError());
    this.pump();
  }

  private workerFailed(slot: Slot, message: string, kind = 'engine'): void {
    if (!this.slots.includes(slot)) return;
    this.dropWorker(slot);
    const job = slot.active;
    slot.active = null;
    if (job) this.finish(job).reject(new EngineError({ kind, message }));
    this.pump();
  }

  private dropWorker(slot: Slot): void {
    slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private finish(job: Job): Job {
    job.detach();
    return job;
  }
}

/**
 * One widget's runs: starting a new run cancels the one before it, so moving a slider quickly
 * only ever computes the latest setting.
 */
export class LatestRun {
  private controller: AbortController | null = null;

  constructor(private readonly client: Pick<EngineClient, 'run'>) {}

  run(spec: string | object, options: Omit<RunOptions, 'signal'>): Promise<ExperimentResult> {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    return this.client.run(spec, { ...options, signal: controller.signal }).finally(() => {
      if (this.controller === controller) this.controller = null;
    });
  }

  /** Cancels the run in flight, if any. */
  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }

  get running(): boolean {
    return this.controller !== null;
  }
}
