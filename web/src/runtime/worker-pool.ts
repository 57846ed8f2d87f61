// Which job runs on which engine Worker, and when. A pool of up to `size` Workers runs one job
// each; the rest wait in a queue (background jobs, such as checking a widget file or the
// warm-up, after every other one, so they never delay a learner's run). A busy worker cannot
// read messages (the engine only checks for cancel through its progress callback's return
// value), so cancelling the running job terminates the worker; the next job gets a fresh one.
// (A SharedArrayBuffer flag would need cross-origin isolation, which blocks the video embed.)
// How a worker starts, is watched and is retired: worker-lifecycle.ts.
import { EngineError, type EngineResponse, type Progress } from './engine-api.ts';
import type { CallRequest, RunRequest, WorkerRequest } from './protocol.ts';
import type { JobMessage, WorkerLauncher, WorkerLike } from './worker-lifecycle.ts';

/** The most engine Workers a page runs, whatever the machine's core count: each holds its own
 *  wasm memory (32 MiB at least), and the splittable runs have 6 pieces (a path and 5 folds). */
export const MAX_ENGINE_WORKERS = 4;

/** The pool size for a machine with `cores` logical cores and an optional requested count
 *  (`?lab-workers=N` on the page): at least 1, at most MAX_ENGINE_WORKERS. */
export function poolSize(cores: number | undefined, requested?: number): number {
  const wanted = requested !== undefined && Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : cores ?? 1;
  return Math.max(1, Math.min(MAX_ENGINE_WORKERS, wanted));
}

export const abortError = (): DOMException => new DOMException('The run was cancelled', 'AbortError');
export const isAbortError = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** What a job asks a worker (the pool numbers it). */
export type JobRequest = Omit<RunRequest, 'id'> | Omit<CallRequest, 'id'>;

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

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleWaiters: (() => void)[] = [];
  private backgroundTimer: ReturnType<typeof setTimeout> | undefined;
  private backgroundTurn = false;
  /** While held, the pool starts no first worker (the build's answers serve the page; see
   *  EngineClient.useAnswers); jobs wait in the queue. */
  private held = false;

  constructor(private readonly launcher: WorkerLauncher, readonly size: number) {}

  /** Queues a job; resolves with the worker's answer, rejects with AbortError or EngineError
   *  (the worker died or failed to start). */
  enqueue(request: JobRequest, onProgress?: (p: Progress) => void, signal?: AbortSignal, priority: JobPriority = 'normal'): Promise<EngineResponse> {
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

  /** Holds back the first worker (true) or not (false), from the next job on. */
  hold(held: boolean): void {
    this.held = held;
  }

  /** Lets the first worker start now, if it was held back. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.pump();
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Starts workers until the pool has `count` (at most its size). */
  grow(count: number): void {
    while (this.slots.length < Math.min(count, this.size)) this.addWorker();
  }

  /** Sends a message every worker handles at once, beside its job (a prefetch). */
  broadcast(message: WorkerRequest): void {
    for (const slot of this.slots) slot.worker.postMessage(message);
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

  /** Ends the workers that run no job (all of them when the pool is idle); jobs are kept. */
  endIdleWorkers(): void {
    for (const slot of this.slots.filter((s) => s.active === null)) this.dropWorker(slot);
  }

  /** Ends every worker; every job running or waiting rejects with AbortError. */
  dispose(): void {
    const jobs = [...this.queue, ...this.slots.flatMap((s) => (s.active ? [s.active] : []))];
    this.queue.length = 0;
    for (const slot of [...this.slots]) this.dropWorker(slot);
    for (const job of jobs) this.finish(job).reject(abortError());
    this.pump();  // nothing left: whoever waits for idle may go on
  }

  /** Starts queued jobs on idle Workers (adding Workers up to size) until none can start. */
  private pump(): void {
    if (!this.busy) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    while (this.queue.length && !(this.held && !this.slots.length)) {
      const next = this.queue.findIndex((j) => j.priority === 'normal');
      // Only a learner's run starts another worker (the first job starts the first). A call or
      // a run's plan takes milliseconds, less than a new worker needs to instantiate the engine
      // (~100 ms at a page's start-up, competing with the page), and a background job (the
      // warm-up, a file check) can wait: they take the next idle worker.
      // (With the build's answers the first job may be a background one: the warm-up.)
      const grows = this.slots.length === 0 || (next >= 0 && isRun(this.queue[next].request));
      const slot = this.slots.find((s) => s.active === null)
        ?? (grows && this.slots.length < this.size ? this.addWorker() : null);
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
    const slot: Slot = {
      active: null,
      // (The worker's events come later, in tasks of their own, when `slot` is set.)
      worker: this.launcher.launch({
        job: (message) => this.receive(slot, message),
        failed: (message, kind) => this.workerFailed(slot, message, kind),
      }),
    };
    this.slots.push(slot);
    return slot;
  }

  private receive(slot: Slot, message: JobMessage): void {
    if (!this.slots.includes(slot)) return;  // a terminated worker's last words
    if (message.type === 'progress') {
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
      if (this.launcher.retiresAfter(message)) this.dropWorker(slot);
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

  private workerFailed(slot: Slot, message: string, kind: string): void {
    if (!this.slots.includes(slot)) return;
    this.dropWorker(slot);
    const job = slot.active;
    slot.active = null;
    if (job) this.finish(job).reject(new EngineError({ kind, message }));
    this.pump();
  }

  private dropWorker(slot: Slot): void {
    this.launcher.end(slot.worker);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private finish(job: Job): Job {
    job.detach();
    return job;
  }
}
