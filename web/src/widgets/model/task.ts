// The task kind of a run (result.data.task, decided by the engine from the target column) and
// what each kind shows: its metrics, its main score, and how to read its coefficients. Which
// metrics a kind has, their labels and directions, its main score and CV metric are the
// engine's (lab::task_vocabulary(), generated into ../../generated/engine-types.ts by
// tools/lab docs): this file only reads them. Charts and tables ask it instead of assuming a
// binary classifier.
import { t } from '../widget-i18n.ts';
import { wordOr } from './words.ts';
import { ENGINE_VOCABULARY, type MetricName, type TaskKind } from '../../generated/engine-types.ts';

export type { TaskKind };

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

const { tasks, metrics } = ENGINE_VOCABULARY;
const KINDS = Object.keys(tasks) as TaskKind[];

function spec(key: MetricName): MetricSpec {
  const m = metrics[key];
  // Worded by the catalog under the engine's key; a metric it lacks keeps the engine's label.
  return { key, label: wordOr(`widgets.metric.${key}`, m.label), higherIsBetter: m.higher_is_better, unit: !!m.bounds && m.bounds[0] === 0 && m.bounds[1] === 1 };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The task of a result; results from before tasks existed are binary. */
export function taskOf(result: unknown): TaskInfo {
  const data = isRecord(result) && isRecord(result.data) ? result.data : {};
  const kind = KINDS.includes(data.task as TaskKind) ? (data.task as TaskKind) : 'binary';
  const classes = Array.isArray(data.classes) ? data.classes.map(String) : [];
  return { kind, classes: kind === 'regression' ? [] : classes };
}

/** Metrics the tables show for a kind, in column order (keys as the engine's result names them). */
export function tableMetrics(kind: TaskKind): MetricSpec[] {
  return tasks[kind].table_metrics.map(spec);
}

/**
 * The metrics path rows carry for a kind (train and validation of each fit on the path); the
 * first is the one cross-validation minimizes (result.cv.metric), drawn with its CV band.
 */
export function pathMetrics(kind: TaskKind): MetricSpec[] {
  return tasks[kind].path_metrics.map(spec);
}

/** The score scenarios and comparisons rank by (accuracy; R² for regression). */
export function mainScore(kind: TaskKind): MetricSpec {
  return spec(tasks[kind].main_score);
}

/** The kind's loss as results name it (log_loss; mse for regression). */
export function lossOf(kind: TaskKind): string {
  return tasks[kind].loss;
}

/** A metric by the engine's key, or null if the engine declares none of that name. */
export function metricSpec(key: string): MetricSpec | null {
  return Object.hasOwn(metrics, key) ? spec(key as MetricName) : null;
}

/** A metric of one split of a result, or null. */
export function metricOf(result: unknown, split: string, key: string): number | null {
  const metrics = isRecord(result) && isRecord(result.metrics) ? result.metrics : {};
  const m = metrics[split];
  return isRecord(m) && typeof m[key] === 'number' ? (m[key] as number) : null;
}

/** What cross-validation minimizes, in words (result.cv.metric names one of the engine's metrics). */
export function cvMetricLabel(cvMetric: unknown): string {
  const cv = KINDS.map((k) => tasks[k].cv_metric as string).find((m) => m === cvMetric) ?? tasks.binary.cv_metric;
  return metricSpec(cv)!.label;
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
  return t('widgets.task.describe', { kind: task.kind, classes: task.classes.length });
}
