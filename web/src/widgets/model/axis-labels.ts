// Axis titles of the trade-off explorer's scatter, one per metric the engine measures a variant
// by (ENGINE_VOCABULARY.tradeoff_metrics): a task metric is titled by the engine's label ("test
// R²"); the others (score, loss, latency, size, parameters) have their titles here, one for each
// the engine lists, no more (the type below fails to compile otherwise).
import { ENGINE_VOCABULARY, type MetricName, type TradeoffMetric } from '../../generated/engine-types.ts';
import { metricSpec } from './task.ts';

/** One of the engine's trade-off metrics (widgetVocabulary; the engine checks a file's axes). */
export type AxisMetric = string;

const OWN_TITLES: Record<Exclude<TradeoffMetric, MetricName>, string> = {
  score: 'test score', loss: 'test loss',  // titled by the task in axisTitle
  latency_ms: 'latency per row (ms, median, log scale)', size_kb: 'model size (KB, log scale)', parameters: 'parameters (log scale)',
};

const own = (m: TradeoffMetric): m is Exclude<TradeoffMetric, MetricName> => Object.hasOwn(OWN_TITLES, m);

/** Axis titles of the engine's trade-off metrics. */
export const AXIS_LABELS = Object.fromEntries(ENGINE_VOCABULARY.tradeoff_metrics.map((m) =>
  [m, own(m) ? OWN_TITLES[m] : `test ${ENGINE_VOCABULARY.metrics[m].label}`])) as Record<TradeoffMetric, string>;

/** An axis title: the metric's, or for the fallbacks 'score'/'loss' the task's own ("test R²"). */
export function axisTitle(metric: string, score: { label: string; loss: string }): string {
  if (metric === 'score') return `test ${score.label}`;
  if (metric === 'loss') return `test ${metricSpec(score.loss)?.label ?? score.loss}`;
  return (AXIS_LABELS as Record<string, string>)[metric] ?? metric;
}
