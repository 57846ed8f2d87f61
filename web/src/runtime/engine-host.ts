// The worker's side of the protocol, free of Worker globals so Node tests can drive it with a
// fake engine: loads the engine once, fetches dataset CSVs, runs one request at a time.
import { AUTHORING_CALLS, type AuthoringModule, type EngineFiles, type EngineModule, type EngineResponse, type Progress, parseEngineAnswer, workerStoppedMessage } from './engine-api.ts';
import { FileNotFound, datasetPaths, missingFileMessage, resolveDatasetUrl } from './dataset-files.ts';
import type { CallRequest, InitRequest, PrefetchRequest, RunRequest, WorkerMessage, WorkerRequest } from './protocol.ts';
import { warmUp } from './warm-up.ts';

export interface HostEnvironment {
  post(message: WorkerMessage): void;
  /** The text at `url`; rejects with FileNotFound when the server has no such file. */
  fetchText(url: URL): Promise<string>;
  /** Instantiates the engine; returns the compiled module when it compiled one itself. */
  loadEngine(init: InitRequest): Promise<{ engine: EngineModule; compiled?: WebAssembly.Module }>;
  /** The authoring module (engine-authoring.mjs), instantiated on the first lesson or catalog
   *  call; absent: the engine answers those calls itself (a test's fake engine). */
  loadAuthoring?(): Promise<AuthoringModule>;
  /** A trade-off variant's ONNX model from the engine's model parts (web/src/export/onnx-model.ts,
   *  loaded only when a learner exports); absent where exporting is not offered. */
  buildOnnx?(exported: unknown, name: string): Promise<Uint8Array>;
}

/** Least time between two progress messages of a run (ms): about a frame. */
export const PROGRESS_BATCH_MS = 16;

const failure = (kind: string, message: string, field = ''): EngineResponse =>
  ({ ok: false, error: { kind, message, field } });

export class EngineHost {
  private engine: Promise<EngineModule> | null = null;
  private authoringModule: Promise<AuthoringModule> | null = null;
  private readonly csvBytes = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly env: HostEnvironment) {}

  async handle(request: WorkerRequest): Promise<void> {
    if (request.type === 'init') {
      this.engine = this.env.loadEngine(request).then(({ engine, compiled }) => {
        if (compiled) this.env.post({ type: 'compiled', module: compiled });
        return engine;
      });
      this.engine.catch(() => undefined);  // reported to each request that waits for it
      return;
    }
    if (request.type === 'prefetch') {
      this.prefetch(request);
      return;
    }
    if (request.type === 'module') return;  // the worker's loadEngine takes it
    let engine: EngineModule;
    try {
      if (!this.engine) throw new Error('worker not initialized');
      engine = await this.engine;
    } catch (e) {
      const message = `the engine could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      this.env.post({ type: 'done', id: request.id, response: failure('engine', message), broken: true });
      return;
    }
    try {
      const response = request.type === 'run' ? await this.run(engine, request) : await this.call(engine, request);
      this.env.post({ type: 'done', id: request.id, response, memoryBytes: engine.HEAP8?.buffer.byteLength });
    } catch (e) {
      // A JS exception out of the engine (a trap, or a C++ exception as a bare number) leaves
      // the module in an unknown state: answer, then let the client start a fresh worker.
      const message = e instanceof Error ? e.message : `engine exception ${String(e)}`;
      this.env.post({ type: 'done', id: request.id, response: failure('worker', workerStoppedMessage(message)), broken: true });
    }
  }

  /** The spec a request runs: with a learner's values, the engine builds it here, in the same
   *  job; or the engine's answer saying why it cannot. */
  private buildSpec(engine: EngineModule, specText: string, experiments?: unknown, values?: unknown): string | EngineResponse {
    const built = experiments ? engine.runSpec(specText, JSON.stringify(experiments))
      : values ? engine.experimentSpec(specText, '', JSON.stringify(values)) : null;
    if (built === null) return specText;
    const answer = parseEngineAnswer(built);
    if (!answer.ok) return answer;
    return JSON.stringify((answer as { spec?: unknown }).spec);
  }

  private async run(engine: EngineModule, request: RunRequest): Promise<EngineResponse> {
    const specText = this.buildSpec(engine, request.specText, request.experiments, request.values);
    if (typeof specText !== 'string') return specText;
    let spec: unknown;
    try {
      spec = JSON.parse(specText);
    } catch (e) {
      return failure('input', `invalid JSON: ${(e as Error).message}`, 'spec');
    }
    const files: EngineFiles = { ...request.files };
    try {
      for (const path of datasetPaths(spec)) {
        if (path in files) continue;
        const url = resolveDatasetUrl(path, request.baseUrl, request.allowOrigins);
        try {
          files[path] = await this.fetchCsvBytes(url);
        } catch (e) {
          if (e instanceof FileNotFound) return failure('fetch', missingFileMessage(path, url), 'dataset.csv');
          throw e;
        }
      }
    } catch (e) {
      return failure('fetch', (e as Error).message, 'dataset.csv');
    }
    if (request.plan) {
      const planned = parseEngineAnswer(engine.countPieces(specText));
      const dataBytes = Object.values(files).reduce((sum, file) => sum + (typeof file === 'string' ? file.length : file.byteLength), 0);
      return planned.ok ? { ...planned, dataBytes } : planned;
    }
    // Steps can come microseconds apart (an epoch of a small network): they go to the page in
    // batches, at most one message per PROGRESS_BATCH_MS (the first step and each stage's last
    // at once), so the page is not woken thousands of times a run.
    let batch: Progress[] = [];
    let sent = -Infinity;
    const flush = () => {
      if (!batch.length) return;
      this.env.post({ type: 'progress', id: request.id, steps: batch });
      batch = [];
      sent = performance.now();
    };
    const onProgress = (text: string): boolean => {
      try {
        const step = JSON.parse(text) as Progress;
        batch.push(step);
        if (performance.now() - sent >= PROGRESS_BATCH_MS || (step.total > 0 && step.done >= step.total)) flush();
      } catch {
        // a malformed progress line is not worth failing the run for
      }
      return true;  // cancellation is the client terminating this worker
    };
    try {
      if (request.exportVariant !== undefined) return await this.exportModel(engine, specText, files, request.exportVariant, onProgress);
      if (request.share) return parseEngineAnswer(engine.runShared(specText, files, JSON.stringify(request.share), onProgress));
      return parseEngineAnswer(engine.runExperiment(specText, files, onProgress));
    } finally {
      flush();  // before the answer
    }
  }

  /** The variant's deployed model as ONNX bytes: {ok, name, format, onnx}. */
  private async exportModel(engine: EngineModule, specText: string, files: EngineFiles, variant: string,
    onProgress: (text: string) => boolean): Promise<EngineResponse> {
    const answer = parseEngineAnswer(engine.exportVariant(specText, files, variant, onProgress));
    if (!answer.ok) return answer;
    if (!this.env.buildOnnx) return failure('engine', 'this engine worker cannot build ONNX models');
    const { name, format, export: exported } = answer as unknown as { name: string; format: string; export: unknown };
    try {
      return { ok: true, name, format, onnx: await this.env.buildOnnx(exported, name) };
    } catch (e) {
      return failure('input', e instanceof Error ? e.message : String(e), 'variants');
    }
  }

  /** Starts fetching the spec's CSVs; a failure is left for the run to report (and retry). */
  private prefetch(request: PrefetchRequest): void {
    try {
      for (const path of datasetPaths(JSON.parse(request.specText))) {
        this.fetchCsvBytes(resolveDatasetUrl(path, request.baseUrl, request.allowOrigins)).catch(() => undefined);
      }
    } catch {
      // not JSON, or a dataset path the run will refuse with its own message
    }
  }

  /** The authoring module, loaded once; a module that failed to load is tried again next call. */
  private authoring(engine: EngineModule): Promise<AuthoringModule> {
    if (!this.env.loadAuthoring) return Promise.resolve(engine as unknown as AuthoringModule);
    if (!this.authoringModule) {
      this.authoringModule = this.env.loadAuthoring();
      this.authoringModule.catch(() => { this.authoringModule = null; });
    }
    return this.authoringModule;
  }

  private async call(engine: EngineModule, request: CallRequest): Promise<EngineResponse> {
    const a = request.args;
    if ((AUTHORING_CALLS as readonly string[]).includes(request.fn)) {
      let authoring: AuthoringModule;
      try {
        authoring = await this.authoring(engine);
      } catch (e) {
        return failure('engine', `the lesson parser (engine-authoring.mjs) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (request.fn === 'parseLesson') return parseEngineAnswer(authoring.parseLesson(a[0] ?? '', a[1] ?? ''));
      return parseEngineAnswer(authoring.parseCatalog(a[0] ?? '', a[1] ?? ''));
    }
    switch (request.fn) {
      case 'validateWidget': return parseEngineAnswer(engine.validateWidget(a[0] ?? '', a[1] ?? ''));
      case 'options': return parseEngineAnswer(engine.options());
      case 'optionPaths': return parseEngineAnswer(engine.optionPaths(a[0] ?? '', a[1] ?? '[]'));
      case 'experimentSpecs': return parseEngineAnswer(engine.experimentSpecs(a[0] ?? '', a[1] ?? '[]'));
      case 'previewCsv': return parseEngineAnswer(engine.previewCsv(a[0] ?? '', a[1] ?? ''));
      case 'widgetVocabulary': return parseEngineAnswer(engine.widgetVocabulary());
      case 'taskVocabulary': return parseEngineAnswer(engine.taskVocabulary());
      case 'rankBudget': return parseEngineAnswer(engine.rankBudget(a[0] ?? '[]', a[1] ?? '{}'));
      case 'version': return { ok: true, version: engine.version() };
      case 'warmUp': return warmUp(engine);
      default: return failure('input', `unknown engine call '${String(request.fn)}'`);
    }
  }

  /** A fetched file as the engine reads it: UTF-8 bytes, encoded once (TextEncoder is native;
   *  the engine's own conversion of a string is a JS loop, ~15 ms per 3 MB on every run). */
  private fetchCsvBytes(url: URL): Promise<Uint8Array> {
    let bytes = this.csvBytes.get(url.href);
    if (!bytes) {
      bytes = this.env.fetchText(url).then((text) => new TextEncoder().encode(text));
      this.csvBytes.set(url.href, bytes);
      bytes.catch(() => this.csvBytes.delete(url.href));
    }
    return bytes;
  }
}
