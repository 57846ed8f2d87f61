// The regularization path (every coefficient against λ on a log axis) and the metrics along it
// (train and validation log loss or accuracy, and the cross-validated log loss ± one standard
// error), with the current λ, λ_min and λ_1se marked. The data is set once per run; moving the
// λ slider only moves the marker (a redraw, no refit).
import type uPlot from 'uplot';
import type { CvSummary, PathRow } from '../model/path.ts';
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { type Marker, drawMarkers, shadeValues } from './chart-draw.ts';

export type PathMetric = 'log_loss' | 'accuracy';

interface MarkerState { lambda: number; cv: CvSummary | null }

function markers(theme: ChartTheme, state: MarkerState): Marker[] {
  const out: Marker[] = [];
  if (state.cv) {
    out.push({ x: state.cv.lambda_min, label: 'λ_min', color: theme.palette[2], dash: [5, 3] });
    out.push({ x: state.cv.lambda_1se, label: 'λ_1se', color: theme.palette[4], dash: [2, 3] });
  }
  out.push({ x: state.lambda, label: 'λ', color: theme.fg });
  return out;
}

const logX = (theme: ChartTheme): uPlot.Axis =>
  axis(theme, { label: 'λ (log scale; stronger penalty →)', size: 40, values: (_u, splits) => splits.map((v) => (v === null ? '' : v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0))) });

export class RegularizationPath {
  readonly pathChart: LabChart;
  readonly metricChart: LabChart;
  private readonly state: MarkerState = { lambda: 1, cv: null };
  private cvBand: { upper: number[]; lower: number[] } | null = null;

  constructor(host: Element) {
    this.pathChart = new LabChart('Regularization path: coefficients against λ', host);
    this.metricChart = new LabChart('Fit along the path', host);
  }

  /** New path (after a run). */
  setPath(rows: PathRow[], cv: CvSummary | null, metric: PathMetric): void {
    const asc = [...rows].reverse();
    const features = asc.length ? Object.keys(asc[0].coefficients) : [];
    const xs = asc.map((r) => r.lambda);
    this.state.cv = cv;
    this.pathChart.draw(`path:${features.join('\u0000')}`, (theme) => ({
      height: 260,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: 3 } },
      axes: [logX(theme), axis(theme, { label: 'coefficient', size: 48 })],
      series: [{ label: 'λ', value: (_u, v) => (v === null ? '–' : v.toPrecision(3)) },
        ...features.map((f, i) => ({
          label: f, stroke: theme.palette[i % theme.palette.length], width: 1.5,
          dash: i >= theme.palette.length ? [6, 3] : undefined,
        }))],
      hooks: { draw: [(u: uPlot) => drawMarkers(u, markers(theme, this.state))] },
    }), [xs, ...features.map((f) => asc.map((r) => r.coefficients[f]))]);

    const cvAsc = cv && cv.mean.length === rows.length ? [...cv.mean].reverse() : null;
    const seAsc = cv && cv.se.length === rows.length ? [...cv.se].reverse() : null;
    this.cvBand = metric === 'log_loss' && cvAsc && seAsc ? { upper: cvAsc.map((m, i) => m + seAsc[i]), lower: cvAsc.map((m, i) => m - seAsc[i]) } : null;
    const pick = (m: 'train' | 'validation') => asc.map((r) => (r[m] ? r[m]![metric] : null));
    const label = metric === 'log_loss' ? 'log loss' : 'accuracy';
    const series: uPlot.Series[] = [{ label: 'λ', value: (_u, v) => (v === null ? '–' : v.toPrecision(3)) }];
    const data: uPlot.AlignedData = [xs, pick('train'), pick('validation')];
    this.metricChart.draw(`metric:${metric}:${cvAsc ? 'cv' : ''}`, (theme) => {
      series.length = 1;
      series.push({ label: `train ${label}`, stroke: theme.palette[0], width: 2 },
        { label: `validation ${label}`, stroke: theme.palette[1], width: 2 });
      if (metric === 'log_loss' && cvAsc) series.push({ label: `CV log loss (${cv!.folds} folds)`, stroke: theme.palette[2], width: 2, dash: [4, 3] });
      return {
        height: 220,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, distr: 3 } },
        axes: [logX(theme), axis(theme, { label, size: 48 })],
        series,
        hooks: {
          drawAxes: [(u: uPlot) => { if (this.cvBand) shadeValues(u, u.data[0], this.cvBand.upper, this.cvBand.lower, alpha(theme.palette[2], 0.15)); }],
          draw: [(u: uPlot) => drawMarkers(u, markers(theme, this.state))],
        },
      };
    }, metric === 'log_loss' && cvAsc ? [...data, cvAsc] as uPlot.AlignedData : data);
  }

  /** Moves the current-λ marker. */
  setLambda(lambda: number): void {
    this.state.lambda = lambda;
    this.pathChart.redraw();
    this.metricChart.redraw();
  }
}
