// Screen updates for things that change faster than frames (a run's steps, streamed epochs,
// variants as they finish): the work runs at an animation frame, at most once per frame and no
// sooner than `spacing` ms after its last run; requests in between coalesce into that one run.
export class FrameThrottle {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private last = -Infinity;

  constructor(private readonly work: () => void, private readonly spacing = 0) {}

  /** Asks for a run (`spacing` overrides the default for this request). */
  request(spacing = this.spacing): void {
    if (this.frame || this.timer) return;
    const wait = this.last + spacing - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.request(0);
      }, wait);
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.last = performance.now();
      this.work();
    });
  }

  /** Drops a requested run that has not happened yet. */
  cancel(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
  }
}

/** Least time between two redraws of something streaming in (ms): ten a second show it growing
 *  and leave the main thread, and the core it shares with the browser's painting, mostly free. */
export const STREAM_REDRAW_MS = 100;
