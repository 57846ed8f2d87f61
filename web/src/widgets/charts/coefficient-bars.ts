// Coefficient bars at the current λ: one horizontal bar per feature column (uPlot's bar path
// builder on a vertical x scale), exact zeros marked with a hollow ring on the zero line.
import uPlot from './uplot.ts';
import { type ChartTheme, LabChart, axis } from './lab-chart.ts';
import { t } from '../widget-i18n.ts';

export class CoefficientBars {
  readonly chart: LabChart;
  private names: string[] = [];
  private limit = { max: 1 };

  constructor(host: Element) {
    this.chart = new LabChart(t('widgets.bars.title'), host, 160);
  }

  /** `limit`: the largest |coefficient| anywhere on the path (the axis stays put while λ moves). */
  update(coefficients: Record<string, number>, limit: number): void {
    const names = Object.keys(coefficients);
    const values = names.map((n) => coefficients[n]);
    this.names = names;
    this.limit.max = limit > 0 ? limit * 1.05 : 1;
    const zeros = values.map((v) => (v === 0 ? 0 : null));
    this.chart.draw(names.join('\u0000'), (theme) => this.options(theme), [names.map((_, i) => i), values, zeros]);
    const nonzero = values.filter((v) => v !== 0).length;
    const zeroNames = names.filter((_, i) => values[i] === 0);
    this.chart.describe(t('widgets.bars.describe', { nonzero, total: names.length, zeros: zeroNames.length, names: zeroNames.join(', ') }));
  }

  private options(theme: ChartTheme): Omit<uPlot.Options, 'width'> {
    const rows = this.names.length;
    return {
      height: Math.max(160, 22 * rows + 50),
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, ori: 1, dir: 1, range: [-0.6, rows - 0.4] },
        y: { ori: 0, range: () => [-this.limit.max, this.limit.max] },
      },
      axes: [
        axis(theme, {
          scale: 'x', side: 3, size: 96, gap: 4, grid: { show: false },
          splits: () => this.names.map((_, i) => i),
          values: (_u, splits) => splits.map((i) => this.names[i] ?? ''),
        }),
        axis(theme, { scale: 'y', side: 2, label: t('widgets.bars.axis'), size: 42 }),
      ],
      series: [
        {},
        { label: 'coefficient', fill: theme.palette[0], stroke: theme.palette[0], paths: uPlot.paths.bars!({ size: [0.7, 18] }), points: { show: false } },
        { label: t('widgets.bars.zero'), stroke: theme.palette[1], fill: theme.bg, paths: () => null, points: { show: true, size: 9, width: 2 } },
      ],
    };
  }
}
