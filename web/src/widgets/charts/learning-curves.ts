// Learning curves (chart "loss_curves"): one small chart per experiment, side by side with a
// shared loss axis, train and validation loss with the generalization gap between them shaded.
// With early stopping, the best and the stop epoch are marked and the epochs it saved shaded.
// Pinned runs of the same experiment are drawn under the live one, faint and dashed.
import { t } from '../widget-i18n.ts';
import { fixed, percent } from '../model/locale-number.ts';
import { splitMetric } from '../model/words.ts';

import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import type { PanelChart, PanelView, PinView } from '../optimization-lab/panel-view.ts';
import { PIN_ALPHA, PIN_DASHES } from '../optimization-lab/panel-pins.ts';
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { drawMarkers, shadeBetween, shadeRange } from './chart-draw.ts';

/** A loss with 3 decimals in the locale, '–' when there is none. */
const loss3 = (v: number | null | undefined): string => (typeof v === 'number' ? fixed(v, 3) : '–');

export interface HistoryRow {
  epoch: number;
  loss: number | null;
  accuracy?: number | null;
  val_loss: number | null;
  val_accuracy?: number | null;
  learning_rate?: number;
}

export interface EarlyStop {
  best_epoch: number;
  best_value?: number;
  stopped_epoch: number;
  restored: boolean;
  epochs_run: number;
  epochs_saved: number;
  monitor?: string;
}

/** Top of the loss axis at most: far above any loss worth reading, far below overflow. */
const MAX_LOSS_AXIS = 1e12;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function historyOf(result: unknown): HistoryRow[] {
  const history = (result as { history?: unknown } | undefined)?.history;
  return Array.isArray(history) ? (history as HistoryRow[]) : [];
}

export function earlyStopOf(result: unknown): EarlyStop | null {
  const stop = (result as { early_stopping?: unknown } | undefined)?.early_stopping;
  return stop && typeof stop === 'object' ? (stop as EarlyStop) : null;
}

/** The loss the history holds: the head's training loss, cross-entropy for classes (log loss
 *  for two) or the MSE of a numeric target, which trains standardized (run_mlp), so it is in
 *  standard deviations squared. Read from the rows, not the result's task: while a run streams
 *  there are only rows, and a regression's have no accuracy. */
export function lossLabel(rows: HistoryRow[]): string {
  if (!rows.length) return t('widgets.curves.loss');
  return t(rows.some((r) => num(r.accuracy) !== null) ? 'widgets.curves.crossEntropy' : 'widgets.curves.mse');
}

/** The pinned runs drawn on one experiment's chart: their labels and pin numbers. */
interface PinnedCurves { label: string; index: number; rows: HistoryRow[] }

function curveOptions(planned: number, y: { max: number }, stop: EarlyStop | null, loss: string, pins: PinnedCurves[]) {
  return (theme: ChartTheme): Omit<uPlot.Options, 'width'> => {
    const [train, val] = theme.palette;
    const pinned = pins.flatMap((p): uPlot.Series[] => {
      const dash = PIN_DASHES[p.index % PIN_DASHES.length];
      return [
        { label: t('widgets.curves.pinned', { pin: p.label, series: splitMetric('train', loss) }), stroke: alpha(train, PIN_ALPHA), width: 1.5, dash },
        { label: t('widgets.curves.pinned', { pin: p.label, series: splitMetric('validation', loss) }), stroke: alpha(val, PIN_ALPHA), width: 1.5, dash },
      ];
    });
    return {
      height: 220,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [1, Math.max(2, planned)] }, y: { range: () => [0, y.max] } },
      axes: [axis(theme, { label: t('widgets.curves.epoch'), size: 40 }), axis(theme, { label: loss, size: 48 })],
      series: [
        { label: t('widgets.curves.epoch') },
        { label: splitMetric('train', loss), stroke: train, width: 2 },
        { label: splitMetric('validation', loss), stroke: val, width: 2 },
        ...pinned,
      ],
      hooks: {
        drawAxes: [(u) => {
          shadeBetween(u, 1, 2, alpha(val, 0.16));
          if (stop && stop.epochs_saved > 0) {
            shadeRange(u, stop.epochs_run, planned, alpha(theme.muted, 0.12), t('widgets.curves.notRun', { count: stop.epochs_saved }), theme.muted);
          }
        }],
        draw: [(u) => {
          if (!stop) return;
          drawMarkers(u, [
            { x: stop.best_epoch, label: t('widgets.curves.best', { epoch: stop.best_epoch }), color: theme.palette[2], dash: [4, 3] },
            ...(stop.stopped_epoch > 0 ? [{ x: stop.stopped_epoch, label: t('widgets.curves.stop', { epoch: stop.stopped_epoch }), color: theme.fg }] : []),
          ]);
        }],
      },
    };
  };
}

/** Text alternative: final losses (and accuracies, for classes), the gap, early stopping. */
export function describeCurves(rows: HistoryRow[], planned: number, stop: EarlyStop | null): string {
  if (!rows.length) return t('widgets.curves.none');
  const last = rows[rows.length - 1];
  const gap = last.val_loss !== null && last.loss !== null ? last.val_loss - last.loss : null;
  const bestVal = rows.reduce((best, r) => (r.val_loss !== null && (best === null || r.val_loss < best.val_loss!) ? r : best), null as HistoryRow | null);
  const parts = [t('widgets.curves.last', { epoch: last.epoch, planned, train: loss3(last.loss), validation: loss3(last.val_loss) })];
  if (gap !== null) parts.push(t('widgets.curves.gap', { gap: `${gap >= 0 ? '+' : ''}${fixed(gap, 3)}` }));
  const accuracy = num(last.accuracy), valAccuracy = num(last.val_accuracy);
  if (accuracy !== null && valAccuracy !== null) parts.push(t('widgets.curves.accuracy', { train: percent(accuracy, 1), validation: percent(valAccuracy, 1) }));
  if (bestVal) parts.push(t('widgets.curves.lowest', { loss: fixed(bestVal.val_loss!, 3), epoch: bestVal.epoch }));
  if (stop) {
    parts.push(stop.stopped_epoch > 0
      ? t('widgets.curves.stopped', {
        stopped: stop.stopped_epoch, best: stop.best_epoch, restored: stop.restored ? 'yes' : 'no', saved: stop.epochs_saved,
        share: percent(stop.epochs_saved / Math.max(1, planned), 0),
      })
      : t('widgets.curves.neverStopped', { best: stop.best_epoch }));
  }
  return `${parts.join('; ')}.`;
}

/** A pin's text for the summary: its final losses and, with early stopping, where it stopped. */
function describePinned(pin: PinnedCurves, stop: EarlyStop | null): string {
  const last = pin.rows[pin.rows.length - 1];
  if (!last) return t('widgets.curves.pinComputing', { pin: pin.label });
  return t('widgets.curves.pinLast', { pin: pin.label, epoch: last.epoch, train: loss3(last.loss), validation: loss3(last.val_loss) })
    + (stop ? t('widgets.curves.pinBest', { best: stop.best_epoch }) : '');
}

/** Values by epoch 1..count (a gap where a run has no row). */
function byEpoch(rows: HistoryRow[], key: 'loss' | 'val_loss', count: number): (number | null)[] {
  const out: (number | null)[] = new Array(count).fill(null);
  for (const r of rows) if (r.epoch >= 1 && r.epoch <= count) out[r.epoch - 1] = num(r[key]);
  return out;
}

export class LearningCurves implements PanelChart {
  readonly element = h('div', { class: 'chart-grid' });
  readonly charts: LabChart[] = [];
  /** The shared loss axis, read by every chart's range function (streaming moves it). */
  private readonly y = { max: 1 };
  /** What each chart last drew: while one experiment streams, the others need no redraw. */
  private readonly drawn: { result: unknown; rows: number; shape: string; yMax: number; pins: unknown[] }[] = [];

  constructor(private readonly host: Element) {}

  update(view: PanelView): void {
    const names = view.experiments;
    while (this.charts.length < names.length) {
      const chart = new LabChart(view.label(names[this.charts.length]), this.host, 220);
      this.charts.push(chart);
      this.element.append(chart.element);
    }
    let yMax = 0;
    const pinsOf = (name: string) => view.pins.map((p: PinView, index) => ({ label: p.label, index, rows: historyOf(p.results[name]), result: p.results[name], planned: p.plannedEpochs(name) }))
      .filter((p) => p.result);
    for (const name of names) {
      for (const rows of [historyOf(view.results[name]), ...pinsOf(name).map((p) => p.rows)]) {
        for (const r of rows) yMax = Math.max(yMax, num(r.loss) ?? 0, num(r.val_loss) ?? 0);
      }
    }
    // A diverged run (a large learning rate and weight decay) can report losses near the
    // largest double: ×1.1 is then Infinity, and uPlot's tick loop over [0, Infinity] grows an
    // array until it throws (the soak test found it). The axis stops at MAX_LOSS_AXIS.
    this.y.max = yMax > 0 ? Math.min(Math.ceil(yMax * 11) / 10, MAX_LOSS_AXIS) : 1;
    names.forEach((name, i) => {
      const result = view.results[name];
      const rows = historyOf(result);
      const pins = pinsOf(name);
      const planned = Math.max(view.plannedEpochs(name), ...pins.map((p) => p.planned));
      const stop = earlyStopOf(result);
      const loss = lossLabel(rows);
      const shape = JSON.stringify([planned, stop, loss, pins.map((p) => [p.label, p.index])]);
      const last = this.drawn[i];
      const pinResults = pins.map((p) => p.result);
      if (last && last.result === result && last.rows === rows.length && last.shape === shape && last.yMax === this.y.max
        && last.pins.length === pinResults.length && last.pins.every((r, k) => r === pinResults[k])) return;
      this.drawn[i] = { result, rows: rows.length, shape, yMax: this.y.max, pins: pinResults };
      // Without pins the x values are the live run's epochs (streaming appends to them); with
      // pins, every epoch any of them reached.
      const count = Math.max(0, ...[rows, ...pins.map((p) => p.rows)].map((r) => r.at(-1)?.epoch ?? 0));
      const data: uPlot.AlignedData = pins.length
        ? [Array.from({ length: count }, (_, k) => k + 1), byEpoch(rows, 'loss', count), byEpoch(rows, 'val_loss', count),
          ...pins.flatMap((p) => [byEpoch(p.rows, 'loss', count), byEpoch(p.rows, 'val_loss', count)])]
        : [rows.map((r) => r.epoch), rows.map((r) => num(r.loss)), rows.map((r) => num(r.val_loss))];
      this.charts[i].draw(shape, curveOptions(planned, this.y, stop, loss, pins), data);
      this.charts[i].describe([describeCurves(rows, view.plannedEpochs(name), stop), ...pins.map((p) => describePinned(p, earlyStopOf(p.result)))].join(' '));
    });
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
