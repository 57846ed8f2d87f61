// The main score (accuracy, or R² for a numeric target) and size together against the swept
// setting (pruned share of weights): two y axes, the current slider value marked. Filled in
// variant by variant while the sweep runs.
import type uPlot from 'uplot';
import type { ScoreInfo, VariantRow } from '../model/tradeoff.ts';
import { drawMarkers } from './chart-draw.ts';
import { LabChart, axis } from './lab-chart.ts';
import { t } from '../widget-i18n.ts';
import { splitMetric } from '../model/words.ts';

export class SweepChart {
  readonly chart: LabChart;
  private readonly marker = { x: 0 };

  constructor(host: Element, private readonly xLabel: string) {
    this.chart = new LabChart(t('widgets.sweep.title', { metric: t('widgets.sweep.score'), x: xLabel }), host, 240);
  }

  /** `score` null: not known yet (nothing has run), the chart says "score". */
  update(xs: number[], rows: (VariantRow | undefined)[], current: number, score: ScoreInfo | null): void {
    this.marker.x = current;
    const label = score?.label ?? t('widgets.sweep.score');
    this.chart.retitle(t('widgets.sweep.title', { metric: label, x: this.xLabel }));
    // Accuracy stays in [0, 1]; R² is at most 1 but falls below 0 for a model worse than the mean.
    this.chart.draw(`${xs.length} ${label}`, (theme) => ({
      height: 240,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [Math.min(...xs), Math.max(...xs)] }, acc: { range: (_u, lo, hi) => [score?.name === 'accuracy' ? Math.max(0, lo - 0.02) : lo - 0.02, Math.min(1, hi + 0.02)] }, size: { range: (_u, _lo, hi) => [0, hi * 1.1 || 1] } },
      axes: [
        axis(theme, { label: this.xLabel, size: 40 }),
        axis(theme, { scale: 'acc', label: splitMetric('test', label), size: 52, stroke: theme.palette[0] }),
        axis(theme, { scale: 'size', side: 1, label: t('widgets.sweep.size'), size: 52, grid: { show: false }, stroke: theme.palette[1] }),
      ],
      series: [
        { label: this.xLabel },
        { label, scale: 'acc', stroke: theme.palette[0], width: 2, points: { show: true, size: 5 } },
        { label: t('widgets.sweep.size'), scale: 'size', stroke: theme.palette[1], width: 2, dash: [5, 3], points: { show: true, size: 5 } },
      ],
      hooks: { draw: [(u: uPlot) => drawMarkers(u, [{ x: this.marker.x, label: t('widgets.sweep.you'), color: theme.fg }])] },
    }), [xs, rows.map((r) => r?.score ?? null), rows.map((r) => (r ? r.size_bytes / 1024 : null))]);
  }

  setCurrent(x: number): void {
    this.marker.x = x;
    this.chart.redraw();
  }
}
