// Axis titles of the trade-off explorer's scatter, one per metric the engine measures a variant
// by (ENGINE_VOCABULARY.tradeoff_metrics): a task metric is titled by the engine's label ("test
// R²"); the others (score, loss, latency, size, parameters) have their titles here, one for each
// the engine lists, no more (the type below fails to compile otherwise).
import { ENGINE_VOCABULARY, type MetricName, type TradeoffMetric } from '../../generated/engine-types.ts';
import { metricSpec } from './task.ts';
import { t } from '../widget-i18n.ts';
import { splitMetric } from './words.ts';

/** One of the engine's trade-off metrics (widgetVocabulary; the engine checks a file's axes). */
export type AxisMetric = string;

/** The trade-off metrics that are no engine metric (score and loss are titled by the task in
 *  axisTitle): their titles are catalog keys. */
const OWN_TITLES: Record<Exclude<TradeoffMetric, MetricName>, string> = {
  score: 'widgets.axis.score', loss: 'widgets.axis.loss',
  latency_ms: 'widgets.axis.latency', size_kb: 'widgets.axis.size', parameters: 'widgets.axis.parameters',
};

const own = (m: TradeoffMetric): m is Exclude<TradeoffMetric, MetricName> => Object.hasOwn(OWN_TITLES, m);

/** Axis titles of the engine's trade-off metrics, in the page's language. */
export function axisLabels(): Record<TradeoffMetric, string> {
  return Object.fromEntries(ENGINE_VOCABULARY.tradeoff_metrics.map((m) =>
    [m, own(m) ? t(OWN_TITLES[m]) : splitMetric('test', metricSpec(m)?.label ?? m)])) as Record<TradeoffMetric, string>;
}

/** A latency axis whose ticks read in µs (the data stays in ms). */
export function microLatencyTitle(): string {
  return t('widgets.axis.latencyMicro');
}

/** An axis title: the metric's, or for the fallbacks 'score'/'loss' the task's own ("test R²"). */
export function axisTitle(metric: string, score: { label: string; loss: string }): string {
  if (metric === 'score') return splitMetric('test', score.label);
  if (metric === 'loss') return splitMetric('test', metricSpec(score.loss)?.label ?? score.loss);
  return (axisLabels() as Record<string, string>)[metric] ?? metric;
}
