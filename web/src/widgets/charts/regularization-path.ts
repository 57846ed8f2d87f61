// The regularization path (every coefficient against λ on a log axis; one class's for a
// multinomial model) and the metrics along it (train and validation, the task's path metrics,
// and the cross-validated loss ± one standard error), with the current λ, λ_min and λ_1se marked. The data is set once per run; moving the
// λ slider only moves the marker (a redraw, no refit). Pinned runs' paths are drawn faint and
// dashed under the live one (coefficients in a hook, so the legend stays one entry per feature;
// their validation metric as a series of its own).
import type uPlot from 'uplot';
import { type CvSummary, type PathRow, nearestPathIndex, outsidePath } from '../model/path.ts';
import { PIN_ALPHA, PIN_DASHES } from '../optimization-lab/panel-pins.ts';
import { type MetricSpec, coefficientsFor, cvMetricLabel } from '../model/task.ts';
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { type Marker, drawMarkers, shadeValues } from './chart-draw.ts';
import { t } from '../widget-i18n.ts';
import { precise, scientific, significant } from '../model/locale-number.ts';
import { splitMetric } from '../model/words.ts';

interface MarkerState { lambda: number; cv: CvSummary | null }

/** A pinned run's path, as drawn: its label and its pin number (its dash). */
export interface PinnedPath { label: string; index: number; rows: PathRow[] }

/** The pinned path's coefficient lines, faint, in each feature's colour. */
function drawPinnedPaths(u: uPlot, theme: ChartTheme, pins: PinnedPath[], features: string[], cls: string | null): void {
  const { ctx } = u;
  const scale = ctx.canvas.width / Math.max(1, u.width);
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  ctx.lineWidth = 1.25 * scale;
  for (const pin of pins) {
    ctx.setLineDash(PIN_DASHES[pin.index % PIN_DASHES.length].map((d) => d * scale));
    features.forEach((f, i) => {
      ctx.strokeStyle = alpha(theme.palette[i % theme.palette.length], PIN_ALPHA);
      ctx.beginPath();
      pin.rows.forEach((row, k) => {
        const v = coefficientsFor(row.coefficients, cls)[f];
        if (typeof v !== 'number' || !(row.lambda > 0)) return;
        const x = u.valToPos(row.lambda, 'x', true), y = u.valToPos(v, 'y', true);
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
  }
  ctx.restore();
}

/** A pinned path's values at the live path's λ values (its nearest fit; none outside its path). */
function atLambdas(rows: PathRow[], lambdas: number[], pick: (r: PathRow) => number | null): (number | null)[] {
  return lambdas.map((l) => (outsidePath(rows, l) === null && rows.length ? pick(rows[nearestPathIndex(rows, l)]) : null));
}

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
  axis(theme, { label: t('widgets.path.axis'), size: 40, values: (_u, splits) => splits.map((v) => (v === null ? '' : v >= 0.01 && v < 1000 ? significant(v, 2) : scientific(v, 1))) });

export class RegularizationPath {
  readonly pathChart: LabChart;
  readonly metricChart: LabChart;
  private readonly state: MarkerState = { lambda: 1, cv: null };
  private cvBand: { upper: number[]; lower: number[] } | null = null;

  constructor(host: Element) {
    this.pathChart = new LabChart(t('widgets.path.chart'), host, 260);
    this.metricChart = new LabChart(t('widgets.path.fitChart'), host, 220);
  }

  /**
   * New path (after a run, or another metric or class). `metric`: the train/validation metric
   * drawn; the CV band goes with the first of the task's path metrics (the loss CV minimizes).
   * `cls`: the class whose coefficients are drawn (multinomial models; null otherwise).
   */
  setPath(rows: PathRow[], cv: CvSummary | null, metric: MetricSpec, withCv: boolean, cls: string | null, pins: PinnedPath[] = []): void {
    const asc = [...rows].reverse();
    const coef = asc.map((r) => coefficientsFor(r.coefficients, cls));
    const features = coef.length ? Object.keys(coef[0]) : [];
    const xs = asc.map((r) => r.lambda);
    this.state.cv = cv;
    this.pathChart.draw(`path:${cls ?? ''}:${features.join('\u0000')}:${pins.map((p) => p.label).join('\u0000')}`, (theme) => ({
      height: 260,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: 3 } },
      axes: [logX(theme), axis(theme, { label: t('widgets.path.coefficient'), size: 48 })],
      series: [{ label: 'λ', value: (_u, v) => (v === null ? '–' : precise(v, 3)) },
        ...features.map((f, i) => ({
          label: f, stroke: theme.palette[i % theme.palette.length], width: 1.5,
          dash: i >= theme.palette.length ? [6, 3] : undefined,
        }))],
      hooks: {
        drawAxes: [(u: uPlot) => drawPinnedPaths(u, theme, pins, features, cls)],
        draw: [(u: uPlot) => drawMarkers(u, markers(theme, this.state))],
      },
    }), [xs, ...features.map((f) => coef.map((c) => c[f]))]);

    const cvAsc = cv && cv.mean.length === rows.length ? [...cv.mean].reverse() : null;
    const seAsc = cv && cv.se.length === rows.length ? [...cv.se].reverse() : null;
    const showCv = withCv && cvAsc !== null && seAsc !== null;
    this.cvBand = showCv ? { upper: cvAsc!.map((m, i) => m + seAsc![i]), lower: cvAsc!.map((m, i) => m - seAsc![i]) } : null;
    const pick = (m: 'train' | 'validation') => asc.map((r) => (r[m] && typeof r[m]![metric.key] === 'number' ? r[m]![metric.key] : null));
    const label = metric.label;
    const series: uPlot.Series[] = [{ label: 'λ', value: (_u, v) => (v === null ? '–' : precise(v, 3)) }];
    const data: uPlot.AlignedData = [xs, pick('train'), pick('validation')];
    const pinned = pins.map((p) => atLambdas(p.rows, xs, (r) => (r.validation && typeof r.validation[metric.key] === 'number' ? r.validation[metric.key] : null)));
    this.metricChart.draw(`metric:${metric.key}:${showCv ? 'cv' : ''}:${pins.map((p) => p.label).join('\u0000')}`, (theme) => {
      series.length = 1;
      series.push({ label: splitMetric('train', label), stroke: theme.palette[0], width: 2 },
        { label: splitMetric('validation', label), stroke: theme.palette[1], width: 2 });
      if (showCv) series.push({ label: t('widgets.path.cvSeries', { metric: cvMetricLabel(cv!.metric), folds: cv!.folds }), stroke: theme.palette[2], width: 2, dash: [4, 3] });
      for (const p of pins) series.push({ label: t('widgets.curves.pinned', { pin: p.label, series: splitMetric('validation', label) }), stroke: alpha(theme.palette[1], PIN_ALPHA), width: 1.5, dash: PIN_DASHES[p.index % PIN_DASHES.length] });
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
    }, [...data, ...(showCv ? [cvAsc!] : []), ...pinned] as uPlot.AlignedData);
  }

  /** Moves the current-λ marker. */
  setLambda(lambda: number): void {
    this.state.lambda = lambda;
    this.pathChart.redraw();
    this.metricChart.redraw();
  }
}
