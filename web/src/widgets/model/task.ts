// The task kind of a run (result.data.task, decided by the engine from the target column) and
// what each kind shows: its metrics, its main score, and how to read its coefficients. The
// one place in the web shell that knows the kinds; charts and tables ask it instead of
// assuming a binary classifier.

export type TaskKind = 'binary' | 'multiclass' | 'regression';

export interface TaskInfo {
  kind: TaskKind;
  /** Class names (binary: [negative, positive]); empty for regression. */
  classes: string[];
}

export interface MetricSpec {
  key: string;
  label: string;
  /** Whether a larger value is better (accuracy, R²) or worse (log loss, RMSE). */
  higherIsBetter: boolean;
  /** Bounded to [0, 1] (accuracy, F1): a fixed chart axis. */
  unit: boolean;
}

const metric = (key: string, label: string, higherIsBetter: boolean, unit = false): MetricSpec => ({ key, label, higherIsBetter, unit });
const ACCURACY = metric('accuracy', 'accuracy', true, true);
const LOG_LOSS = metric('log_loss', 'log loss', false);
const R2 = metric('r2', 'R²', true);
const RMSE = metric('rmse', 'RMSE', false);
const MSE = metric('mse', 'mean squared error', false);

/** Metrics the tables show per kind, in column order (keys as the engine's result names them). */
const TABLE_METRICS: Record<TaskKind, MetricSpec[]> = {
  binary: [ACCURACY, LOG_LOSS, metric('auc', 'AUC', true, true), metric('f1', 'F1', true, true)],
  multiclass: [ACCURACY, LOG_LOSS, metric('f1_macro', 'macro F1', true, true), metric('f1_weighted', 'weighted F1', true, true)],
  regression: [R2, RMSE, metric('mae', 'MAE', false)],
};

/**
 * The metrics path rows carry per kind (train and validation of each fit on the path); the
 * first is the one cross-validation minimizes (result.cv.metric), drawn with its CV band.
 */
const PATH_METRICS: Record<TaskKind, MetricSpec[]> = {
  binary: [LOG_LOSS, ACCURACY],
  multiclass: [LOG_LOSS, ACCURACY],
  regression: [MSE, R2],
};

const KINDS: TaskKind[] = ['binary', 'multiclass', 'regression'];

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The task of a result; results from before tasks existed are binary. */
export function taskOf(result: unknown): TaskInfo {
  const data = isRecord(result) && isRecord(result.data) ? result.data : {};
  const kind = KINDS.includes(data.task as TaskKind) ? (data.task as TaskKind) : 'binary';
  const classes = Array.isArray(data.classes) ? data.classes.map(String) : [];
  return { kind, classes: kind === 'regression' ? [] : classes };
}

export function tableMetrics(kind: TaskKind): MetricSpec[] {
  return TABLE_METRICS[kind];
}

export function pathMetrics(kind: TaskKind): MetricSpec[] {
  return PATH_METRICS[kind];
}

/** The score scenarios and comparisons rank by: accuracy, or R² for regression. */
export function mainScore(kind: TaskKind): MetricSpec {
  return kind === 'regression' ? R2 : ACCURACY;
}

/** A metric by the engine's key (table and path metrics of every kind), or null if unknown. */
export function metricSpec(key: string): MetricSpec | null {
  for (const list of [...Object.values(TABLE_METRICS), ...Object.values(PATH_METRICS)]) {
    const found = list.find((m) => m.key === key);
    if (found) return found;
  }
  return null;
}

/** A metric of one split of a result, or null. */
export function metricOf(result: unknown, split: string, key: string): number | null {
  const metrics = isRecord(result) && isRecord(result.metrics) ? result.metrics : {};
  const m = metrics[split];
  return isRecord(m) && typeof m[key] === 'number' ? (m[key] as number) : null;
}

/** What cross-validation minimizes, in words (result.cv.metric). */
export function cvMetricLabel(cvMetric: unknown): string {
  return cvMetric === 'mse' ? 'mean squared error' : 'log loss';
}

/** Coefficients as the engine writes them: {feature: value}, or per class {class: {feature: value}}. */
export type Coefficients = Record<string, number> | Record<string, Record<string, number>>;

/** Whether coefficients are per class (a multinomial model). */
export function perClass(coefficients: Coefficients): coefficients is Record<string, Record<string, number>> {
  const first = Object.values(coefficients)[0];
  return isRecord(first);
}

/**
 * One class's coefficients ({feature: value}); for a single-output model the coefficients
 * themselves. An unknown class falls back to the first.
 */
export function coefficientsFor(coefficients: Coefficients, cls: string | null): Record<string, number> {
  if (!perClass(coefficients)) return coefficients;
  return coefficients[cls ?? ''] ?? Object.values(coefficients)[0] ?? {};
}

/** A short phrase for the status line and the data picker: "3-class target", "regression target". */
export function describeTask(task: TaskInfo): string {
  if (task.kind === 'regression') return 'regression (a number)';
  if (task.kind === 'multiclass') return `${task.classes.length} classes`;
  return 'two classes';
}
