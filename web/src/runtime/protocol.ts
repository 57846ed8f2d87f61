// Messages between the page (EngineClient) and the module Worker (engine-worker.ts).
// One job runs at a time in a worker; the client queues the rest and cancels by terminating.
import type { EngineResponse, Progress } from './engine-api.ts';

export type EngineCall =
  | 'parseLesson' | 'parseCatalog' | 'validateWidget' | 'options' | 'optionPaths' | 'experimentSpecs' | 'previewCsv' | 'widgetVocabulary' | 'version'
  /** Per task kind its metrics, main score and CV metric, and the model a task uses in place of another. */
  | 'taskVocabulary'
  /** A trade-off result's rows ranked against a learner's budget: args [variants JSON, budget JSON]. */
  | 'rankBudget'
  /** A small run through the first run's code paths (warm-up.ts): {ok, ms}. */
  | 'warmUp';

export interface InitRequest {
  type: 'init';
  engineUrl: string;
  wasmUrl: string;
  /** Compiled once by the first worker (or the page) and handed to its successors. */
  module?: WebAssembly.Module;
  /** The page is compiling engine.wasm and will send the module (or null: compile it here). */
  moduleFromPage?: boolean;
  /** A Web Lock the worker holds for as long as it lives (see WorkerLauncher's death watch, worker-lifecycle.ts). */
  lifeLock?: string;
}

/** The page's compiled engine.wasm for a worker started with `moduleFromPage`. */
export interface ModuleRequest {
  type: 'module';
  module: WebAssembly.Module | null;
}

export interface RunRequest {
  type: 'run';
  id: number;
  specText: string;
  /** URL of the spec (widget JSON); the dataset CSV path resolves against it. */
  baseUrl: string;
  /** Origins dataset CSVs may come from: the page's own plus the embedder's allow-list. */
  allowOrigins: string[];
  /** Files the caller already has (e.g. a learner's own CSV), keyed like spec.dataset.csv. */
  files?: Record<string, string>;
  /** Runs only these experiments of the spec, each with a learner's values ({option.path:
   *  value}); the worker has the engine build that spec (runSpec) in the same job. */
  experiments?: Record<string, Record<string, unknown>>;
  /** The spec's own single run with a learner's values (experimentSpec with no name). */
  values?: Record<string, unknown>;
  /** Export this trade-off variant instead of answering the result: the worker reruns the
   *  (seeded) spec, builds the variant's ONNX model and answers {ok, name, format, onnx}. */
  exportVariant?: string;
  /** One step of a run split across the pool's workers (engine/include/lab/work_share.hpp):
   *  this worker's share of the pieces (answers {ok, pieces}), or the merge of every share's
   *  pieces (answers {ok, result}, the one-worker run's result). */
  share?: { instance: number; instances: number } | { pieces: Record<string, unknown> };
  /** Plan the run instead of running it: answers {ok, pieces, dataBytes}, how many pieces it
   *  splits into (0: run it whole) and the size of its data files (fetched as a run would). */
  plan?: boolean;
}

export interface CallRequest {
  type: 'call';
  id: number;
  fn: EngineCall;
  args: string[];
}

/** Fetches a spec's dataset CSVs into the worker's cache ahead of its first run (no answer;
 *  the worker handles it at once, even while the engine is still loading). */
export interface PrefetchRequest {
  type: 'prefetch';
  specText: string;
  baseUrl: string;
  allowOrigins: string[];
}

export type WorkerRequest = InitRequest | RunRequest | CallRequest | PrefetchRequest | ModuleRequest;

export type WorkerMessage =
  | { type: 'compiled'; module: WebAssembly.Module }
  /** The worker holds its life lock: the page may now wait for that lock to be released. */
  | { type: 'alive' }
  /** Steps of the running job, in order (several at once when they come faster than a frame). */
  | { type: 'progress'; id: number; steps: Progress[] }
  /** `broken`: the engine failed to load or trapped; the client replaces this worker. */
  /** `memoryBytes`: the engine's wasm memory after the job (it never shrinks; the client
   *  replaces a worker whose memory grew past RECYCLE_WORKER_ABOVE_BYTES). */
  | { type: 'done'; id: number; response: EngineResponse; broken?: boolean; memoryBytes?: number };
