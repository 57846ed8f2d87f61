// Chart "coefficient_path" (and "cv_curve"): coefficient bars at the current λ with the count
// of non-zeros, the whole path with λ, λ_min and λ_1se marked, and train vs validation fit
// along it. The path comes from one run; the λ control reads it (PanelView.value).
import { h, nextId } from '../../dom.ts';
import { CoefficientBars } from '../charts/coefficient-bars.ts';
import type { LabChart } from '../charts/lab-chart.ts';
import { type PathMetric, RegularizationPath } from '../charts/regularization-path.ts';
import { formatValue } from '../controls/control-view.ts';
import { type PathRow, cvOf, nearestPathIndex, outsidePath, pathOf } from '../model/path.ts';
import type { PanelChart, PanelView } from './panel-view.ts';

const pct = (v: number | undefined) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : '–');

export function describeLambda(rows: PathRow[], index: number, lambda: number): string {
  const row = rows[index];
  const total = Object.keys(row.coefficients).length;
  const where = outsidePath(rows, lambda);
  const note = where === 'above' ? ` (λ = ${formatValue(lambda)} is above the path's largest λ, where every coefficient is already at its strongest shrinkage; showing the nearest fit)`
    : where === 'below' ? ` (λ = ${formatValue(lambda)} is below the path's smallest λ; showing the nearest fit)` : '';
  return `At λ = ${formatValue(row.lambda)}${note}: ${row.nonzero} of ${total} coefficients non-zero; `
    + `train accuracy ${pct(row.train?.accuracy)}, validation accuracy ${pct(row.validation?.accuracy)}; `
    + `validation log loss ${row.validation ? row.validation.log_loss.toFixed(3) : '–'}.`;
}

export class RegularizationChart implements PanelChart {
  readonly element: HTMLElement;
  readonly charts: LabChart[];
  private readonly bars: CoefficientBars;
  private readonly path: RegularizationPath;
  private readonly readout = h('p', { class: 'readout', 'aria-live': 'polite' });
  private readonly nonzero = h('p', { class: 'nonzero-count' });
  private readonly metric = h('select', {});
  private readonly empty = h('p', { class: 'muted' }, 'Run the experiment: the engine fits the whole path once, then the λ slider reads it.');
  private shown: unknown = null;
  private shownMetric: PathMetric | null = null;
  private limit = 1;
  private view: PanelView | null = null;

  constructor(host: Element) {
    this.bars = new CoefficientBars(host);
    this.path = new RegularizationPath(host);
    this.charts = [this.bars.chart, this.path.pathChart, this.path.metricChart];
    const metricId = nextId('path-metric');
    this.metric.id = metricId;
    this.metric.append(h('option', { value: 'log_loss' }, 'log loss (with cross-validation)'), h('option', { value: 'accuracy' }, 'accuracy'));
    this.metric.addEventListener('change', () => this.view && this.update(this.view));
    this.element = h('div', { class: 'regularization' }, this.empty, this.readout, this.nonzero,
      h('div', { class: 'chart-grid' }, this.bars.chart.element, this.path.pathChart.element),
      h('div', { class: 'controls' }, h('label', { for: metricId }, 'Fit along the path:'), this.metric),
      this.path.metricChart.element);
  }

  update(view: PanelView): void {
    this.view = view;
    const result = view.results[view.experiments[0]];
    const rows = pathOf(result);
    const ready = rows.length > 0;
    this.empty.hidden = ready;
    for (const part of [...this.element.children].slice(1)) (part as HTMLElement).hidden = !ready;
    if (!ready) return;
    const metric = this.metric.value as PathMetric;
    if (result !== this.shown || metric !== this.shownMetric) {
      this.shown = result;
      this.shownMetric = metric;
      this.limit = Math.max(0, ...rows.flatMap((r) => Object.values(r.coefficients).map(Math.abs)));
      this.path.setPath(rows, cvOf(result), metric);
      const cv = cvOf(result);
      this.path.pathChart.describe(`${rows.length} fits from λ = ${formatValue(rows[0].lambda)} down to ${formatValue(rows[rows.length - 1].lambda)}`
        + (cv ? `; ${cv.folds}-fold cross-validation picks λ_min = ${formatValue(cv.lambda_min)} (lowest mean log loss) and λ_1se = ${formatValue(cv.lambda_1se)} (the strongest penalty within one standard error of it).` : '.'));
      this.path.metricChart.describe(`Train and validation ${metric === 'log_loss' ? 'log loss' : 'accuracy'} of each fit on the path.`);
    }
    const lambda = Number(view.value('model.lambda'));
    const index = nearestPathIndex(rows, Number.isFinite(lambda) && lambda > 0 ? lambda : rows[0].lambda);
    const row = rows[index];
    this.bars.update(row.coefficients, this.limit);
    this.path.setLambda(Number.isFinite(lambda) && lambda > 0 ? lambda : row.lambda);
    const total = Object.keys(row.coefficients).length;
    this.nonzero.textContent = `${row.nonzero} of ${total} coefficients non-zero (hollow rings mark exact zeros)`;
    this.readout.textContent = describeLambda(rows, index, lambda);
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
