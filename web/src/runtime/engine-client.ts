// The page's handle on the engine: a promise per job, progress callbacks, cancellation. Widgets,
// pages and the worker's callers ask this facade only; it puts the runtime's pieces together,
// each in a file of its own:
//   worker-pool.ts       which job runs on which Worker, and when (queue, priorities, cancel)
//   worker-lifecycle.ts  how a Worker starts (one compile for all), is watched and is retired
//   split-run.ts         a path + CV run as shares on several workers, merged to the same bits
//   answer-book.ts       the site build's recorded answers: which requests they serve
//   warm-up.ts           the engine's warm-up job (EngineClient.warmUp queues it)
import { BuildAnswers, type AnswerBook, type AnswerRecorder, type RunOrigin, resultOf } from './answer-book.ts';
import { EngineError, type EngineResponse, type ExperimentResult, type Progress } from './engine-api.ts';
import type { EngineCall, RunRequest, WorkerRequest } from './protocol.ts';
import { SPLIT_MIN_DATA_BYTES, SplitRunner } from './split-run.ts';
import { WorkerLauncher, type WorkerLaunchOptions, type WorkerLike } from './worker-lifecycle.ts';
import { type JobPriority, WorkerPool, poolSize } from './worker-pool.ts';

export { SPLIT_MIN_DATA_BYTES } from './split-run.ts';
export { type WorkerLike } from './worker-lifecycle.ts';
export { MAX_ENGINE_WORKERS, type JobPriority, abortError, isAbortError, poolSize } from './worker-pool.ts';

/** A worker whose wasm memory grew past this is replaced after its job, so the memory returns to
 *  the browser (docs/limits.md; the engine refuses runs estimated above its 1 GiB ceiling).
 *  (tools/gen_docs.mjs reads the figure from this file for docs/limits.md.) */
export const RECYCLE_WORKER_ABOVE_BYTES = 256 * 2 ** 20;

export interface EngineClientOptions extends Omit<WorkerLaunchOptions, 'recycleAboveBytes'> {
  /** How many Workers the pool may run at once (default 1; see poolSize). */
  workers?: number;
  /** Runs on less data than this (bytes of CSV text) are not split (default SPLIT_MIN_DATA_BYTES). */
  splitMinDataBytes?: number;
}

export interface RunOptions extends RunOrigin {
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
  // And (RunOrigin) who started the run: a run the page started (`byPage`) whose result does not
  // measure the device may be answered by the build (answer-book.ts); while the page shows its
  // first results from the build's answers, a run the page started waits for the engine to
  // start (releaseEngine) instead of starting it.
  /** Called when the build's answer served the run (the engine did not run it). */
  onAnsweredFromBuild?: () => void;
}

/** How long after a widget has loaded the engine warms up (warm-up.ts): after the page's
 *  start-up calls and any run started on load, before a reader scrolls to a widget. */
const WARM_UP_AFTER_MS = 1000;

/** How long the pool keeps its workers once the page's last widget is gone (EngineClient.attach):
 *  a widget moved, or a page swapped in by a site's instant navigation, takes them over at once;
 *  a page whose widgets are really gone (a notebook cell cleared, an anywidget unmounted) holds
 *  no worker and no timer after it. */
export const RELEASE_WORKERS_AFTER_MS = 1000;

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
  private readonly launcher: WorkerLauncher;
  private readonly pool: WorkerPool;
  /** Null with a pool of one: nothing to split across. */
  private readonly splits: SplitRunner | null;
  private readonly answers = new BuildAnswers();
  /** Whether the engine's warm-up (warm-up.ts) was queued. */
  private warmed = false;
  /** Warm-ups asked for and not yet queued (warmUpWhenIdle): dropped when the workers are released. */
  private readonly warmUpWaits = new Set<() => void>();
  /** Widgets using the engine now (attach), and the pending release of the workers at none. */
  private users = 0;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Times the workers were ended because no widget was left (for the tests). */
  workersReleased = 0;

  constructor(options: EngineClientOptions) {
    this.launcher = new WorkerLauncher({ ...options, recycleAboveBytes: RECYCLE_WORKER_ABOVE_BYTES });
    this.pool = new WorkerPool(this.launcher, poolSize(options.workers ?? 1));
    this.splits = this.pool.size > 1 ? new SplitRunner(this.pool, options.splitMinDataBytes ?? SPLIT_MIN_DATA_BYTES) : null;
  }

  /**
   * Lets the build's recorded answers serve the calls and first runs they hold. The first
   * worker then waits for releaseEngine: a learner's request (a run or a call the answers do
   * not hold), the warm-up, or the page's first result shown from them (resultShown). The page
   * shows that result without engine.wasm, and a widget that needs the engine at once (one
   * timing the device) does not take the network and the cores from it on a slow machine.
   */
  useAnswers(book: AnswerBook | null): void {
    this.pool.hold(this.answers.use(book));
  }

  /** Lets the first worker start (see useAnswers); without answers it never waits. */
  releaseEngine(): void {
    this.pool.release();
  }

  /** A widget's result is on screen: if the build's answers served it, the engine may start. */
  resultShown(result: ExperimentResult): void {
    if (this.answers.isServed(result)) this.releaseEngine();
  }

  /** Keeps every answer the build may record (`?lab-record-answers`, web/scripts/record-answers.mjs). */
  recordAnswers(recorder: AnswerRecorder): void {
    this.answers.record(recorder);
  }

  /** Runs an experiment spec; resolves with its result, rejects with EngineError or AbortError. */
  async run(spec: string | object, options: RunOptions): Promise<ExperimentResult> {
    const request = { ...runRequest(spec, options), experiments: options.experiments, values: options.values };
    const key = this.answers.runKey(request, options);
    const recorded = this.answers.mayAnswer(key) ? await this.answers.answerRun(key, options.signal) : undefined;
    if (recorded) {
      options.onAnsweredFromBuild?.();
      return recorded;
    }
    if (!options.byPage) this.releaseEngine();  // a learner is waiting for it
    const response = (this.splits ? await this.splits.run(request, options.onProgress, options.signal) : null)
      ?? await this.pool.enqueue(request, options.onProgress, options.signal);
    this.answers.keep(key, response);
    if (!response.ok) throw new EngineError(response.error);
    return resultOf(response);
  }

  /** A trade-off variant's deployed model as ONNX bytes: the worker reruns the seeded spec with
   *  that variant exported (the model the widget's numbers describe) and builds the graph. */
  async exportOnnx(spec: string | object, variant: string, options: RunOptions): Promise<{ name: string; format: string; onnx: Uint8Array }> {
    const request = { ...runRequest(spec, options), exportVariant: variant };
    const response = await this.pool.enqueue(request, options.onProgress, options.signal);
    if (!response.ok) throw new EngineError(response.error);
    return response as unknown as { name: string; format: string; onnx: Uint8Array };
  }

  /** Calls one of the engine's other functions; resolves with its whole answer, ok or not. */
  call(fn: EngineCall, args: string[] = [], signal?: AbortSignal, priority: JobPriority = 'normal'): Promise<EngineResponse> {
    const key = this.answers.callKey(fn, args);
    // Without a book that may answer it, the call goes to the engine in this very turn.
    if (this.answers.mayAnswer(key)) return this.answers.answerCall(key, signal).then((recorded) => recorded ?? this.compute(fn, args, key, signal, priority));
    return this.compute(fn, args, key, signal, priority);
  }

  /** A call the build's answers did not serve: the engine's answer (kept when recording). */
  private compute(fn: EngineCall, args: string[], key: string | null, signal: AbortSignal | undefined, priority: JobPriority): Promise<EngineResponse> {
    if (priority === 'normal') this.releaseEngine();
    const answer = this.pool.enqueue({ type: 'call', fn, args }, undefined, signal, priority);
    if (this.answers.recording) void answer.then((a) => this.answers.keep(key, a), () => undefined);
    return answer;
  }

  /**
   * Starts the worker and the engine's download and compile now, ahead of the first job.
   * `compileHere`: the page compiles engine.wasm itself (off its main thread, as the browser
   * compiles wasm) and hands the module to the worker, so the download and compile do not wait
   * for the worker to start; only for pages whose CSP allows 'wasm-unsafe-eval'.
   */
  start({ compileHere = false }: { compileHere?: boolean } = {}): void {
    if (this.pool.workersAlive) return;
    if (compileHere) this.launcher.compileOnPage();
    this.pool.grow(1);
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

  /** A widget has loaded: a second later, when the page is idle (its widgets loaded, a run
   *  started on load already queued), the engine warms up for a reader's first run (warmUp). */
  warmUpWhenIdle(): void {
    if (this.warmed) return;
    const g = globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };
    let idle: number | undefined;
    const drop = () => {
      clearTimeout(timer);
      if (idle !== undefined) g.cancelIdleCallback?.(idle);
      this.warmUpWaits.delete(drop);
    };
    const warm = () => { drop(); this.warmUp(); };
    const timer = setTimeout(() => {
      if (g.requestIdleCallback) idle = g.requestIdleCallback(warm, { timeout: 2000 });
      else warm();
    }, WARM_UP_AFTER_MS);
    this.warmUpWaits.add(drop);
  }

  /**
   * A widget on the page uses the engine from now on; call the returned function (once or more:
   * only the first counts) when it is gone. When none is left, no warm-up waits any more, and
   * after RELEASE_WORKERS_AFTER_MS with none back the workers end (a job still running finishes
   * first); the next
   * widget starts them again from the module compiled the first time. A page that never
   * attaches (the lesson page's own calls) keeps its workers.
   */
  attach(): () => void {
    this.users++;
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      if (--this.users > 0) return;
      for (const drop of [...this.warmUpWaits]) drop();  // no widget left to warm up for
      this.releaseTimer = setTimeout(() => void this.releaseWorkers(), RELEASE_WORKERS_AFTER_MS);
    };
  }

  /** Widgets attached now (attach). */
  get attached(): number {
    return this.users;
  }

  private async releaseWorkers(): Promise<void> {
    this.releaseTimer = undefined;
    await this.pool.whenIdle();  // an export or a file check in flight ends first
    if (this.users > 0 || this.releaseTimer !== undefined || !this.pool.workersAlive) return;
    this.pool.endIdleWorkers();
    this.workersReleased++;
  }

  /** Has the workers fetch the spec's dataset CSVs now, so that their first run finds them. */
  prefetch(spec: string | object, options: Pick<RunOptions, 'baseUrl' | 'allowOrigins'>): void {
    const message: WorkerRequest = {
      type: 'prefetch',
      specText: typeof spec === 'string' ? spec : JSON.stringify(spec),
      baseUrl: options.baseUrl,
      allowOrigins: options.allowOrigins ?? [],
    };
    this.launcher.rememberPrefetch(message);
    // With the build's answers the first worker waits for a job they cannot answer (the
    // prefetch is replayed to it); without them the data downloads while the engine starts.
    if (!this.pool.workersAlive) {
      if (!this.pool.isHeld) this.pool.grow(1);
    } else this.pool.broadcast(message);
  }

  /** How many Workers may run at once. */
  get poolSize(): number {
    return this.pool.size;
  }

  // Counters, for the tests and the page's test hooks (browser-engine.ts).
  /** How many workers were started so far (the first, plus one per cancel, crash, recycle or
   *  pool worker added). */
  get workersStarted(): number {
    return this.launcher.started;
  }

  /** Workers replaced because their memory grew past RECYCLE_WORKER_ABOVE_BYTES. */
  get workersRecycled(): number {
    return this.launcher.recycled;
  }

  /** The wasm memory of the worker that answered the last job (0 before any). */
  get lastMemoryBytes(): number {
    return this.launcher.lastMemoryBytes;
  }

  /** Runs split across the pool so far. */
  get splitRuns(): number {
    return this.splits?.splitRuns ?? 0;
  }

  /** Jobs answered from the build's answers, not by the engine. */
  get answeredFromBuild(): number {
    return this.answers.served;
  }

  /** How many jobs were asked for so far. */
  get jobsQueued(): number {
    return this.pool.jobsQueued;
  }

  /** Whether a job is running or waiting. */
  get busy(): boolean {
    return this.pool.busy;
  }

  /** The Workers running a job now, in the pool's order (for the page's test hooks). */
  get runningWorkers(): WorkerLike[] {
    return this.pool.runningWorkers;
  }

  /** How many Workers the pool has now. */
  get workersAlive(): number {
    return this.pool.workersAlive;
  }

  /** Resolves as soon as no job is running or waiting (at once if none is). */
  whenIdle(): Promise<void> {
    return this.pool.whenIdle();
  }

  dispose(): void {
    this.pool.dispose();
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
