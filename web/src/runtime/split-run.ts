// A run split across the pool's workers: plan, shares, merge. A run whose parts do not depend on
// each other (a regularization path and its cross-validation folds) is planned by one worker
// (how many pieces, how much data), computed as shares on several (`{instance, instances}`: the
// k-th piece belongs to worker k mod n) and merged by one, in a fixed order: the same numbers as
// on one worker, to the last bit (engine/include/lab/work_share.hpp). Anything that does not
// pay for the split (one piece, little data, a pool still starting) runs whole, as before.
import { type EngineResponse, type Progress } from './engine-api.ts';
import type { RunRequest } from './protocol.ts';
import { type JobRequest, abortError, isAbortError } from './worker-pool.ts';

/** A run is split across the pool only when its data files hold at least this many bytes: the
 *  shares each prepare the data and the merge adds a step, which a small run does not win back
 *  (measured in Chromium, tools/lab bench case 7: the lesson's 150 KB Titanic path + CV gains
 *  nothing on a warm page and loses on a cold one; 3.3 MB of 20,000 x 30 rows gains 1.7x). */
export const SPLIT_MIN_DATA_BYTES = 1 << 20;

/** The part of the pool a split run uses (worker-pool.ts; tests pass a fake). */
export interface SplitPool {
  readonly size: number;
  readonly workersAlive: number;
  grow(count: number): void;
  enqueue(request: JobRequest, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<EngineResponse>;
}

/** The shares' progress as one run's: each stage's steps are counted across the shares, so a
 *  bar never moves back; the experiments are left to the merge, which reports them. */
export function shareProgress(onProgress: ((p: Progress) => void) | undefined): ((p: Progress) => void) | undefined {
  if (!onProgress) return undefined;
  const steps = new Map<string, number>();
  return (p) => {
    if (p.stage === 'experiment') return;
    const seen = (steps.get(p.stage) ?? 0) + 1;
    steps.set(p.stage, seen);
    onProgress({ ...p, done: p.total > 0 ? ((seen - 1) % p.total) + 1 : seen });
  };
}

/**
 * What the shares' answers (each an answer, or what its job threw) come to: the pieces of every
 * share for the merge; or a share's refusal (the spec's error, as a whole run says it); else
 * the first thing thrown, an error before a cancel (a share stopped because another failed).
 */
export function mergeShares(shares: readonly unknown[]): { pieces: Record<string, unknown> } | { refused: EngineResponse } {
  const refused = shares.find((a) => (a as EngineResponse | undefined)?.ok === false);
  if (refused) return { refused: refused as EngineResponse };
  // A cancel is a DOMException, which is an Error too (in browsers and Node): the test for a
  // cancel comes first, or a share stopped because another failed would hide that failure.
  const thrown = shares.find((a) => (a instanceof Error || a instanceof DOMException) && !isAbortError(a))
    ?? shares.find((a) => isAbortError(a));
  if (thrown) throw thrown;
  const pieces: Record<string, unknown> = {};
  for (const answer of shares) Object.assign(pieces, (answer as { pieces?: Record<string, unknown> }).pieces);
  return { pieces };
}

export class SplitRunner {
  /** The data size each planned spec reported (a few). */
  private readonly dataBytesOf = new Map<string, number>();
  /** Runs split across the pool so far. */
  splitRuns = 0;

  constructor(private readonly pool: SplitPool, private readonly minDataBytes = SPLIT_MIN_DATA_BYTES) {}

  /**
   * The run split across the pool (null: it has fewer than two pieces or too little data, run it
   * whole): each worker computes its share of the pieces, then one worker merges them.
   */
  async run(request: Omit<RunRequest, 'id'>, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<EngineResponse | null> {
    // A rerun of a spec whose data was too small to split skips the plan (the data is the same:
    // the spec's text, where it is and the learner's files are).
    const dataKey = `${request.baseUrl}\n${Object.entries(request.files ?? {}).map(([k, v]) => `${k}:${v.length}`).join(',')}\n${request.specText}`;
    if ((this.dataBytesOf.get(dataKey) ?? Infinity) < this.minDataBytes) return null;
    const planned = await this.pool.enqueue({ ...request, plan: true }, undefined, signal);
    const pieces = planned.ok ? Number((planned as { pieces?: unknown }).pieces) : 0;
    const dataBytes = planned.ok ? Number((planned as { dataBytes?: unknown }).dataBytes) : 0;
    if (planned.ok) {
      if (this.dataBytesOf.size > 16) this.dataBytesOf.clear();
      this.dataBytesOf.set(dataKey, dataBytes);
    }
    // (A spec or data error: the whole run reports it in its own words.)
    if (!(pieces >= 2) || !(dataBytes >= this.minDataBytes)) return null;
    // A share waiting for a worker that is still starting would hold the run up (on the page's
    // first run, by more than the split gains): the run is split across the workers already
    // there, and the pool's missing workers start meanwhile, for the next run.
    const wanted = Math.min(this.pool.size, pieces);
    const started = this.pool.workersAlive;
    this.pool.grow(wanted);
    if (started < 2) return null;
    this.splitRuns++;
    const instances = Math.min(wanted, started);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const onShareProgress = shareProgress(onProgress);
    try {
      const shares = await Promise.all(Array.from({ length: instances }, (_, instance) =>
        this.pool.enqueue({ ...request, share: { instance, instances } }, onShareProgress, stop.signal).then((answer) => {
          if (!answer.ok) stop.abort();  // the other shares are not needed
          return answer;
        }, (e: unknown) => {
          stop.abort();
          return e;
        })));
      if (signal?.aborted) throw abortError();
      const merged = mergeShares(shares);
      if ('refused' in merged) return merged.refused;
      return await this.pool.enqueue({ ...request, share: { pieces: merged.pieces } }, onProgress, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
