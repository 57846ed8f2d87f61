// Types of the wasm modules' JS API (bindings/bindings.cpp: engine.mjs, what widgets run on;
// bindings/authoring.cpp: engine-authoring.mjs, lesson and catalog parsing) and of the JSON
// they return. Every call returns a JSON string: {"ok":true,...} or {"ok":false,"error":{...}}.

/** The embind functions of engine.mjs, as the factory `createEngine` resolves them. */
/** The data files a run reads, by the path its spec names: text, or its UTF-8 bytes. */
export type EngineFiles = Record<string, string | Uint8Array>;

export interface EngineModule {
  /** files: {path: text or UTF-8 bytes} (or {path: text} as JSON text); the object form skips a
   *  JSON round trip, and bytes the engine's UTF-8 conversion of a string (a JS loop). */
  runExperiment(spec: string, files: EngineFiles | string, onProgress?: (progressJson: string) => boolean): string;
  /** A trade-off run with one variant's deployed model for an ONNX exporter: {ok, name, format,
   *  export: {format, columns, parts, check}} (engine/src/export/model_parts.hpp). */
  exportVariant(spec: string, files: EngineFiles | string, variant: string, onProgress?: (progressJson: string) => boolean): string;
  /** One step of a run split across workers (engine/include/lab/work_share.hpp): share is
   *  {"instance": i, "instances": n} (answers {ok, pieces}) or {"pieces": {...}} (answers {ok, result}). */
  runShared(spec: string, files: EngineFiles | string, share: string, onProgress?: (progressJson: string) => boolean): string;
  /** How many pieces the spec's run splits into: {ok, pieces} (0: run it on one worker). */
  countPieces(spec: string): string;
  validateWidget(text: string, filename: string): string;
  options(): string;
  /** For each [path, experiment] of `requests` (JSON): the declaration the dotted option path
   *  names, following that experiment's model type, and where a spec holds its value. */
  optionPaths(spec: string, requests: string): string;
  /** The normalized spec of each experiment named in `names` (JSON list; "" is the spec's own). */
  experimentSpecs(spec: string, names: string): string;
  /** The normalized spec an experiment runs ("" for the spec's own), with {option.path: value}. */
  experimentSpec(spec: string, name: string, values: string): string;
  /** The spec that runs the named experiments, each with its values: {name: {option.path: value}}. */
  runSpec(spec: string, runs: string): string;
  /** The engine's strict reading of a CSV file: columns, kinds, target candidates, or the error. */
  previewCsv(text: string, filename: string): string;
  /** Widget types, chart kinds, trade-off metrics and budget keys. */
  widgetVocabulary(): string;
  /** Per task kind its metrics (label, direction, bounds), main score, loss and CV metric, and the
   *  model a task uses in place of another (lab/task_vocabulary.hpp): {ok, tasks, metrics, in_place_of}. */
  taskVocabulary(): string;
  /** A trade-off result's variant rows (JSON) ranked against a budget (JSON {limit: value}):
   *  {ok, best, ranking: [{rank, name, fits, misses: [{constraint, value, limit}]}]} (lab/budget_ranking.hpp). */
  rankBudget(variants: string, budget: string): string;
  version(): string;
  /** Emscripten's view of the wasm memory (its buffer's size is the memory's current size). */
  HEAP8?: Int8Array;
}

/** The embind functions of engine-authoring.mjs (`createAuthoring`): loaded by a worker only
 *  for a lesson or catalog the site build has not parsed. */
export interface AuthoringModule {
  parseLesson(markdown: string, filename: string): string;
  /** lessons/index.json as the course page renders it: {ok, catalog: {title, lessons}, diagnostics}. */
  parseCatalog(text: string, filename: string): string;
  version(): string;
}

/** The calls the authoring module answers (the rest are the engine's). */
export const AUTHORING_CALLS = ['parseLesson', 'parseCatalog'] as const;

export type EngineFactory = (moduleArgs?: Record<string, unknown>) => Promise<EngineModule>;
export type AuthoringFactory = (moduleArgs?: Record<string, unknown>) => Promise<AuthoringModule>;

/** Where an input error is: a dotted field path or file:line:column. */
export interface EngineErrorInfo {
  kind: 'input' | 'cancelled' | 'resource' | 'internal' | 'fetch' | 'engine' | string;
  message: string;
  file?: string;
  field?: string;
  line?: number;
  column?: number;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
  data?: unknown;
}

export interface Diagnostic {
  severity: 'error' | 'warning' | string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
}

export type ExperimentResult = Record<string, unknown>;

/** What a run left out instead of refusing it (a constant feature column): result.warnings. */
export interface RunWarning { field: string; message: string }

export function warningsOf(result: ExperimentResult): RunWarning[] {
  const list = result.warnings;
  return Array.isArray(list) ? list.filter((w): w is RunWarning => !!w && typeof w.message === 'string') : [];
}

export type EngineResponse =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; error: EngineErrorInfo; diagnostics?: Diagnostic[] };

/** An engine call that answered {"ok":false}, or a run that could not start. */
export class EngineError extends Error {
  readonly info: EngineErrorInfo;
  constructor(info: EngineErrorInfo) {
    super(describeEngineError(info));
    this.name = 'EngineError';
    this.info = info;
  }
}

/** "file:line:col" (as far as it is known) the way the engine's Diagnostic::str() writes it, or ''. */
function fileLocation(file?: string, line?: number, column?: number): string {
  return file ? [file, line || '', column || ''].filter(Boolean).join(':') : '';
}

/** "model.lambda: must be > 0" / "titanic.csv:12:3: ..." the way the CLI prints locations. */
export function describeEngineError(info: EngineErrorInfo): string {
  let where = fileLocation(info.file, info.line, info.column);
  if (info.field) where = where ? `${where} (${info.field})` : info.field;
  return where ? `${where}: ${info.message}` : info.message;
}

/** "titanic.json:3:14: error: model.lambda: must be > 0", as `tools/lab validate` prints it. */
export function describeDiagnostic(d: Diagnostic): string {
  const where = fileLocation(d.file, d.line, d.column);
  return `${where ? `${where}: ` : ''}${d.severity}: ${d.field ? `${d.field}: ` : ''}${d.message}`;
}

/** What a learner reads when the engine died under a run (a trap, an abort, a killed worker). */
export const workerStoppedMessage = (cause: string): string =>
  `The engine stopped during the run (${cause}). Your settings are kept: run again to start a fresh engine.`;

/** Parses an engine answer; a string that is not JSON becomes an internal error value. */
export function parseEngineAnswer(text: string): EngineResponse {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'ok' in value) return value as EngineResponse;
  } catch {
    // fall through: the answer is not JSON
  }
  return { ok: false, error: { kind: 'internal', message: `unexpected engine answer: ${String(text).slice(0, 200)}` } };
}
