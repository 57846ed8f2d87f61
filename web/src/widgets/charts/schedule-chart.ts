// Chart "learning_rate": the schedules overlaid (each experiment's history[].learning_rate, log
// axis) and, below, their loss curves overlaid (validation solid, train dashed), so a learner
// sees what each schedule does to training. Curves fill in epoch by epoch while they train.
// Pinned runs (the learner's earlier settings) are drawn faint and dashed in their schedule's
// colour: rates and validation losses.
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import type { PanelChart, PanelView } from '../optimization-lab/panel-view.ts';
import { PIN_ALPHA, PIN_DASHES } from '../optimization-lab/panel-pins.ts';
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { historyOf } from './learning-curves.ts';
import { t } from '../widget-i18n.ts';
import { fixed, precise } from '../model/locale-number.ts';

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
    this.rate = new LabChart(t('widgets.schedule.rateTitle'), host, 200);
    this.loss = new LabChart(t('widgets.schedule.lossTitle'), host, 200);
    this.charts = [this.rate, this.loss];
    this.element.append(this.rate.element, this.loss.element);
  }

  update(view: PanelView): void {
    const names = view.experiments;
    // Each pinned run of each schedule: its colour is the schedule's, its dash the pin's.
    const pinned = view.pins.flatMap((p, pin) => names.map((n, i) => ({ label: t('widgets.pins.ofExperiment', { pin: p.label, name: view.label(n) }), result: p.results[n], colour: i, pin, planned: p.plannedEpochs(n) })))
      .filter((p) => p.result);
    const epochs = Math.max(1, ...names.map((n) => view.plannedEpochs(n)), ...pinned.map((p) => p.planned));
    const xs = Array.from({ length: epochs }, (_, i) => i + 1);
    const column = (result: unknown, key: 'learning_rate' | 'loss' | 'val_loss') => {
      const out: (number | null)[] = new Array(epochs).fill(null);
      for (const row of historyOf(result)) if (row.epoch >= 1 && row.epoch <= epochs) out[row.epoch - 1] = plotted(key, num(row[key]));
      return out;
    };
    const labels = names.map((n) => view.label(n));
    const shape = JSON.stringify([epochs, labels, pinned.map((p) => p.label)]);
    const pinSeries = (theme: ChartTheme, suffix: string): uPlot.Series[] => pinned.map((p) => ({
      label: `${p.label}${suffix}`, stroke: alpha(theme.palette[p.colour % theme.palette.length], PIN_ALPHA), width: 1.5,
      dash: PIN_DASHES[p.pin % PIN_DASHES.length],
    }));
    this.rate.draw(shape, (theme) => this.options(theme, labels, epochs, t('widgets.schedule.rate'), true, false, pinSeries(theme, '')),
      [xs, ...names.map((n) => column(view.results[n], 'learning_rate')), ...pinned.map((p) => column(p.result, 'learning_rate'))]);
    this.loss.draw(shape, (theme) => this.options(theme, labels, epochs, t('widgets.curves.loss'), false, true, pinSeries(theme, ` ${t('widgets.schedule.validation')}`)),
      [xs, ...names.flatMap((n) => [column(view.results[n], 'val_loss'), column(view.results[n], 'loss')]), ...pinned.map((p) => column(p.result, 'val_loss'))]);
    this.rate.describe(names.map((n) => {
      const rows = historyOf(view.results[n]);
      const rate = (v: unknown) => { const x = num(v); return x === null || x === undefined ? '–' : precise(x, 3); };
      return rows.length ? t('widgets.schedule.describeRate', { name: view.label(n), first: rate(rows[0].learning_rate), last: rate(rows[rows.length - 1].learning_rate), epoch: rows[rows.length - 1].epoch })
        : t('widgets.schedule.notRun', { name: view.label(n) });
    }).join('; ') + '.');
    this.loss.describe(names.map((n) => {
      const rows = historyOf(view.results[n]);
      const best = rows.reduce((b, r) => (num(r.val_loss) !== null && (b === null || r.val_loss! < b) ? r.val_loss : b), null as number | null);
      return t('widgets.schedule.describeLowest', { name: view.label(n), loss: best === null ? '–' : fixed(best, 3) });
    }).concat(pinned.map((p) => {
      const last = historyOf(p.result).at(-1);
      const loss = num(last?.val_loss);
      return t('widgets.schedule.describeFinal', { name: p.label, loss: loss === null || loss === undefined ? '–' : fixed(loss, 3) });
    })).join('; ') + '.');
  }

  private options(theme: ChartTheme, labels: string[], epochs: number, yLabel: string, log: boolean, withTrain: boolean, pinned: uPlot.Series[]): Omit<uPlot.Options, 'width'> {
    const series: uPlot.Series[] = [{ label: t('widgets.curves.epoch') }];
    labels.forEach((label, i) => {
      const stroke = theme.palette[i % theme.palette.length];
      series.push({ label: withTrain ? `${label} ${t('widgets.schedule.validation')}` : label, stroke, width: 2 });
      if (withTrain) series.push({ label: `${label} ${t('widgets.schedule.train')}`, stroke, width: 1, dash: [5, 4] });
    });
    series.push(...pinned);
    return {
      height: log ? 200 : 240,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [1, Math.max(2, epochs)] }, y: log ? { distr: 3, range: (_u, lo, hi) => logRange(lo, hi) } : {} },
      axes: [axis(theme, { label: t('widgets.curves.epoch'), size: 40 }), axis(theme, { label: yLabel, size: 56 })],
      series,
    };
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
