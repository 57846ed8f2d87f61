// The regularization path (every coefficient against λ on a log axis; one class's for a
// multinomial model) and the metrics along it (train and validation, the task's path metrics,
// and the cross-validated loss ± one standard error), with the current λ, λ_min and λ_1se marked. The data is set once per run; moving the
// λ slider only moves the marker (a redraw, no refit).
import type uPlot from 'uplot';
import type { CvSummary, PathRow } from '../model/path.ts';
import { type MetricSpec, coefficientsFor, cvMetricLabel } from '../model/task.ts';
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { type Marker, drawMarkers, shadeValues } from './chart-draw.ts';

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

  /**
   * New path (after a run, or another metric or class). `metric`: the train/validation metric
   * drawn; the CV band goes with the first of the task's path metrics (the loss CV minimizes).
   * `cls`: the class whose coefficients are drawn (multinomial models; null otherwise).
   */
  setPath(rows: PathRow[], cv: CvSummary | null, metric: MetricSpec, withCv: boolean, cls: string | null): void {
    const asc = [...rows].reverse();
    const coef = asc.map((r) => coefficientsFor(r.coefficients, cls));
    const features = coef.length ? Object.keys(coef[0]) : [];
    const xs = asc.map((r) => r.lambda);
    this.state.cv = cv;
    this.pathChart.draw(`path:${cls ?? ''}:${features.join('\u0000')}`, (theme) => ({
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
    }), [xs, ...features.map((f) => coef.map((c) => c[f]))]);

    const cvAsc = cv && cv.mean.length === rows.length ? [...cv.mean].reverse() : null;
    const seAsc = cv && cv.se.length === rows.length ? [...cv.se].reverse() : null;
    const showCv = withCv && cvAsc !== null && seAsc !== null;
    this.cvBand = showCv ? { upper: cvAsc!.map((m, i) => m + seAsc![i]), lower: cvAsc!.map((m, i) => m - seAsc![i]) } : null;
    const pick = (m: 'train' | 'validation') => asc.map((r) => (r[m] && typeof r[m]![metric.key] === 'number' ? r[m]![metric.key] : null));
    const label = metric.label;
    const series: uPlot.Series[] = [{ label: 'λ', value: (_u, v) => (v === null ? '–' : v.toPrecision(3)) }];
    const data: uPlot.AlignedData = [xs, pick('train'), pick('validation')];
    this.metricChart.draw(`metric:${metric.key}:${showCv ? 'cv' : ''}`, (theme) => {
      series.length = 1;
      series.push({ label: `train ${label}`, stroke: theme.palette[0], width: 2 },
        { label: `validation ${label}`, stroke: theme.palette[1], width: 2 });
      if (showCv) series.push({ label: `CV ${cvMetricLabel(cv!.metric)} (${cv!.folds} folds)`, stroke: theme.palette[2], width: 2, dash: [4, 3] });
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
    }, showCv ? [...data, cvAsc!] as uPlot.AlignedData : data);
  }

  /** Moves the current-λ marker. */
  setLambda(lambda: number): void {
    this.state.lambda = lambda;
    this.pathChart.redraw();
    this.metricChart.redraw();
  }
}
