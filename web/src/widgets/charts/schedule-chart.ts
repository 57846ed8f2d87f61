// Chart "learning_rate": the schedules overlaid (each experiment's history[].learning_rate, log
// axis) and, below, their loss curves overlaid (validation solid, train dashed), so a learner
// sees what each schedule does to training. Curves fill in epoch by epoch while they train.
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import type { PanelChart, PanelView } from '../optimization-lab/panel-view.ts';
import { type ChartTheme, LabChart, axis } from './lab-chart.ts';
import { historyOf } from './learning-curves.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Highest loss drawn: a diverged run's losses near the largest double would make uPlot's
 *  auto range Infinity, and its tick loop then grows an array until it throws. */
const MAX_LOSS_DRAWN = 1e12;

/** A value as the chart can draw it: the log axis takes no rate <= 0 (a step schedule can decay
 *  to 0), and a loss is drawn at most at MAX_LOSS_DRAWN. (Both found by the soak test.) */
function plotted(key: 'learning_rate' | 'loss' | 'val_loss', v: number | null): number | null {
  if (v === null) return null;
  if (key === 'learning_rate') return v > 0 ? v : null;
  return Math.min(v, MAX_LOSS_DRAWN);
}

/** The learning-rate axis: uPlot's own log range over no data (a panel opened before its run,
 *  or a cancelled one) or one constant rate can be empty or not finite, and its tick loop then
 *  grows an array until it throws; here it is always a finite range of at least a decade. */
function logRange(lo: number | null, hi: number | null): [number, number] {
  if (lo === null || hi === null || !(lo > 0) || !Number.isFinite(hi) || !(hi >= lo)) return [1e-4, 1];
  const low = 10 ** Math.floor(Math.log10(lo)), high = 10 ** Math.ceil(Math.log10(hi));
  return high > low ? [low, high] : [low, low * 10];
}

export class ScheduleChart implements PanelChart {
  readonly element = h('div', { class: 'chart-stack' });
  readonly charts: LabChart[];
  private readonly rate: LabChart;
  private readonly loss: LabChart;

  constructor(host: Element) {
    this.rate = new LabChart('Learning rate by epoch', host);
    this.loss = new LabChart('Loss by epoch (validation solid, train dashed)', host);
    this.charts = [this.rate, this.loss];
    this.element.append(this.rate.element, this.loss.element);
  }

  update(view: PanelView): void {
    const names = view.experiments;
    const epochs = Math.max(1, ...names.map((n) => view.plannedEpochs(n)));
    const xs = Array.from({ length: epochs }, (_, i) => i + 1);
    const column = (name: string, key: 'learning_rate' | 'loss' | 'val_loss') => {
      const out: (number | null)[] = new Array(epochs).fill(null);
      for (const row of historyOf(view.results[name])) if (row.epoch >= 1 && row.epoch <= epochs) out[row.epoch - 1] = plotted(key, num(row[key]));
      return out;
    };
    const labels = names.map((n) => view.label(n));
    const shape = JSON.stringify([epochs, labels]);
    this.rate.draw(shape, (theme) => this.options(theme, labels, epochs, 'learning rate', true, false),
      [xs, ...names.map((n) => column(n, 'learning_rate'))]);
    this.loss.draw(shape, (theme) => this.options(theme, labels, epochs, 'loss', false, true),
      [xs, ...names.flatMap((n) => [column(n, 'val_loss'), column(n, 'loss')])]);
    this.rate.describe(names.map((n) => {
      const rows = historyOf(view.results[n]);
      return rows.length ? `${view.label(n)}: ${num(rows[0].learning_rate)?.toPrecision(3)} at epoch 1 to ${num(rows[rows.length - 1].learning_rate)?.toPrecision(3)} at epoch ${rows[rows.length - 1].epoch}` : `${view.label(n)}: not run yet`;
    }).join('; ') + '.');
    this.loss.describe(names.map((n) => {
      const rows = historyOf(view.results[n]);
      const best = rows.reduce((b, r) => (num(r.val_loss) !== null && (b === null || r.val_loss! < b) ? r.val_loss : b), null as number | null);
      return `${view.label(n)}: lowest validation loss ${best === null ? '–' : best.toFixed(3)}`;
    }).join('; ') + '.');
  }

  private options(theme: ChartTheme, labels: string[], epochs: number, yLabel: string, log: boolean, withTrain: boolean): Omit<uPlot.Options, 'width'> {
    const series: uPlot.Series[] = [{ label: 'epoch' }];
    labels.forEach((label, i) => {
      const stroke = theme.palette[i % theme.palette.length];
      series.push({ label: withTrain ? `${label} (validation)` : label, stroke, width: 2 });
      if (withTrain) series.push({ label: `${label} (train)`, stroke, width: 1, dash: [5, 4] });
    });
    return {
      height: log ? 200 : 240,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [1, Math.max(2, epochs)] }, y: log ? { distr: 3, range: (_u, lo, hi) => logRange(lo, hi) } : {} },
      axes: [axis(theme, { label: 'epoch', size: 40 }), axis(theme, { label: yLabel, size: 56 })],
      series,
    };
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
