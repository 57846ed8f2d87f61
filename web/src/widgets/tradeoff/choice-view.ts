// Picking a variant: a deployment scenario from the lesson (real-time, batch, edge; the engine
// ranks the variants for each and this says why its choice won), or the learner's own budget
// (latency, size, the task's main score: accuracy, or R² for a numeric target) with the variants
// that fit it. Choosing a scenario shows its
// constraints as the budget; moving a budget slider switches to "My budget".
import { h, nextId } from '../../dom.ts';
import { type ControlView, createControl } from '../controls/control-view.ts';
import { type ControlModel, type OptionSchema, declaredAt } from '../model/options.ts';
import {
  type Budget, type BudgetKey, type BudgetRanker, type DisplayNames, FILE_NAMES, type ScenarioResult, type ScoreInfo, type VariantRow, bestPhrase, formatBytes, formatMetric, formatMicros, missesOf,
  scenarioBudget, scenarioReason, scoreText,
} from '../model/tradeoff.ts';
import { t } from '../widget-i18n.ts';
import { splitMetric } from '../model/words.ts';

export const MY_BUDGET = 'budget';

export interface Choice { mode: string; budget: Budget; highlight: string | null }

export interface ChoiceActions { changed(choice: Choice): void }

interface BudgetRow { key: BudgetKey; enabled: HTMLInputElement; control: ControlView }

/** The limits a budget may set: the engine's declared scenario constraints. */
export function budgetKeys(schema: OptionSchema | null): BudgetKey[] {
  const constraints = schema ? declaredAt(schema, 'scenarios.constraints') : null;
  return (constraints?.fields?.options ?? []).map((o) => o.name as BudgetKey);
}

/** How each budget's limit reads: in the units the variant table prints (µs or ms, B or KB,
 *  the score as the table shows it), so a slider and a table cell can be compared at a glance. */
export function budgetFormat(key: BudgetKey, score: ScoreInfo): (value: number) => string {
  if (key === 'max_latency_ms') return (ms) => formatMicros(ms * 1000);
  if (key === 'max_size_kb') return (kb) => formatBytes(kb * 1024);
  return (value) => formatMetric(score.name, value);
}

/** Budget slider ranges: the engine's declared constraint ranges, narrowed to the measured data
 *  and widened to the lesson's scenario limits (so choosing a scenario shows its limit on the
 *  slider). min_accuracy bounds the main score, so it is labelled by it ("Min test R²"). */
export function budgetModels(schema: OptionSchema, variants: VariantRow[], score: ScoreInfo, scenarios: readonly ScenarioResult[] = []): Partial<Record<BudgetKey, ControlModel>> {
  const decl = (name: string) => declaredAt(schema, `scenarios.constraints.${name}`);
  const limits = (key: BudgetKey) => scenarios.map((s) => s.constraints[key]).filter((x): x is number => typeof x === 'number' && x > 0);
  const lat = variants.map((v) => v.latency.single_median_us / 1000).filter((x) => x > 0);
  const size = variants.map((v) => v.size_bytes / 1024);
  const acc = variants.map((v) => v.score).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const model = (name: BudgetKey, label: string, lo: number, hi: number, scale: 'log' | 'linear', step?: number): ControlModel => {
    const d = decl(name);
    const min = Math.max(d?.min ?? 0, lo), max = Math.min(d?.max ?? Infinity, hi);
    return {
      option: `budget.${name}`, label, help: d?.doc ?? '', kind: 'number', min, max: Math.max(max, min * 1.01 + 1e-9), step, scale, choices: [],
      declaredDefault: undefined, format: budgetFormat(name, score),
    };
  };
  const out: Partial<Record<BudgetKey, ControlModel>> = {};
  // No latency the clock could resolve: no latency budget (a range of zeros means nothing).
  if (lat.length) {
    const all = [...lat, ...limits('max_latency_ms')];
    out.max_latency_ms = model('max_latency_ms', t('widgets.budget.latency'), Math.min(...all) / 2, Math.max(...all) * 2, 'log');
  }
  const sizes = [...size, ...limits('max_size_kb')];
  out.max_size_kb = model('max_size_kb', t('widgets.budget.size'), Math.min(...sizes) / 2, Math.max(...sizes) * 2, 'log');
  if (acc.length) {
    const lowest = Math.min(...acc, ...limits('min_accuracy'));
    out.min_accuracy = model('min_accuracy', t('widgets.budget.score', { metric: splitMetric('test', score.label) }), Math.floor((lowest - 0.05) * 100) / 100, 1, 'linear', 0.005);
  }
  return out;
}

export class ChoiceView {
  readonly element: HTMLElement;
  private readonly reason = h('p', { class: 'reason', 'aria-live': 'polite' });
  private readonly fitList = h('p', { class: 'fit-list' });
  private readonly radios: HTMLInputElement[] = [];
  private readonly rows: BudgetRow[] = [];
  private mode: string;

  constructor(private readonly scenarios: ScenarioResult[], private readonly variants: VariantRow[], private readonly score: ScoreInfo,
    models: Partial<Record<BudgetKey, ControlModel>>, start: Choice, private readonly actions: ChoiceActions,
    private readonly ranker: BudgetRanker, private readonly names: DisplayNames = FILE_NAMES) {
    this.mode = start.mode;
    const group = nextId('scenario');
    const options = [...scenarios.map((s) => [s.name, names.scenario(s.name, s.title)] as const), [MY_BUDGET, t('widgets.budget.mine')] as const];
    const radios = h('div', { class: 'scenario-list', role: 'radiogroup', 'aria-label': t('widgets.budget.scenario') }, ...options.map(([value, title]) => {
      const id = nextId('scenario-option');
      const input = h('input', { type: 'radio', name: group, id, value });
      input.checked = value === this.mode;
      input.addEventListener('change', () => this.selectMode(value));
      this.radios.push(input);
      return h('span', { class: 'radio' }, input, h('label', { for: id }, title));
    }));
    const budgetBox = h('div', { class: 'budget' });
    for (const key of Object.keys(models) as BudgetKey[]) {
      const model = models[key]!;
      const enabled = h('input', { type: 'checkbox', 'aria-label': t('widgets.budget.limit', { label: model.label }) });
      const value = start.budget[key];
      enabled.checked = value !== undefined;
      const control = createControl(model, value ?? (key === 'min_accuracy' ? model.min : model.max), {
        input: () => { enabled.checked = true; this.budgetMoved(); },
        change: () => { enabled.checked = true; this.budgetMoved(); },
      });
      enabled.addEventListener('change', () => this.budgetMoved());
      this.rows.push({ key, enabled, control });
      budgetBox.append(h('div', { class: 'budget-row' }, enabled, control.element));
    }
    this.element = h('div', { class: 'choice' }, h('h4', {}, t('widgets.budget.heading')), radios, this.reason, budgetBox, this.fitList);
    if (this.mode !== MY_BUDGET) this.showBudget(this.scenarioOf(this.mode) ? scenarioBudget(this.scenarioOf(this.mode)!) : {});
    this.render();
  }

  current(): Choice {
    const budget = this.budget();
    if (this.mode === MY_BUDGET) return { mode: this.mode, budget, highlight: this.ranker.get(this.variants, budget)?.best ?? null };
    return { mode: this.mode, budget, highlight: this.scenarioOf(this.mode)?.ranking[0]?.name ?? null };
  }

  private scenarioOf(name: string): ScenarioResult | undefined {
    return this.scenarios.find((s) => s.name === name);
  }

  private budget(): Budget {
    const out: Budget = {};
    for (const row of this.rows) if (row.enabled.checked) out[row.key] = row.control.value() as number;
    return out;
  }

  private showBudget(budget: Budget): void {
    for (const row of this.rows) {
      const value = budget[row.key];
      row.enabled.checked = value !== undefined;
      if (value !== undefined) row.control.set(value);
    }
  }

  private selectMode(mode: string): void {
    this.mode = mode;
    const scenario = this.scenarioOf(mode);
    if (scenario) this.showBudget(scenarioBudget(scenario));
    this.render();
    this.actions.changed(this.current());
  }

  private budgetMoved(): void {
    if (this.mode !== MY_BUDGET) {
      this.mode = MY_BUDGET;
      this.radios.forEach((r) => { r.checked = r.value === MY_BUDGET; });
    }
    this.render();
    this.actions.changed(this.current());
  }

  /** Shows the engine's budget ranking that has just arrived. */
  refresh(): void {
    this.render();
  }

  private render(): void {
    const choice = this.current();
    const scenario = this.scenarioOf(this.mode);
    const ranking = this.ranker.get(this.variants, choice.budget);
    const fitting = this.variants.filter((v) => missesOf(ranking, v.name).length === 0);
    if (scenario) {
      this.reason.textContent = scenarioReason(scenario, this.variants, this.score, this.names);
    } else {
      const best = this.variants.find((v) => v.name === choice.highlight);
      this.reason.textContent = best
        ? t('widgets.budget.best', {
          phrase: bestPhrase(this.score), name: this.names.variant(best.name), score: scoreText(this.score, best.score),
          latency: formatMicros(best.latency.single_median_us), size: formatBytes(best.size_bytes),
        })
        : t('widgets.budget.noneFits');
    }
    this.fitList.textContent = t('widgets.budget.fitting', {
      count: fitting.length, total: this.variants.length, names: fitting.map((v) => this.names.variant(v.name)).join(', '),
    });
  }
}

/** The choice's place before the first result: its heading, the file's scenarios (not
 *  choosable yet) and one empty cell per budget limit in the same grid, so the choice that
 *  replaces it takes about the same height and the table under it does not move. */
export function pendingChoice(scenarios: { title: string }[], limits: number): HTMLElement {
  return h('div', { class: 'choice pending-choice', 'aria-hidden': 'true' }, h('h4', {}, t('widgets.budget.heading')),
    h('div', { class: 'scenario-list' }, ...[...scenarios.map((s) => s.title), t('widgets.budget.mine')].map((title) =>
      h('span', { class: 'radio' }, h('input', { type: 'radio', disabled: true, tabindex: -1 }), h('span', {}, title)))),
    h('p', { class: 'reason' }, t('widgets.budget.pending')),
    h('div', { class: 'budget' }, ...Array.from({ length: limits }, () => h('div', { class: 'budget-row pending' }))),
    h('p', { class: 'fit-list' }, '…'));
}
