// The trade-off runner's result (variants measured in the learner's browser, the Pareto front,
// one ranking per deployment scenario) and what the explorer derives from it: which variants fit
// a budget, why a scenario's choice won, and the compression sweep spec. DOM-free.

export interface Latency {
  single_median_us: number;
  single_p90_us: number;
  batch_median_us: number;
  batch_p90_us: number;
  batch_rows: number;
}

export interface VariantRow {
  name: string;
  model: string;
  format?: string;
  compress: Record<string, unknown> | null;
  accuracy: number;
  log_loss: number;
  auc?: number | null;
  f1?: number;
  latency: Latency;
  latency_ms: number;
  size_bytes: number;
  size_kb: number;
  parameters: number;
  nonzero: number;
  sparsity?: number;
  base?: { name: string | null; what: string; accuracy: number } | null;
  accuracy_change?: number | null;
}

export interface RankingEntry { rank: number; name: string; score: number; meets_constraints: boolean; violations: string[] }

export interface ScenarioResult {
  name: string;
  title: string;
  priority: 'accuracy' | 'latency' | 'size';
  latency: 'single' | 'batch';
  weights: { accuracy: number; latency: number; size: number };
  constraints: { min_accuracy?: number; max_latency_ms?: number; max_size_kb?: number };
  method: string;
  ranking: RankingEntry[];
}

export interface TradeoffResult {
  variants: VariantRow[];
  pareto: string[];
  scenarios: ScenarioResult[];
}

export function tradeoffOf(result: unknown): TradeoffResult | null {
  const r = result as Partial<TradeoffResult> | null;
  if (!r || !Array.isArray(r.variants) || !r.variants.length || typeof r.variants[0] !== 'object' || !('latency' in r.variants[0])) return null;
  return { variants: r.variants, pareto: Array.isArray(r.pareto) ? r.pareto : [], scenarios: Array.isArray(r.scenarios) ? r.scenarios : [] };
}

/** Whether some latency measured 0: the clock is coarser than the call. */
export function clockTooCoarse(variants: VariantRow[]): boolean {
  return variants.some((v) => v.latency.single_median_us <= 0 || v.latency.batch_median_us <= 0);
}

export const COARSE_CLOCK_NOTE = '* Below what this browser\'s clock can time: performance.now() here ticks in coarse steps '
  + '(100 µs in Chromium without cross-origin isolation), longer than one prediction of these small models. '
  + 'Latencies of 0 are not comparable; accuracy and size are exact.';

/** A learner's budget: undefined means no limit. Latency is the single-row median. */
export interface Budget { max_latency_ms?: number; max_size_kb?: number; min_accuracy?: number }

/** Why a variant misses the budget (empty: it fits). */
export function budgetMisses(v: VariantRow, b: Budget): string[] {
  const out: string[] = [];
  if (b.min_accuracy !== undefined && v.accuracy < b.min_accuracy) out.push(`accuracy ${pct(v.accuracy)} < ${pct(b.min_accuracy)}`);
  if (b.max_latency_ms !== undefined && v.latency.single_median_us / 1000 > b.max_latency_ms) out.push(`latency ${formatMicros(v.latency.single_median_us)} > ${formatMicros(b.max_latency_ms * 1000)}`);
  if (b.max_size_kb !== undefined && v.size_bytes / 1024 > b.max_size_kb) out.push(`size ${formatBytes(v.size_bytes)} > ${formatBytes(b.max_size_kb * 1024)}`);
  return out;
}

/** The most accurate variant that fits (ties: faster, then smaller), or null. */
export function bestWithin(variants: VariantRow[], b: Budget): VariantRow | null {
  const fitting = variants.filter((v) => budgetMisses(v, b).length === 0);
  fitting.sort((x, y) => y.accuracy - x.accuracy || x.latency.single_median_us - y.latency.single_median_us || x.size_bytes - y.size_bytes);
  return fitting[0] ?? null;
}

export function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

/** A latency the browser's clock could not resolve (performance.now() ticks are coarse) reads 0. */
export const UNMEASURED = '≈0*';

export function formatMicros(us: number): string {
  if (us <= 0) return UNMEASURED;
  if (us >= 1000) return `${(us / 1000).toPrecision(3)} ms`;
  return `${us >= 10 ? us.toFixed(0) : us.toPrecision(2)} µs`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toPrecision(3)} KB` : `${Math.round(bytes)} B`;
}

/** A scenario's constraints as a budget (its latency kind aside). */
export function scenarioBudget(s: ScenarioResult): Budget {
  return { ...s.constraints };
}

/** One sentence on the scenario's choice and why, from the engine's ranking. */
export function scenarioReason(s: ScenarioResult, variants: VariantRow[]): string {
  const byName = new Map(variants.map((v) => [v.name, v]));
  const [first, second] = s.ranking;
  const winner = first && byName.get(first.name);
  if (!first || !winner) return `${s.title}: no variant to choose from.`;
  const latency = s.latency === 'batch' ? winner.latency.batch_median_us : winner.latency.single_median_us;
  const limits = Object.entries(s.constraints).map(([k, v]) =>
    k === 'max_latency_ms' ? `${s.latency === 'batch' ? 'batch' : 'single-row'} latency ≤ ${formatMicros(Number(v) * 1000)}`
      : k === 'max_size_kb' ? `size ≤ ${formatBytes(Number(v) * 1024)}` : `accuracy ≥ ${pct(Number(v))}`);
  const total = s.weights.accuracy + s.weights.latency + s.weights.size || 1;
  const weights = (['accuracy', 'latency', 'size'] as const).map((k) => `${k} ${Math.round((100 * s.weights[k]) / total)}%`).join(', ');
  const parts = [`Best for ${s.title}: ${winner.name}.`];
  const numbers = `accuracy ${pct(winner.accuracy)}, ${s.latency === 'batch' ? `batch of ${winner.latency.batch_rows} rows in` : 'one row in'} ${formatMicros(latency)}, ${formatBytes(winner.size_bytes)}`;
  const score = `the best weighted score, ${first.score.toFixed(2)} (weights: ${weights}; ${s.priority} breaks ties): ${numbers}.`;
  if (!first.meets_constraints) parts.push(`No variant meets ${limits.join(' and ')}; this one misses least badly (${first.violations.join('; ')}) and has ${score}`);
  else if (limits.length) parts.push(`It meets ${limits.join(' and ')} and has ${score}`);
  else parts.push(`It has ${score}`);
  if (second) parts.push(`Runner-up: ${second.name} (${second.score.toFixed(2)}${second.meets_constraints ? '' : `, misses: ${second.violations.join('; ')}`}).`);
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
