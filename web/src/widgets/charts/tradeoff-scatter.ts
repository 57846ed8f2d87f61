// The main score (accuracy, or R² for a numeric target) against latency (the widget file's
// axes) with marker area growing with model size, the Pareto front drawn through the
// non-dominated variants, the highlighted choice ringed and variants outside the budget faded.
// uPlot's scales, axes and log scaling do the work on one series holding every variant's point
// (on a shared, sorted x axis); the markers themselves (size, colour, fill) and the labels are
// drawn in its draw hook, so new variants, another choice or another budget only redraw the
// same plot: it is rebuilt only when the axes change.
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import { type AxisMetric, axisTitle, microLatencyTitle } from '../model/axis-labels.ts';
import { type DisplayNames, FILE_NAMES, type ScoreInfo, type VariantRow, formatBytes, formatMicros, scoreText } from '../model/tradeoff.ts';

export { type AxisMetric };
import { type ChartTheme, LabChart, alpha, axis } from './lab-chart.ts';
import { type Marker, placeLabels } from './label-placement.ts';
import { distinctTickLabels } from './tick-labels.ts';
import { t } from '../widget-i18n.ts';

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
  const label = micro ? microLatencyTitle() : axisTitle(metric, s.score);
  const scale = micro ? 1000 : 1;
  return axis(theme, {
    label, size: which === 'x' ? 44 : 52,
    values: (_u, splits) => distinctTickLabels(splits, scale),
  });
}

/** "Accuracy against latency …", "R² against latency …"; before any result, "Score". */
/** The plot's height at a width (a phone's is lower); also its reserved box before a result. */
const scatterHeight = (width: number): number => (width < 520 ? 280 : 340);

function scatterTitle(score: ScoreInfo | null): string {
  const what = score ? score.label.charAt(0).toUpperCase() + score.label.slice(1) : t('widgets.scatter.score');
  return t('widgets.scatter.title', { metric: what });
}

export interface ScatterState {
  variants: VariantRow[];
  pareto: string[];
  highlight: string | null;
  fits: Set<string>;
  /** Variants are still arriving: the Pareto front is not known yet. */
  measuring?: boolean;
  /** Resolved axes (tradeoff.ts axisMetric): a file's metric, or 'score' / 'loss'. */
  axes: { x: AxisMetric; y: AxisMetric; size?: AxisMetric };
  score: ScoreInfo;
  /** Variant names as the learner reads them (the rows keep the file's). */
  names?: DisplayNames;
}

export class TradeoffScatter {
  readonly chart: LabChart;
  private state: ScatterState | null = null;
  /** The numbers written in the plot in place of names that had no room. */
  private readonly key = h('p', { class: 'scatter-key muted', hidden: true });

  constructor(host: Element, private readonly onHover: (variant: VariantRow | null) => void = () => undefined) {
    this.chart = new LabChart(scatterTitle(null), host, scatterHeight);
    this.chart.element.querySelector('.chart-canvas')?.after(this.key);
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
    const names = state.names ?? FILE_NAMES;
    const paretoText = state.measuring ? t('widgets.scatter.paretoMeasuring') : t('widgets.scatter.pareto', { names: state.pareto.map((n) => names.variant(n)).join(', ') || t('widgets.scatter.none') });
    this.chart.describe(t('widgets.scatter.count', { count: state.variants.length, measuring: state.measuring ? 'yes' : 'no' }) + `; ${paretoText}`
      + (best ? t('widgets.scatter.highlighted', {
        name: names.variant(best.name), score: scoreText(state.score, best.score), latency: formatMicros(best.latency.single_median_us), size: formatBytes(best.size_bytes),
      }) : '') + '.');
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
      height: scatterHeight(width),
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, distr: LOG_AXES.has(s.axes.x) ? 3 : 1 }, y: { distr: LOG_AXES.has(s.axes.y) ? 3 : 1 } },
      axes: [axisFor(theme, s, 'x'), axisFor(theme, s, 'y')],
      series: [{}, { label: t('widgets.scatter.front'), stroke: theme.fg, width: 1.5, dash: [6, 4], spanGaps: true, points: { show: false } },
        // Named by the y axis, so the chart's data table heads the column "test R²" (or accuracy).
        { label: axisTitle(s.axes.y, s.score), paths: () => null, points: { show: false } }],
      hooks: {
        draw: [(u: uPlot) => {
          const sizes = this.markerSizes();
          this.markers(u, theme, sizes);
          this.annotate(u, theme, sizes);
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

  /** A ring round the choice, and every variant's name beside its own marker (label-placement.ts:
   *  the choice first, then the Pareto front, then the rest); a name with no room is written as
   *  its number, listed under the chart. */
  private annotate(u: uPlot, theme: ChartTheme, sizes: Map<VariantRow, number>): void {
    const s = this.state!;
    const ratio = u.ctx.canvas.width / Math.max(1, u.width);
    const ctx = u.ctx;
    ctx.save();
    ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    // uPlot leaves the alignment of its last axis label (right, for the y axis): a label's box
    // starts at its x, so the text must too, or it ends up on the marker's other side.
    ctx.textAlign = 'left';
    const shown: { v: VariantRow; marker: Marker }[] = [];
    for (const v of s.variants) {
      const x = u.valToPos(metricValue(v, s.axes.x), 'x', true);
      const y = u.valToPos(metricValue(v, s.axes.y), 'y', true);
      if (Number.isFinite(x) && Number.isFinite(y)) shown.push({ v, marker: { x, y, r: ((sizes.get(v) ?? 10) / 2) * ratio } });
    }
    const choice = shown.find(({ v }) => v.name === s.highlight);
    if (choice) {
      ctx.strokeStyle = theme.fg;
      ctx.lineWidth = 2.5 * ratio;
      ctx.beginPath();
      ctx.arc(choice.marker.x, choice.marker.y, choice.marker.r + 4 * ratio, 0, 2 * Math.PI);
      ctx.stroke();
    }
    // The ring is part of the choice's marker: labels keep off it too.
    const markers = shown.map(({ v, marker }) => (v === choice?.v ? { ...marker, r: marker.r + 5.5 * ratio } : marker));
    const rank = (v: VariantRow) => (v.name === s.highlight ? 0 : s.pareto.includes(v.name) ? 1 : 2);
    const requests = shown.map(({ v }, i) => ({ marker: i, text: (s.names ?? FILE_NAMES).variant(v.name), short: String(s.variants.indexOf(v) + 1) }))
      .sort((a, b) => rank(shown[a.marker].v) - rank(shown[b.marker].v) || a.marker - b.marker);
    const bounds = { x: u.bbox.left, y: u.bbox.top, w: u.bbox.width, h: u.bbox.height };
    const placements = placeLabels(markers, requests, bounds, (text) => ctx.measureText(text).width, 13 * ratio, 3 * ratio);
    for (const p of placements) {
      const { v } = shown[p.marker];
      const color = s.fits.has(v.name) ? theme.fg : theme.muted;
      if (p.leader) {
        const m = markers[p.marker];
        const cx = Math.max(p.box.x, Math.min(m.x, p.box.x + p.box.w)), cy = Math.max(p.box.y, Math.min(m.y, p.box.y + p.box.h));
        const angle = Math.atan2(cy - m.y, cx - m.x);
        ctx.strokeStyle = theme.muted;
        ctx.lineWidth = ratio;
        ctx.beginPath();
        ctx.moveTo(m.x + Math.cos(angle) * m.r, m.y + Math.sin(angle) * m.r);
        ctx.lineTo(cx, cy);
        ctx.stroke();
      }
      ctx.fillStyle = color;
      ctx.fillText(p.text, p.box.x, p.box.y + p.box.h / 2);
    }
    ctx.restore();
    this.showKey(placements.filter((p) => p.numbered).map((p) => shown[p.marker].v));
  }

  /** The numbers written in place of names, with the names. */
  private showKey(numbered: VariantRow[]): void {
    const s = this.state!;
    const text = numbered.length
      ? t('widgets.scatter.numbered', { list: [...numbered].sort((a, b) => s.variants.indexOf(a) - s.variants.indexOf(b)).map((v) => `${s.variants.indexOf(v) + 1} ${(s.names ?? FILE_NAMES).variant(v.name)}`).join(' · ') })
      : '';
    if (this.key.textContent !== text) this.key.textContent = text;
    this.key.hidden = !text;
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
