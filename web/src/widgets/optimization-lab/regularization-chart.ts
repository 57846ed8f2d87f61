// Chart "coefficient_path" (and "cv_curve"): coefficient bars at the current λ with the count
// of non-zeros, the whole path with λ, λ_min and λ_1se marked, and train vs validation fit
// along it. The path comes from one run; the λ control reads it (PanelView.value). A
// multinomial model has one coefficient per class and feature: a class picker chooses whose
// are drawn (the count of non-zeros is over every class).
import { t } from '../widget-i18n.ts';
import { fixed, percent } from '../model/locale-number.ts';
import { h, nextId } from '../../dom.ts';
import { CoefficientBars } from '../charts/coefficient-bars.ts';
import type { LabChart } from '../charts/lab-chart.ts';
import { RegularizationPath } from '../charts/regularization-path.ts';
import { formatValue } from '../controls/control-view.ts';
import { type PathRow, cvOf, nearestPathIndex, outsidePath, pathOf } from '../model/path.ts';
import { type MetricSpec, type TaskKind, coefficientsFor, cvMetricLabel, pathMetrics, perClass, taskOf } from '../model/task.ts';
import type { PanelChart, PanelView } from './panel-view.ts';

const pct = (v: number | undefined) => (typeof v === 'number' ? percent(v, 1) : '–');
const fixed3 = (v: number | undefined) => (typeof v === 'number' ? fixed(v, 3) : '–');

/** Every coefficient of a row, over all classes of a multinomial model. */
function allCoefficients(row: PathRow): number[] {
  return perClass(row.coefficients) ? Object.values(row.coefficients).flatMap((c) => Object.values(c)) : Object.values(row.coefficients);
}

export function describeLambda(rows: PathRow[], index: number, lambda: number, kind: TaskKind = 'binary'): string {
  const row = rows[index];
  const total = allCoefficients(row).length;
  const where = outsidePath(rows, lambda);
  const note = where === 'above' ? t('widgets.path.above', { lambda: formatValue(lambda) })
    : where === 'below' ? t('widgets.path.below', { lambda: formatValue(lambda) }) : '';
  const fit = kind === 'regression'
    ? t('widgets.path.fitNumber', { train: fixed3(row.train?.r2), validation: fixed3(row.validation?.r2), rmse: fixed3(row.validation?.rmse) })
    : t('widgets.path.fitClasses', { train: pct(row.train?.accuracy), validation: pct(row.validation?.accuracy), loss: fixed3(row.validation?.log_loss) });
  return t('widgets.path.at', { lambda: formatValue(row.lambda), note, nonzero: row.nonzero, total, all: perClass(row.coefficients) ? 'yes' : 'no', fit });
}

export class RegularizationChart implements PanelChart {
  readonly element: HTMLElement;
  readonly charts: LabChart[];
  private readonly bars: CoefficientBars;
  private readonly path: RegularizationPath;
  private readonly readout = h('p', { class: 'readout', 'aria-live': 'polite' });
  private readonly nonzero = h('p', { class: 'nonzero-count' });
  private readonly metric = h('select', {});
  private readonly classPicker = h('select', { class: 'class-picker' });
  private readonly classControl: HTMLElement;
  private readonly empty = h('p', { class: 'muted' }, t('widgets.path.empty'));
  private shown: unknown = null;
  private shownPins: unknown[] = [];
  private shownMetric = '';
  private shownClass: string | null = null;
  private metricsOf: MetricSpec[] = [];
  private limit = 1;
  private view: PanelView | null = null;

  constructor(host: Element) {
    this.bars = new CoefficientBars(host);
    this.path = new RegularizationPath(host);
    this.charts = [this.bars.chart, this.path.pathChart, this.path.metricChart];
    const metricId = nextId('path-metric');
    this.metric.id = metricId;
    this.metric.addEventListener('change', () => this.view && this.update(this.view));
    const classId = nextId('path-class');
    this.classPicker.id = classId;
    this.classPicker.addEventListener('change', () => this.view && this.update(this.view));
    this.classControl = h('div', { class: 'controls' }, h('label', { for: classId }, t('widgets.path.classPicker')), this.classPicker);
    this.element = h('div', { class: 'regularization' }, this.empty, this.readout, this.nonzero, this.classControl,
      h('div', { class: 'chart-grid' }, this.bars.chart.element, this.path.pathChart.element),
      h('div', { class: 'controls' }, h('label', { for: metricId }, t('widgets.path.metricPicker')), this.metric),
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
    const task = taskOf(result);
    if (result !== this.shown) this.offerChoices(task.kind, perClass(rows[0].coefficients) ? Object.keys(rows[0].coefficients) : []);
    this.classControl.hidden = !perClass(rows[0].coefficients);
    const metric = this.metricsOf.find((m) => m.key === this.metric.value) ?? this.metricsOf[0];
    const cls = this.classControl.hidden ? null : this.classPicker.value;
    const pins = view.pins.map((p, index) => ({ label: p.label, index, rows: pathOf(p.results[view.experiments[0]]) })).filter((p) => p.rows.length);
    const pinRows = pins.map((p) => p.rows);
    const pinsChanged = pinRows.length !== this.shownPins.length || pinRows.some((r, i) => r !== this.shownPins[i]);
    if (result !== this.shown || metric.key !== this.shownMetric || cls !== this.shownClass || pinsChanged) {
      this.shown = result;
      this.shownPins = pinRows;
      this.shownMetric = metric.key;
      this.shownClass = cls;
      // The axis spans every class, so switching classes compares them on one scale.
      this.limit = Math.max(0, ...rows.flatMap((r) => allCoefficients(r).map(Math.abs)));
      const cv = cvOf(result);
      this.path.setPath(rows, cv, metric, metric === this.metricsOf[0], cls, pins);
      const loss = cvMetricLabel(cv?.metric);
      this.path.pathChart.describe(t('widgets.path.describe', { fits: rows.length, from: formatValue(rows[0].lambda), to: formatValue(rows[rows.length - 1].lambda), cls: cls ?? '', hasClass: cls ? 'yes' : 'no' })
        + (pins.length ? t('widgets.path.describePins', { pins: pins.map((p) => p.label).join('; ') }) : '')
        + (cv ? t('widgets.path.describeCv', { folds: cv.folds, min: formatValue(cv.lambda_min), loss, se: formatValue(cv.lambda_1se) }) : '.'));
      this.path.metricChart.describe(t('widgets.path.describeMetric', { metric: metric.label }));
    }
    const lambda = Number(view.value('model.lambda'));
    const index = nearestPathIndex(rows, Number.isFinite(lambda) && lambda > 0 ? lambda : rows[0].lambda);
    const row = rows[index];
    const shown = coefficientsFor(row.coefficients, cls);
    this.bars.update(shown, this.limit);
    this.path.setLambda(Number.isFinite(lambda) && lambda > 0 ? lambda : row.lambda);
    const nonzero = Object.values(shown).filter((v) => v !== 0).length;
    this.nonzero.textContent = cls
      ? t('widgets.path.nonzeroClass', { nonzero, total: Object.keys(shown).length, cls, all: row.nonzero, allTotal: allCoefficients(row).length })
      : t('widgets.path.nonzero', { nonzero: row.nonzero, total: Object.keys(shown).length });
    this.readout.textContent = describeLambda(rows, index, lambda, task.kind);
  }

  /** The metric choices for the run's task, and its classes when coefficients are per class. */
  private offerChoices(kind: TaskKind, classes: string[]): void {
    const metrics = pathMetrics(kind);
    if (metrics.map((m) => m.key).join() !== this.metricsOf.map((m) => m.key).join()) {
      const keep = this.metric.value;
      this.metricsOf = metrics;
      this.metric.replaceChildren(...metrics.map((m, i) => h('option', { value: m.key }, i === 0 ? t('widgets.path.withCv', { metric: m.label }) : m.label)));
      if (metrics.some((m) => m.key === keep)) this.metric.value = keep;
    }
    const now = [...this.classPicker.options].map((o) => o.value);
    if (now.join('\u0000') !== classes.join('\u0000')) {
      const keep = this.classPicker.value;
      this.classPicker.replaceChildren(...classes.map((c) => h('option', { value: c }, c)));
      if (classes.includes(keep)) this.classPicker.value = keep;
    }
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
