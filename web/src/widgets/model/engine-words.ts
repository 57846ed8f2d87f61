// The trade-off runner's sentences worded in the page's language from the parts the engine gives
// beside each English sentence (lab/tradeoff: LatencyNote, Measurement.spread, MetricFallback,
// RankingEntry.misses): the same numbers, the catalog's words. An English page shows the
// engine's own sentence (the catalog's English words it the same way, but the engine rounds its
// numbers as C's printf does, an exact tie to even, which Intl cannot be made to match to the last
// digit), and so does a page whose catalog lacks a part (an engine newer than the page). DOM-free.
import type { LatencyNote, Measurement, MetricFallback } from '../../generated/engine-types.ts';
import { fixed } from './locale-number.ts';
import { metricSpec } from './task.ts';
import { wordOr } from './words.ts';
import { locale, t } from '../widget-i18n.ts';

/** The engine's English sentences are the page's own. */
const englishPage = (): boolean => locale() === 'en';

const REASONS: ReadonlySet<string> = new Set(['fp16_widened', 'sparse_ran_dense', 'sparse_index_cost', 'int8_one_row', 'int8_small_layers', 'more_work', 'same_work']);

/** "1.23×" ("1,23×"): a ratio of times as the notes give it. */
const times = (ratio: number): string => `${fixed(ratio, 2)}×`;

/**
 * One latency note in the page's language: what was measured (`name` against `base`, the
 * variant it was made from, both as the page shows them) and why.
 */
export function latencyNoteText(note: LatencyNote, name: string, base: string | null): string {
  return englishPage() ? note.text : wordLatencyNote(note, name, base);
}

/** latencyNoteText from the catalog, whatever the page's language (the engine's sentence for a
 *  part the catalog does not know). */
export function wordLatencyNote(note: LatencyNote, name: string, base: string | null): string {
  if (base === null || !REASONS.has(note.reason) || (note.verdict !== 'slower' && note.verdict !== 'within_noise')) return note.text;
  const calls = { calls: note.calls === 'batch' ? 'batch' : 'single', rows: note.batch_rows };
  const measured = note.verdict === 'slower'
    ? t('widgets.note.slower', { name, base, ratio: times(note.ratio), ...calls })
    : t('widgets.note.withinNoise', { name, base, low: fixed(note.low, 2), high: times(note.high), ...calls });
  const why = t(`widgets.note.why.${note.reason}`, { base, sparsity: Math.round(note.sparsity * 100), ...calls });
  return t('widgets.note.sentence', { measured, why });
}

/** The note of a run whose timing rounds varied much (the machine was busy), or null. */
export function busyNoteText(measurement: Measurement | undefined): string | null {
  if (!measurement?.busy) return null;
  if (englishPage() && measurement.note) return measurement.note;
  // One decimal, as the engine writes the spread.
  return typeof measurement.spread === 'number' ? t('widgets.note.busy', { spread: `${fixed(measurement.spread, 1)}×` }) : measurement.note;
}

/** Why a scenario ranked by the main score instead of the metric it declared. */
export function metricFallbackText(fallback: MetricFallback | null | undefined, english: string | null | undefined): string | null {
  if (!fallback || (englishPage() && english)) return english ?? null;
  return t('widgets.note.metricFallback', {
    used: metricSpec(fallback.used)?.label ?? fallback.used,
    wanted: wordOr(`widgets.metric.${fallback.wanted}`, fallback.wanted_label),
    task: fallback.task,
  });
}
