// Axis titles of the trade-off explorer's scatter, one per metric the engine measures a variant
// by (widgetVocabulary's tradeoff_metrics; tests/js check that each metric has one), and of
// the main score and loss an axis falls back to for another task kind (tradeoff.ts axisMetric).
import { metricSpec } from './task.ts';

/** One of the engine's trade-off metrics (widgetVocabulary; the engine checks a file's axes). */
export type AxisMetric = string;

/** Axis titles of the engine's trade-off metrics (tests/js check that each has one). */
export const AXIS_LABELS: Record<AxisMetric, string> = {
  score: 'test score', loss: 'test loss',  // titled by the task in axisTitle
  accuracy: 'test accuracy', auc: 'test AUC', f1: 'test F1', log_loss: 'test log loss', f1_macro: 'test macro F1',
  r2: 'test R²', rmse: 'test RMSE', mae: 'test MAE',
  latency_ms: 'latency per row (ms, median, log scale)', size_kb: 'model size (KB, log scale)', parameters: 'parameters (log scale)',
};

/** An axis title: the metric's, or for the fallbacks 'score'/'loss' the task's own ("test R²"). */
export function axisTitle(metric: string, score: { label: string; loss: string }): string {
  if (metric === 'score') return `test ${score.label}`;
  if (metric === 'loss') return `test ${metricSpec(score.loss)?.label ?? score.loss}`;
  return AXIS_LABELS[metric] ?? metric;
}
