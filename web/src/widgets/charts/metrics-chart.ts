// Chart "metrics": the task's main score (accuracy, or R² for regression) of each experiment on
// the train, validation and test rows as a dot plot (the panel's table has the exact numbers).
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import type { PanelChart, PanelView } from '../optimization-lab/panel-view.ts';
import { mainScore, metricOf, taskOf } from '../model/task.ts';
import { LabChart, axis } from './lab-chart.ts';
import { t } from '../widget-i18n.ts';
import { fixed } from '../model/locale-number.ts';

const SPLITS = ['train', 'validation', 'test'] as const;

export class MetricsChart implements PanelChart {
  readonly element = h('div', {});
  readonly charts: LabChart[];
  private readonly chart: LabChart;
  private labels: string[] = [];

  constructor(host: Element) {
    this.chart = new LabChart(t('widgets.metrics.title'), host, 220);
    this.charts = [this.chart];
    this.element.append(this.chart.element);
  }

  update(view: PanelView): void {
    const names = view.experiments;
    this.labels = names.map((n) => view.label(n));
    const score = mainScore(taskOf(view.results[names[0]]).kind);
    const of = (n: string, s: string) => metricOf(view.results[n], s, score.key);
    const data: uPlot.AlignedData = [names.map((_, i) => i), ...SPLITS.map((s) => names.map((n) => of(n, s)))];
    // R² can fall below 0 (worse than predicting the mean): its axis follows the data.
    const yRange: uPlot.Scale['range'] = score.unit ? [0, 1] : (_u, lo, hi) => [Math.min(0, lo), Math.max(1, hi)];
    this.chart.draw(`${score.key}:${this.labels.join('\u0000')}`, (theme) => ({
      height: 220,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: yRange } },
      axes: [
        axis(theme, { splits: () => names.map((_, i) => i), values: (_u, s) => s.map((i) => this.labels[i] ?? ''), grid: { show: false } }),
        axis(theme, { label: score.label, size: 48 }),
      ],
      series: [{}, ...SPLITS.map((s, i) => ({
        label: t('widgets.split', { split: s }), fill: theme.palette[i], stroke: theme.palette[i],
        paths: () => null, points: { show: true, size: 10, width: 2, fill: theme.palette[i] },
      }))],
    }), data);
    const value = (n: string, s: string) => { const v = of(n, s); return v === null || v === undefined ? '–' : fixed(v, 3); };
    this.chart.describe(t('widgets.metrics.describe', { metric: score.label }) + ' '
      + names.map((n) => `${view.label(n)}: ${SPLITS.map((s) => `${t('widgets.split', { split: s })} ${value(n, s)}`).join(', ')}`).join('; ') + '.');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
