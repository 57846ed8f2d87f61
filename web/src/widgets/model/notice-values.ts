// The numbers a panel's "What to notice" line may name, computed from the results on screen,
// per chart kind. The names are the engine's (NoticeVariables, generated from its declaration;
// it checks each template against them), so TypeScript checks that every declared name gets a
// value and no other does. DOM-free.
import { t } from '../widget-i18n.ts';
import type { NoticeVariables } from '../../generated/engine-types.ts';
import type { NoticeValue } from './notice.ts';
import { type PathRow, cvOf, nearestPathIndex, pathOf } from './path.ts';
import { lossOf, mainScore, metricOf, taskOf } from './task.ts';
import { type VariantRow, formatBytes, formatMicros } from './tradeoff.ts';

type Result = Record<string, unknown> | undefined;
type Values<K extends keyof NoticeVariables> = Record<NoticeVariables[K], NoticeValue>;

const text = (value: string | null): NoticeValue => ({ quantity: 'text', value });
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The main score's values: a percent, unless the task's score is not a fraction (R²). */
function score(result: Result, split: string): NoticeValue {
  const spec = mainScore(taskOf(result).kind);
  return { quantity: 'score', value: metricOf(result, split, spec.key), plain: !spec.unit };
}

/** The final model's validation loss: the task's loss in the metrics, else the last epoch's. */
function valLoss(result: Result): number | null {
  const own = metricOf(result, 'validation', lossOf(taskOf(result).kind));
  if (own !== null) return own;
  const history = Array.isArray(result?.history) ? (result.history as Record<string, unknown>[]) : [];
  const last = history.at(-1)?.val_loss;
  return typeof last === 'number' ? last : null;
}

function earlyStop(result: Result): Record<string, unknown> | null {
  return isRecord(result?.early_stopping) ? result.early_stopping : null;
}

/** One run's values of a loss_curves panel (`absent`: the panel has no such run: all empty). */
function oneRun(result: Result, label: string, absent = false): Record<'label' | 'gap' | 'valScore' | 'testScore' | 'valLoss' | 'epochs' | 'bestEpoch', NoticeValue> {
  const key = mainScore(taskOf(result).kind).key;
  const train = metricOf(result, 'train', key), val = metricOf(result, 'validation', key);
  const stop = earlyStop(result);
  const history = Array.isArray(result?.history) ? result.history.length : null;
  const epochs = typeof stop?.epochs_run === 'number' ? stop.epochs_run : history;
  const out = {
    label: text(label),
    gap: { quantity: 'gap', value: train !== null && val !== null ? train - val : null } as NoticeValue,
    valScore: score(result, 'validation'),
    testScore: score(result, 'test'),
    valLoss: { quantity: 'loss', value: valLoss(result) } as NoticeValue,
    epochs: { quantity: 'count', value: epochs } as NoticeValue,
    bestEpoch: { quantity: 'count', value: typeof stop?.best_epoch === 'number' ? stop.best_epoch : null } as NoticeValue,
  };
  if (absent) for (const v of Object.values(out)) v.value = null;
  return out;
}

/** Chart "loss_curves": the panel's first experiment is the reference, its second the compared
 *  one (absent with one experiment: those names are then empty). */
export function lossCurveValues(reference: { label: string; result: Result }, compared: { label: string; result: Result } | null): Values<'loss_curves'> {
  const r = oneRun(reference.result, reference.label);
  const c = oneRun(compared?.result, compared?.label ?? '', !compared);
  return {
    reference: r.label, reference_gap: r.gap, reference_val_score: r.valScore, reference_test_score: r.testScore,
    reference_val_loss: r.valLoss, reference_epochs: r.epochs, reference_best_epoch: r.bestEpoch,
    compared: c.label, compared_gap: c.gap, compared_val_score: c.valScore, compared_test_score: c.testScore,
    compared_val_loss: c.valLoss, compared_epochs: c.epochs, compared_best_epoch: c.bestEpoch,
  };
}

/** Chart "learning_rate": the experiments with the lowest and highest final validation loss. */
export function scheduleValues(runs: { label: string; result: Result }[]): Values<'learning_rate'> {
  const done = runs.filter((r) => valLoss(r.result) !== null).sort((a, b) => valLoss(a.result)! - valLoss(b.result)!);
  const best = done[0], worst = done.at(-1);
  return {
    best: text(best?.label ?? null), worst: text(worst?.label ?? null),
    best_val_loss: { quantity: 'loss', value: best ? valLoss(best.result) : null },
    worst_val_loss: { quantity: 'loss', value: worst ? valLoss(worst.result) : null },
    best_val_score: best ? score(best.result, 'validation') : { quantity: 'score', value: null },
    worst_val_score: worst ? score(worst.result, 'validation') : { quantity: 'score', value: null },
  };
}

/** The penalty of an L1 share in learner words. */
export function penaltyName(l1Ratio: number): string {
  return t(l1Ratio <= 0 ? 'widgets.penalty.ridge' : l1Ratio >= 1 ? 'widgets.penalty.lasso' : 'widgets.penalty.elasticNet');
}

/** Chart "coefficient_path": the fit at the slider's λ (the nearest on the path) and CV's pick. */
export function pathValues(result: Result, lambda: number, l1Ratio: number): Values<'coefficient_path'> | null {
  const rows: PathRow[] = pathOf(result);
  if (!rows.length) return null;
  const row = rows[nearestPathIndex(rows, lambda > 0 ? lambda : rows[0].lambda)];
  const spec = mainScore(taskOf(result).kind);
  const at = (r: PathRow | undefined, split: 'test' | 'validation'): NoticeValue => {
    const m = (r as unknown as Record<string, unknown> | undefined)?.[split];
    return { quantity: 'score', value: isRecord(m) && typeof m[spec.key] === 'number' ? (m[spec.key] as number) : null, plain: !spec.unit };
  };
  const cv = cvOf(result);
  const features = Object.values(row.coefficients).flatMap((c) => (isRecord(c) ? Object.values(c) : [c])).length;
  return {
    lambda: { quantity: 'lambda', value: row.lambda },
    penalty: text(penaltyName(l1Ratio)),
    nonzero: { quantity: 'count', value: row.nonzero },
    features: { quantity: 'count', value: features },
    // Path fits carry their held-out scores; the test split's when the engine reports it.
    score: at(row, 'test').value !== null ? at(row, 'test') : at(row, 'validation'),
    best_lambda: { quantity: 'lambda', value: cv ? cv.lambda_min : null },
    best_score: at(cv ? rows[cv.index_min] : undefined, 'validation'),
  };
}

/** The explorer's notice: the selected scenario's choice against the variants that win one
 *  measure each (the most accurate, the fastest of the scenario's latency kind, the smallest). */
export function tradeoffValues(
  scenario: string, choice: VariantRow | null, rows: readonly VariantRow[], batch: boolean, plainScore: boolean,
  /** A variant's name as the learner reads it (the widget file's text in the page's language). */
  shown: (name: string) => string = (name) => name,
): Values<'tradeoff'> {
  const latency = (v: VariantRow) => (batch ? v.latency.batch_median_us : v.latency.single_median_us);
  const best = (better: (a: VariantRow, b: VariantRow) => boolean) =>
    rows.reduce<VariantRow | null>((m, v) => (m === null || better(v, m) ? v : m), null)?.name ?? null;
  const named = (name: string | null) => (name === null ? null : shown(name));
  return {
    scenario: text(scenario),
    choice: text(choice ? shown(choice.name) : null),
    choice_score: { quantity: 'score', value: choice?.score ?? null, plain: plainScore },
    choice_latency: text(choice ? formatMicros(latency(choice)) : null),
    choice_size: text(choice ? formatBytes(choice.size_bytes) : null),
    most_accurate: text(named(best((a, b) => (a.score ?? -Infinity) > (b.score ?? -Infinity)))),
    fastest: text(named(best((a, b) => latency(a) < latency(b)))),
    smallest: text(named(best((a, b) => a.size_bytes < b.size_bytes))),
  };
}
