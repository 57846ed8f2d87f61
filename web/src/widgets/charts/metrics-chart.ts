// Chart "metrics": accuracy of each experiment on the train, validation and test rows as a dot
// plot (the panel's table below it has the exact numbers).
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import type { PanelChart, PanelView } from '../optimization-lab/panel-view.ts';
import { LabChart, axis } from './lab-chart.ts';

const SPLITS = ['train', 'validation', 'test'] as const;

export function accuracyOf(result: unknown, split: string): number | null {
  const m = (result as { metrics?: Record<string, { accuracy?: unknown } | null> } | undefined)?.metrics?.[split];
  return m && typeof m.accuracy === 'number' ? m.accuracy : null;
}

export class MetricsChart implements PanelChart {
  readonly element = h('div', {});
  readonly charts: LabChart[];
  private readonly chart: LabChart;
  private labels: string[] = [];

  constructor(host: Element) {
    this.chart = new LabChart('Accuracy by split', host);
    this.charts = [this.chart];
    this.element.append(this.chart.element);
  }

  update(view: PanelView): void {
    const names = view.experiments;
    this.labels = names.map((n) => view.label(n));
    const data: uPlot.AlignedData = [names.map((_, i) => i), ...SPLITS.map((s) => names.map((n) => accuracyOf(view.results[n], s)))];
    this.chart.draw(this.labels.join('\u0000'), (theme) => ({
      height: 220,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: [0, 1] } },
      axes: [
        axis(theme, { splits: () => names.map((_, i) => i), values: (_u, s) => s.map((i) => this.labels[i] ?? ''), grid: { show: false } }),
        axis(theme, { label: 'accuracy', size: 48 }),
      ],
      series: [{}, ...SPLITS.map((s, i) => ({
        label: s, fill: theme.palette[i], stroke: theme.palette[i],
        paths: () => null, points: { show: true, size: 10, width: 2, fill: theme.palette[i] },
      }))],
    }), data);
    this.chart.describe(names.map((n) => `${view.label(n)}: ${SPLITS.map((s) => `${s} ${accuracyOf(view.results[n], s)?.toFixed(3) ?? '–'}`).join(', ')}`).join('; ') + '.');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
