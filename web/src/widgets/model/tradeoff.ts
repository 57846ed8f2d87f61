// The trade-off runner's result (variants measured in the learner's browser, the Pareto front,
// one ranking per deployment scenario) and what the explorer derives from it: which variants fit
// a budget, why a scenario's choice won, and the compression sweep spec. DOM-free.
// Every kind of task runs: rows carry the task's main score (`score`: accuracy, or R² for a
// numeric target) and loss, which the front, the scenarios and the budget rank by, and the
// result's `score` names them; texts here take that name instead of assuming accuracy.
import type { Budget, BudgetKey, Latency, Measurement, RankingEntry, ScenarioResult, VariantBase, VariantRow } from '../../generated/engine-types.ts';
import { type MetricSpec, type TaskKind, lossOf, mainScore, metricSpec, tableMetrics, taskOf } from './task.ts';
import { fixed, percent, precise, whole } from './locale-number.ts';
import { t } from '../widget-i18n.ts';
import { listed } from './words.ts';
import { busyNoteText, latencyNoteText, metricFallbackText } from './engine-words.ts';

export type { Budget, BudgetKey };

// The result's records are the engine's declarations (tradeoff/result_records.cpp), generated.
export type { Latency, Measurement, RankingEntry, ScenarioResult, VariantBase, VariantRow };

/** Names as the learner reads them: the widget file's text in the page's language may rename
 *  variants and retitle scenarios (widget-text.ts); results keep the file's names. */
export interface DisplayNames {
  variant(name: string): string;
  /** A scenario's title by its name (`title`: the result's, the file's own words). */
  scenario(name: string, title: string): string;
}

/** The file's own names (English, or a page without a text file). */
export const FILE_NAMES: DisplayNames = { variant: (name) => name, scenario: (_name, title) => title };

/** The main score as the result names it (result.score): key and loss as the engine names them. */
export interface ScoreInfo {
  kind: TaskKind;
  /** 'accuracy' or 'r2'. */
  name: string;
  /** 'log_loss' or 'mse'. */
  loss: string;
  /** The engine's sentence on what the score is. */
  what: string;
  /** How the texts name it: "accuracy", "R²". */
  label: string;
}

export interface TradeoffResult {
  variants: VariantRow[];
  pareto: string[];
  scenarios: ScenarioResult[];
  score: ScoreInfo;
  /** How the run measured (absent while rows stream in). */
  measurement?: Measurement;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The task of rows streamed before the result names it: a regression row's metrics hold r2, a
 * multi-class row's f1_macro (the kinds' own table metrics, task.ts), a binary row's neither.
 */
export function rowTask(row: VariantRow | undefined): TaskKind {
  const metrics = isRecord(row?.metrics) ? row.metrics : {};
  const has = (kind: TaskKind) => tableMetrics(kind).every((m) => m.key in metrics);
  return has('regression') ? 'regression' : has('multiclass') ? 'multiclass' : 'binary';
}

/** The main score of a result (its `score` and `data.task`), or of streamed rows without one. */
export function scoreInfo(result: unknown, rows: VariantRow[] = []): ScoreInfo {
  const named = isRecord(result) && isRecord(result.score) ? result.score : null;
  const kind = named && isRecord(result) && isRecord(result.data) ? taskOf(result).kind : rowTask(rows[0]);
  const name = typeof named?.name === 'string' ? named.name : mainScore(kind).key;
  const loss = typeof named?.loss === 'string' ? named.loss : lossOf(kind);
  return { kind, name, loss, what: typeof named?.what === 'string' ? named.what : '', label: metricSpec(name)?.label ?? name };
}

export function tradeoffOf(result: unknown): TradeoffResult | null {
  const r = result as Partial<TradeoffResult> | null;
  if (!r || !Array.isArray(r.variants) || !r.variants.length || typeof r.variants[0] !== 'object' || !('latency' in r.variants[0])) return null;
  return {
    variants: r.variants, pareto: Array.isArray(r.pareto) ? r.pareto : [], scenarios: Array.isArray(r.scenarios) ? r.scenarios : [],
    score: scoreInfo(result, r.variants), measurement: isRecord(r.measurement) ? r.measurement as Measurement : undefined,
  };
}

/** A streamed row is drawn once it is timed: the engine times every form together, after all
 *  are built, so rows first arrive without latency. */
export function isTimed(row: unknown): row is VariantRow {
  return isRecord(row) && isRecord(row.latency);
}

/**
 * The sentences where the measured latency goes against what compression promises, and why
 * (the engine's, per variant, worded in the page's language with the variants' display names),
 * after the page's note when the machine was busy while timing.
 */
export function latencyStory(data: TradeoffResult, name: (variant: string) => string = (n) => n): { busy: string | null; notes: { name: string; text: string }[] } {
  const notes = data.variants.flatMap((v) => (Array.isArray(v.latency_notes) ? v.latency_notes : []).map((note) => ({
    name: v.name, text: latencyNoteText(note, name(v.name), v.vs_base?.name ? name(v.vs_base.name) : null),
  })));
  return { busy: busyNoteText(data.measurement), notes };
}

/** The metric columns of the variant table: the kind's first three (task.ts), the main score first. */
export function tableColumns(score: ScoreInfo): MetricSpec[] {
  return tableMetrics(score.kind).slice(0, 3);
}

/** A metric of a row: its headline copy, else its metrics block; null if it has neither. */
export function rowMetric(row: VariantRow, key: string): number | null {
  const top = (row as unknown as Record<string, unknown>)[key];
  const inner = isRecord(row.metrics) ? row.metrics[key] : undefined;
  const value = typeof top === 'number' ? top : typeof inner === 'number' ? inner : null;
  return value !== null && Number.isFinite(value) ? value : null;
}

/** A metric as the explorer prints it: accuracy as a percentage, others as numbers (R² 0.989). */
export function formatMetric(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (key === 'accuracy') return pct(value);
  const a = Math.abs(value);
  return a >= 1000 ? whole(value) : a >= 10 ? fixed(value, 1) : fixed(value, 3);
}

/** A change of a metric: accuracy in percentage points ("+1.2"), others as numbers ("+0.012"). */
export function formatChange(key: string, change: number): string {
  const text = key === 'accuracy' ? fixed(100 * change, 1) : formatMetric(key, change);
  // A change that rounds to nothing reads "+0.000", not "-0.000".
  return text.startsWith('-') && !/[1-9]/.test(text) ? `+${text.slice(1)}` : `${change >= 0 ? '+' : ''}${text}`;
}

/**
 * What a scatter axis plots: the widget file's metric, or, when the rows lack it (a file written
 * for a binary target, run on the learner's iris or numeric CSV), the main score in place of a
 * score (accuracy, AUC, F1) and the loss in place of a loss (log loss).
 */
export function axisMetric(metric: string, rows: VariantRow[]): string {
  if (!rows.length || rows.some((r) => rowMetric(r, metric) !== null)) return metric;
  return metricSpec(metric)?.higherIsBetter === false ? 'loss' : 'score';
}

/** "accuracy 84.0%", "R² 0.989". */
export function scoreText(score: ScoreInfo, value: number | null | undefined): string {
  return `${score.label} ${formatMetric(score.name, value)}`;
}

/** How the budget's pick is described: "the most accurate", "the highest R²". */
export function bestPhrase(score: ScoreInfo): string {
  return t('widgets.explorer.best', { accuracy: score.name === 'accuracy' ? 'yes' : 'no', metric: score.label });
}

/** The score for results and rows from before there were others: binary accuracy. */
export const ACCURACY_SCORE: ScoreInfo = { kind: 'binary', name: 'accuracy', loss: 'log_loss', what: '', label: 'accuracy' };

/** Whether some latency measured 0: the clock is coarser than the call. */
export function clockTooCoarse(variants: VariantRow[]): boolean {
  return variants.some((v) => v.latency.single_median_us <= 0 || v.latency.batch_median_us <= 0);
}

/** The footnote of a latency the clock could not resolve (UNMEASURED's star). */
export function coarseClockNote(): string {
  return t('widgets.explorer.coarseClock');
}

/** A limit a variant misses, as the engine's budget ranking reports it (lab/budget_ranking.hpp):
 *  value and limit in the constraint's unit (the main score, ms, KB). */
export interface BudgetMiss { constraint: BudgetKey; value: number; limit: number }

/** The engine's ranking of the variants against a learner's budget (rankBudget): the variants
 *  that fit first, by score, then single-row latency, then size; `best` fits, or is null. */
export interface BudgetRanking {
  best: string | null;
  ranking: { rank: number; name: string; fits: boolean; misses: BudgetMiss[] }[];
}

/** Asks the engine to rank rows against a budget (the worker's rankBudget call). */
export type RankBudget = (variants: VariantRow[], budget: Budget) => Promise<BudgetRanking>;

/** The misses of one variant in a ranking (none when the ranking does not name it). */
export function missesOf(ranking: BudgetRanking | null, name: string): BudgetMiss[] {
  return ranking?.ranking.find((e) => e.name === name)?.misses ?? [];
}

/** Why a variant misses the budget, in the explorer's words ("size 58.6 KB > 8.00 KB"); the
 *  engine decided which limits it misses. `batch`: the limit is on the batch latency (a
 *  scenario's `latency`), not the single-row one. */
export function missTexts(v: VariantRow, misses: BudgetMiss[], score: ScoreInfo = ACCURACY_SCORE, batch = false): string[] {
  return misses.map((m) => (m.constraint === 'min_accuracy' ? `${scoreText(score, v.score)} < ${formatMetric(score.name, m.limit)}`
    : m.constraint === 'max_latency_ms' ? t('widgets.explorer.missLatency', {
      kind: batch ? 'batch' : 'single', value: formatMicros(batch ? v.latency.batch_median_us : v.latency.single_median_us), limit: formatMicros(m.limit * 1000) })
      : t('widgets.explorer.missSize', { value: formatBytes(v.size_bytes), limit: formatBytes(m.limit * 1024) })));
}

/**
 * The engine's budget rankings for what is on screen, one at a time: `get` answers the ranking
 * of these rows against this budget once the engine has given it, and until then the last one
 * it gave (or null), having asked the engine; `ready` is called when an answer arrives.
 */
export class BudgetRanker {
  private latest: { key: string; ranking: BudgetRanking } | null = null;
  private pending: string | null = null;

  constructor(private readonly rank: RankBudget, private readonly ready: () => void) {}

  get(variants: VariantRow[], budget: Budget): BudgetRanking | null {
    const key = JSON.stringify([variants.map((v) => [v.name, v.score, v.latency.single_median_us, v.size_bytes]), budget]);
    if (this.latest?.key === key) return this.latest.ranking;
    if (this.pending !== key) {
      this.pending = key;
      this.rank(variants, budget).then((ranking) => {
        if (this.pending !== key) return;
        this.pending = null;
        this.latest = { key, ranking };
        this.ready();
      }, () => {
        if (this.pending === key) this.pending = null;
      });
    }
    return this.latest?.ranking ?? null;
  }

  /** Whether the ranking of these rows against this budget is the one `get` answers. */
  current(variants: VariantRow[], budget: Budget): boolean {
    return this.latest?.key === JSON.stringify([variants.map((v) => [v.name, v.score, v.latency.single_median_us, v.size_bytes]), budget]);
  }
}

export function pct(v: number): string {
  return percent(v, 1);
}

/** A latency the browser's clock could not resolve (performance.now() ticks are coarse) reads 0. */
export const UNMEASURED = '≈0*';

export function formatMicros(us: number): string {
  if (us <= 0) return UNMEASURED;
  if (us >= 1000) return `${precise(us / 1000, 3)} ms`;
  return `${us >= 10 ? whole(us) : precise(us, 2)} µs`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${precise(bytes / 1024, 3)} KB` : `${whole(bytes)} B`;
}

/** A scenario's constraints as a budget (its latency kind aside). */
export function scenarioBudget(s: ScenarioResult): Budget {
  return { ...s.constraints };
}

/** One sentence on the scenario's choice and why, from the engine's ranking. */
export function scenarioReason(s: ScenarioResult, variants: VariantRow[], score: ScoreInfo = ACCURACY_SCORE, names: DisplayNames = FILE_NAMES): string {
  const byName = new Map(variants.map((v) => [v.name, v]));
  const [first, second] = s.ranking;
  const winner = first && byName.get(first.name);
  const title = names.scenario(s.name, s.title);
  if (!first || !winner) return t('widgets.reason.none', { title });
  const latency = s.latency === 'batch' ? winner.latency.batch_median_us : winner.latency.single_median_us;
  const limits = Object.entries(s.constraints).map(([k, v]) =>
    k === 'max_latency_ms' ? t('widgets.reason.limitLatency', { kind: s.latency === 'batch' ? 'batch' : 'single', value: formatMicros(Number(v) * 1000) })
      : k === 'max_size_kb' ? t('widgets.reason.limitSize', { value: formatBytes(Number(v) * 1024) }) : `${score.label} ≥ ${formatMetric(score.name, Number(v))}`);
  const total = s.weights.accuracy + s.weights.latency + s.weights.size || 1;
  // A scenario may weigh a metric other than the main score (AUC for ranking by risk, log loss
  // when people read the probabilities): its weight and its number name that metric.
  const metric = s.metric && s.metric !== 'score' ? metricSpec(s.metric) : null;
  const qualityLabel = metric?.label ?? score.label;
  const metricValue = metric ? (winner.metrics as Record<string, unknown>)[metric.key] : undefined;
  const quality = metric && typeof metricValue === 'number' ? `${metric.label} ${formatMetric(metric.key, metricValue)}, ` : '';
  const measure = (k: string) => (k === 'accuracy' ? qualityLabel : t('widgets.reason.measure', { measure: k }));
  const weights = (['accuracy', 'latency', 'size'] as const)
    .map((k) => `${measure(k)} ${percent(s.weights[k] / total, 0)}`).join(', ');
  const parts = [t('widgets.reason.best', { title, name: names.variant(winner.name) })];
  const numbers = t('widgets.reason.numbers', {
    quality, score: scoreText(score, winner.score), kind: s.latency === 'batch' ? 'batch' : 'single', rows: winner.latency.batch_rows,
    latency: formatMicros(latency), size: formatBytes(winner.size_bytes),
  });
  const weighted = t('widgets.reason.weighted', { score: fixed(first.score, 2), weights, priority: measure(s.priority), numbers });
  // The limits a variant misses, worded here from the engine's codes and numbers (its English
  // sentences for a result from an engine that gave none).
  const missed = (entry: RankingEntry) => {
    const row = byName.get(entry.name);
    return Array.isArray(entry.misses) && row ? missTexts(row, entry.misses, score, s.latency === 'batch').join('; ') : entry.violations.join('; ');
  };
  if (!first.meets_constraints) parts.push(t('widgets.reason.noneMeets', { limits: listed(limits), violations: missed(first), weighted }));
  else if (limits.length) parts.push(t('widgets.reason.meets', { limits: listed(limits), weighted }));
  else parts.push(t('widgets.reason.has', { weighted }));
  const metricNote = metricFallbackText(s.metric_fallback, s.metric_note);
  if (metricNote) parts.push(t('widgets.reason.metricNote', { note: metricNote }));
  if (second) {
    parts.push(t('widgets.reason.runnerUp', {
      name: names.variant(second.name), score: fixed(second.score, 2), hasMisses: second.meets_constraints ? 'no' : 'yes', misses: missed(second),
    }));
  }
  return parts.join(' ');
}

type Json = Record<string, unknown>;

/** Variants the compression controls can act on: MLPs that are not distilled from a teacher. */
export function compressible(spec: Json): Json[] {
  const variants = Array.isArray(spec.variants) ? (spec.variants as Json[]) : [];
  return variants.filter((v) => {
    const model = v.model as Json | undefined;
    const type = model?.type ?? (spec.model as Json | undefined)?.type;
    return type === 'mlp' && !(v.compress as Json | undefined)?.distill;
  });
}

/** The sweep over sparsity for one variant at one bit width (`bits` 0: no quantization). */
export function sweepSpec(spec: Json, variant: Json, sparsities: number[], bits: number): Json {
  const base = { ...spec };
  delete base.widget;
  delete base.scenarios;
  const compress = { ...((variant.compress as Json | undefined) ?? {}) };
  delete compress.distill;
  const prune = (compress.prune as Json | undefined) ?? {};
  if (bits > 0) compress.quantize = { ...((compress.quantize as Json | undefined) ?? {}), bits };
  else delete compress.quantize;
  base.variants = sparsities.map((s) => ({
    ...variant,
    name: sweepName(s, bits),
    compress: s > 0 ? { ...compress, prune: { ...prune, sparsity: s } } : withoutPrune(compress),
  }));
  return base;
}

function withoutPrune(compress: Json): Json {
  const out = { ...compress };
  delete out.prune;
  return out;
}

/** A sweep step as the learner reads it ("50% pruned, int8"; the name above is the engine's). */
export function sweepLabel(sparsity: number, bits: number): string {
  return t('widgets.sweep.step', { share: percent(sparsity, 0), form: bits === 8 ? 'int8' : bits === 16 ? 'fp16' : bits ? 'other' : 'fp32', count: bits });
}

export function sweepName(sparsity: number, bits: number): string {
  return `${Math.round(sparsity * 100)}% pruned, ${bits ? (bits === 8 ? 'int8' : bits === 16 ? 'fp16' : `${bits}-bit`) : 'fp32'}`;
}

/** The values a stepped integer/number control allows: min, min + step, ... max. */
export function steppedValues(min: number, max: number, step: number | undefined, count = 20): number[] {
  const s = step && step > 0 ? step : (max - min) / count;
  const out: number[] = [];
  for (let v = min; v <= max + s / 1e6; v += s) out.push(Number(v.toPrecision(10)));
  return out;
}
