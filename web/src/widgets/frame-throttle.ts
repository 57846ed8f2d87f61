// Screen updates for things that change faster than frames (a run's steps, streamed epochs,
// variants as they finish): the work runs at an animation frame, at most once per frame and no
// sooner than `spacing` ms after its last run; requests in between coalesce into that one run.
// Every FrameThrottle of the page shares one frame budget: a frame runs queued work until
// FRAME_BUDGET_MS have passed and leaves the rest to the next frame, so several charts
// updating at once (a panel's curves, the progress bar, the explorer's scatter and table) are
// drawn over a few frames instead of in one long task (on a slow CPU, a 200 ms one: tools/lab
// bench case 6 with the CPU throttled 4x).
export class FrameThrottle {
  private queued = false;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private last = -Infinity;

  constructor(private readonly work: () => void, private readonly spacing = 0) {}

  /** Asks for a run (`spacing` overrides the default for this request). */
  request(spacing = this.spacing): void {
    if (this.queued || this.timer) return;
    const wait = this.last + spacing - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.request(0);
      }, wait);
      return;
    }
    this.queued = true;
    enqueue(this);
  }

  /** Drops a requested run that has not happened yet. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = 0;
    if (this.queued) {
      this.queued = false;
      dequeue(this);
    }
  }

  /** Called by the frame scheduler below. */
  run(): void {
    if (!this.queued) return;
    this.queued = false;
    this.last = performance.now();
    this.work();
  }
}

/** A frame's share of main-thread work for FrameThrottles (ms): the rest waits a frame. At
 *  least one queued update runs per frame, however long it takes. */
export const FRAME_BUDGET_MS = 8;

const pending: FrameThrottle[] = [];
let frame = 0;

function enqueue(throttle: FrameThrottle): void {
  pending.push(throttle);
  frame ||= requestAnimationFrame(runFrame);
}

function dequeue(throttle: FrameThrottle): void {
  const index = pending.indexOf(throttle);
  if (index >= 0) pending.splice(index, 1);
}

function runFrame(): void {
  frame = 0;
  const started = performance.now();
  while (pending.length) {
    const next = pending.shift()!;
    try {
      next.run();
    } catch (e) {
      reportError(e);  // as an uncaught error in its own frame would be; the others still run
    }
    if (pending.length && performance.now() - started >= FRAME_BUDGET_MS) {
      frame = requestAnimationFrame(runFrame);
      return;
    }
  }
}

/** Least time between two redraws of something streaming in (ms): ten a second show it growing
 *  and leave the main thread, and the core it shares with the browser's painting, mostly free. */
export const STREAM_REDRAW_MS = 100;
