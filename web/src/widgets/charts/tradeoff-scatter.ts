// The main score (accuracy, or R² for a numeric target) against latency (the widget file's
// axes) with marker area growing with model size, the Pareto front drawn through the
// non-dominated variants, the highlighted choice ringed and variants outside the budget faded.
// uPlot's scales, axes and log scaling do the work on one series holding every variant's point
// (on a shared, sorted x axis); the markers themselves (size, colour, fill) and the labels are
// drawn in its draw hook, so new variants, another choice or another budget only redraw the
// same plot: it is rebuilt only when the axes change.
import type uPlot from 'uplot';
import { AXIS_LABELS, type AxisMetric, axisTitle } from '../model/axis-labels.ts';
import { type ScoreInfo, type VariantRow, formatBytes, formatMicros, scoreText } from '../model/tradeoff.ts';

export { AXIS_LABELS, type AxisMetric };
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { distinctTickLabels } from './tick-labels.ts';

const LOG_AXES = new Set<AxisMetric>(['latency_ms', 'size_kb', 'parameters']);

export function metricValue(v: VariantRow, m: AxisMetric): number {
  // A latency under the browser's timer resolution can measure 0; keep it on the log axis.
  if (m === 'latency_ms') return Math.max(v.latency.single_median_us, 1e-3) / 1000;
  const value = (v as unknown as Record<string, unknown>)[m];
  return typeof value === 'number' ? value : NaN;
}

/** Colour index per model family; compressed MLPs share the MLP colour (drawn hollow). */
export function familyIndex(v: VariantRow): number {
  return ({ logistic_regression: 0, linear_regression: 0, mlp: 1, decision_tree: 2, gradient_boosting: 3 } as Record<string, number>)[v.model] ?? 4;
}

/** Latency below 1 ms reads better in µs: the axis relabels its ticks (the data stays in ms). */
function microAxis(s: ScatterState, which: 'x' | 'y'): boolean {
  const metric = s.axes[which];
  return metric === 'latency_ms' && s.variants.every((v) => metricValue(v, metric) < 1);
}

function axisFor(theme: ChartTheme, s: ScatterState, which: 'x' | 'y'): uPlot.Axis {
  const metric = s.axes[which];
  const micro = microAxis(s, which);
  const label = micro ? AXIS_LABELS.latency_ms.replace('(ms', '(µs') : axisTitle(metric, s.score);
  const scale = micro ? 1000 : 1;
  return axis(theme, {
    label, size: which === 'x' ? 44 : 52,
    values: (_u, splits) => distinctTickLabels(splits, scale),
  });
}

/** "Accuracy against latency …", "R² against latency …"; before any result, "Score". */
function scatterTitle(score: ScoreInfo | null): string {
  const what = score ? score.label.charAt(0).toUpperCase() + score.label.slice(1) : 'Score';
  return `${what} against latency (marker area: model size)`;
}

export interface ScatterState {
  variants: VariantRow[];
  pareto: string[];
  highlight: string | null;
  fits: Set<string>;
  /** Resolved axes (tradeoff.ts axisMetric): a file's metric, or 'score' / 'loss'. */
  axes: { x: AxisMetric; y: AxisMetric; size?: AxisMetric };
  score: ScoreInfo;
}

export class TradeoffScatter {
  readonly chart: LabChart;
  private state: ScatterState | null = null;

  constructor(host: Element, private readonly onHover: (variant: VariantRow | null) => void = () => undefined) {
    this.chart = new LabChart(scatterTitle(null), host);
  }

  update(state: ScatterState): void {
    // A copy: the chart may be drawn at a later frame, when the caller's list has grown.
    this.state = { ...state, variants: [...state.variants], pareto: [...state.pareto], fits: new Set(state.fits) };
    state = this.state;
    const { x, y } = state.axes;
    const order = state.variants.map((v, i) => [metricValue(v, x), i] as const).filter(([vx]) => Number.isFinite(vx)).sort((a, b) => a[0] - b[0]);
    const xs = order.map(([vx]) => vx);
    const ys = order.map(([, i]) => metricValue(state.variants[i], y));
    const front = order.map(([, i]) => (state.pareto.includes(state.variants[i].name) ? metricValue(state.variants[i], y) : null));
    // The axes' labels and tick formats are set when the plot is built.
    const micro = (['x', 'y'] as const).map((which) => microAxis(state, which));
    this.chart.retitle(scatterTitle(state.score));
    this.chart.draw(JSON.stringify([state.axes, micro, state.score.label]), (theme, width) => this.options(theme, width), [xs, front, ys]);
    const best = state.highlight ? state.variants.find((v) => v.name === state.highlight) : null;
    this.chart.describe(`${state.variants.length} variants; Pareto front: ${state.pareto.join(', ') || 'none'}`
      + (best ? `; highlighted: ${best.name} (${scoreText(state.score, best.score)}, ${formatMicros(best.latency.single_median_us)} per row, ${formatBytes(best.size_bytes)})` : '') + '.');
  }

  /** Marker diameter (CSS px) by the size metric, log-scaled between the variants' extremes. */
  private markerSizes(): Map<VariantRow, number> {
    const s = this.state!;
    const metric = s.axes.size;
    const sizes = new Map<VariantRow, number>();
    const values = metric ? s.variants.map((w) => metricValue(w, metric)).filter((n) => n > 0) : [];
    const lo = Math.log(Math.min(...values)), hi = Math.log(Math.max(...values));
    for (const v of s.variants) {
      const t = metric && hi > lo ? (Math.log(Math.max(metricValue(v, metric), 1e-12)) - lo) / (hi - lo) : 0.5;
      sizes.set(v, metric ? 7 + 19 * Math.max(0, Math.min(1, t)) : 10);
    }
    return sizes;
  }

  private options(theme: ChartTheme, width: number): Omit<uPlot.Options, 'width'> {
    const s = this.state!;
    return {
      height: width < 520 ? 280 : 340,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, distr: LOG_AXES.has(s.axes.x) ? 3 : 1 }, y: { distr: LOG_AXES.has(s.axes.y) ? 3 : 1 } },
      axes: [axisFor(theme, s, 'x'), axisFor(theme, s, 'y')],
      series: [{}, { label: 'Pareto front', stroke: theme.fg, width: 1.5, dash: [6, 4], spanGaps: true, points: { show: false } },
        // Named by the y axis, so the chart's data table heads the column "test R²" (or accuracy).
        { label: axisTitle(s.axes.y, s.score), paths: () => null, points: { show: false } }],
      hooks: {
        draw: [(u: uPlot) => {
          const sizes = this.markerSizes();
          this.markers(u, theme, sizes);
          this.annotate(u, theme, sizes, u.width < 520);
        }],
        setCursor: [(u: uPlot) => this.onHover(this.nearest(u))],
      },
    };
  }

  /** Each variant's marker: its family's colour, hollow when compressed, faded outside the budget. */
  private markers(u: uPlot, theme: ChartTheme, sizes: Map<VariantRow, number>): void {
    const s = this.state!;
    const ratio = u.ctx.canvas.width / Math.max(1, u.width);
    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.lineWidth = 2 * ratio;
    for (const v of s.variants) {
      const px = u.valToPos(metricValue(v, s.axes.x), 'x', true);
      const py = u.valToPos(metricValue(v, s.axes.y), 'y', true);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      const color = theme.palette[familyIndex(v)];
      const faded = !s.fits.has(v.name);
      ctx.beginPath();
      ctx.arc(px, py, ((sizes.get(v) ?? 10) / 2) * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = v.compress ? alpha(color, faded ? 0.05 : 0.15) : alpha(color, faded ? 0.25 : 0.85);
      ctx.fill();
      ctx.strokeStyle = faded ? alpha(color, 0.3) : color;
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Names next to the points where they do not collide (the choice first), and a ring round the choice. */
  private annotate(u: uPlot, theme: ChartTheme, sizes: Map<VariantRow, number>, narrow: boolean): void {
    const s = this.state!;
    const ratio = u.ctx.canvas.width / Math.max(1, u.width);
    const ctx = u.ctx;
    const placed: [number, number, number, number][] = [];
    const free = (x: number, y: number, w: number, hgt: number) => placed.every(([a, b, c, d]) => x + w < a || a + c < x || y + hgt < b || b + d < y);
    ctx.save();
    ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    const order = [...s.variants].sort((a, b) => Number(b.name === s.highlight) - Number(a.name === s.highlight) || Number(s.pareto.includes(b.name)) - Number(s.pareto.includes(a.name)));
    for (const v of order) {
      const px = u.valToPos(metricValue(v, s.axes.x), 'x', true);
      const py = u.valToPos(metricValue(v, s.axes.y), 'y', true);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      const r = ((sizes.get(v) ?? 10) / 2 + 4) * ratio;
      if (v.name === s.highlight) {
        ctx.strokeStyle = theme.fg;
        ctx.lineWidth = 2.5 * ratio;
        ctx.beginPath();
        ctx.arc(px, py, r, 0, 2 * Math.PI);
        ctx.stroke();
      }
      if (narrow && v.name !== s.highlight && !s.pareto.includes(v.name)) continue;
      const w = ctx.measureText(v.name).width;
      const hgt = 13 * ratio;
      const right = px + r + w < u.bbox.left + u.bbox.width;
      const x = right ? px + r : px - r - w;
      if (x < u.bbox.left || !free(x, py - hgt / 2, w, hgt)) continue;
      placed.push([x, py - hgt / 2, w, hgt]);
      ctx.fillStyle = s.fits.has(v.name) ? theme.fg : theme.muted;
      ctx.fillText(v.name, x, py);
    }
    ctx.restore();
  }
  /** The variant nearest the cursor (CSS pixels), for the readout under the chart. */
  private nearest(u: uPlot): VariantRow | null {
    const s = this.state;
    const { left, top } = u.cursor;
    if (!s || left === undefined || top === undefined || left < 0) return null;
    let best: VariantRow | null = null;
    let distance = 24 * 24;
    for (const v of s.variants) {
      const dx = u.valToPos(metricValue(v, s.axes.x), 'x') - left;
      const dy = u.valToPos(metricValue(v, s.axes.y), 'y') - top;
      if (dx * dx + dy * dy < distance) {
        distance = dx * dx + dy * dy;
        best = v;
      }
    }
    return best;
  }
}
