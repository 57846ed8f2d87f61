// One uPlot chart in a widget: a <figure> with a caption, the canvas (role="img" with a text
// summary for screen readers), a data table under it (chart-table.ts), a PNG export button,
// its width following the container, and colours from the widget's light/dark theme. A chart
// whose series change shape is rebuilt; otherwise new data only redraws (fast enough for
// epoch-by-epoch streaming).
// The main thread stays responsive while results arrive: no chart reads layout (widths come
// from a ResizeObserver, after the browser's own layout), the theme's colours are read once per
// widget, and new charts are built one per task, so a result with many charts is never one long
// task; charts that are not shown (a closed tab) are built when they are. `chartsDrawn()` says
// when every chart asked for has been drawn.
import uPlot from './uplot.ts';
import { h } from '../../dom.ts';
import { ChartTable, localeTicks } from './chart-table.ts';
import { drawable, logScalesOf } from './drawable.ts';
import { downloadBlob, safeFileName } from '../export.ts';
import { t } from '../widget-i18n.ts';

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  accent: string;
  palette: string[];
}

/** Okabe–Ito colours (distinguishable with colour-blindness), tuned per scheme. */
const LIGHT = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7f6c00', '#555555'];
const DARK = ['#56b4e9', '#ff8c42', '#2fd3a0', '#e38fc4', '#f0b43c', '#9ad0f5', '#e8d44d', '#c8c8c8'];

/** The series colours of the current colour scheme (no style to read: the legend of a widget
 *  can be drawn before anything has been laid out). */
export function chartPalette(): string[] {
  return matchMedia('(prefers-color-scheme: dark)').matches ? DARK : LIGHT;
}

const themes = new WeakMap<Element, ChartTheme>();

/** The widget's chart colours, read from its CSS once (reading computed style makes the browser
 *  bring styles up to date); `fresh` reads them again (the colour scheme changed). */
export function chartTheme(host: Element, fresh = false): ChartTheme {
  let theme = fresh ? undefined : themes.get(host);
  if (!theme) {
    theme = readTheme(host);
    themes.set(host, theme);
  }
  return theme;
}

function readTheme(host: Element): ChartTheme {
  const style = getComputedStyle(host);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--lab-fg', '#1b1f24'), muted: v('--lab-muted', '#57606a'), grid: v('--lab-border', '#d0d7de'),
    bg: v('--lab-bg', '#ffffff'), accent: v('--lab-accent', '#0b5cad'), palette: chartPalette(),
  };
}

/** A colour with transparency, from #rrggbb. */
export function alpha(hex: string, a: number): string {
  const n = parseInt(hex.replace('#', ''), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Axis defaults in the theme's colours. */
export function axis(theme: ChartTheme, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.muted, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 },
    font: '12px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif',
    // uPlot writes ticks in the browser's language; the page's is the one the text around is in.
    values: localeTicks,
    ...extra,
  };
}

export type OptionsFactory = (theme: ChartTheme, width: number) => Omit<uPlot.Options, 'width'>;

/** Charts asked to draw without a known width (not laid out yet, or hidden so far): the
 *  ResizeObserver's next report gives it; one that has none by the end of the next frame is
 *  not shown. */
const unmeasured = new Set<LabChart>();
/** Charts with a width whose plot is still to be built, in the order they were asked for. */
const unbuilt: LabChart[] = [];
let drawnWaiters: (() => void)[] = [];
let checkFrame = 0;

/** One task per chart build (uPlot draws in a microtask at the end of it). */
const tasks = new MessageChannel();
let taskPosted = false;
tasks.port1.onmessage = () => {
  taskPosted = false;
  unbuilt.shift()?.buildNow();
  if (unbuilt.length) postTask();
  else settle();
};
function postTask(): void {
  if (!taskPosted) tasks.port2.postMessage(null);
  taskPosted = true;
}

/** After the next frame's layout and ResizeObserver reports (a task queued from its animation
 *  frame callback runs after them), charts still without a width are hidden or detached. */
function checkUnmeasured(): void {
  checkFrame ||= requestAnimationFrame(() => setTimeout(() => {
    checkFrame = 0;
    unmeasured.clear();
    settle();
  }));
}

function settle(): void {
  if (!unmeasured.size && !unbuilt.length) for (const resolve of drawnWaiters.splice(0)) resolve();
}

/** Resolves once every chart asked to draw so far is drawn (charts that are hidden, e.g. in a
 *  closed tab, are built when they are shown and not waited for; nor is anything while the
 *  page itself is hidden, where frames do not come). */
export function chartsDrawn(): Promise<void> {
  if ((!unmeasured.size && !unbuilt.length) || document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => drawnWaiters.push(resolve));
}

let warmed = false;

/** Once per page, while it is idle: builds and draws a small chart (linear and log axes, text
 *  on the canvas) off the page and drops it. The first real chart then finds the chart code
 *  compiled and the canvas fonts loaded instead of paying for both (tens of milliseconds) in the
 *  middle of showing a result. */
export function warmUpCharts(): void {
  if (warmed) return;
  warmed = true;
  const warm = () => {
    const plot = new uPlot({
      width: 320, height: 160, legend: { show: true, live: false },
      scales: { x: { time: false, distr: 3 } },
      axes: [{ label: 'x', font: '12px system-ui, sans-serif' }, { label: 'y', font: '12px system-ui, sans-serif' }],
      series: [{}, { label: 'a', stroke: '#0072b2', width: 2 }, { label: 'b', stroke: '#d55e00', paths: () => null, points: { show: true, size: 8 } }],
      hooks: { draw: [(u: uPlot) => {
        u.ctx.font = '11px system-ui, sans-serif';
        u.ctx.fillText(`${u.ctx.measureText('λ µs →').width}`, 10, 10);
      }] },
    }, [[0.01, 0.1, 1, 10], [0.2, 0.5, 0.4, 0.9], [0.3, null, 0.6, 0.8]], document.createElement('div'));
    setTimeout(() => plot.destroy());  // after its first draw (a microtask)
  };
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
  else setTimeout(warm, 500);
}

export class LabChart {
  readonly element: HTMLElement;
  private readonly canvasHost = h('div', { class: 'chart-canvas', role: 'img' });
  private readonly caption: HTMLElement;
  private readonly summary = h('p', { class: 'chart-summary muted' });
  private readonly table: ChartTable;
  private options: ReturnType<OptionsFactory> | null = null;
  private plot: uPlot | null = null;
  private shape = '';
  private makeOptions: OptionsFactory | null = null;
  private data: uPlot.AlignedData | null = null;
  private readonly resize: ResizeObserver;
  /** The canvas host's width as last laid out (0: hidden or not yet known). */
  private width = 0;
  /** The plot must be (re)built: new shape, new theme, or never built yet. */
  private stale = false;

  private readonly titleText: HTMLElement;
  private readonly pngButton: HTMLButtonElement;

  /** `reserve`: the plot's height (CSS px) at a width, or one height for every width: the
   *  canvas box keeps it from the start, so the screen has the chart's place before its first
   *  result (or before the engine is ready) and nothing under it moves when it draws. */
  constructor(public title: string, private readonly host: Element, private readonly reserve: number | ((width: number) => number) = 0) {
    this.titleText = h('span', { class: 'chart-title' }, title);
    this.pngButton = h('button', { type: 'button', class: 'link-button png', 'aria-label': t('widgets.chart.png', { title }), onclick: () => this.downloadPng() }, t('widgets.chart.pngButton'));
    this.caption = h('figcaption', {}, this.titleText, this.pngButton);
    this.table = new ChartTable(title);
    this.element = h('figure', { class: 'chart' }, this.caption, this.canvasHost, this.summary, this.table.element);
    this.canvasHost.setAttribute('aria-label', title);
    this.reserveHeight(0);
    this.resize = new ResizeObserver((entries) => this.resized(entries[entries.length - 1].contentRect.width));
    this.resize.observe(this.canvasHost);
  }

  /** Draws `data`; `shape` names the series layout: a new shape rebuilds the chart. The first
   *  plot is built at a coming animation frame; later data and shapes draw at once. */
  draw(shape: string, makeOptions: OptionsFactory, data: uPlot.AlignedData): void {
    this.makeOptions = makeOptions;
    // Options are built once per shape: a streamed redraw of the same shape keeps the plot's
    // options (setData only), so its log scales and table headings stay those too.
    if (!this.options || shape !== this.shape) this.options = makeOptions(chartTheme(this.host), Math.max(1, this.width));
    const options = this.options;
    this.data = drawable(data, logScalesOf(options));
    this.table.set(options, data);
    if (this.plot && !this.stale && shape === this.shape) {
      // Drawn now, not in uPlot's microtask: a FrameThrottle's frame budget then counts the
      // drawing (deferred, every chart updated in a frame drew after the budget's check, all in
      // that frame's task: 190 ms with the CPU throttled 4x, tools/lab bench case 6).
      const data = this.data;
      this.plot.batch((u: uPlot) => u.setData(data));
      return;
    }
    this.shape = shape;
    this.stale = true;
    if (this.plot && this.width > 0) this.buildNow();
    else this.requestBuild();
  }

  /** Redraws without new data (markers that hooks read have moved). */
  redraw(): void {
    this.plot?.batch((u: uPlot) => u.redraw(false, true));  // drawn now, as in draw()
  }

  /** A new title (a chart whose subject is known only from its data: the trade-off scatter's
   *  score is accuracy or R² by the task). The next describe() uses it. */
  retitle(title: string): void {
    if (title === this.title) return;
    this.title = title;
    this.titleText.textContent = title;
    this.pngButton.setAttribute('aria-label', t('widgets.chart.png', { title }));
    this.canvasHost.setAttribute('aria-label', title);
    this.table.retitle(title);
  }

  /** The text alternative of the picture (also shown under the chart). */
  describe(text: string): void {
    this.summary.textContent = text;
    this.canvasHost.setAttribute('aria-label', `${this.title}. ${text}`);
  }

  /** Rebuilds with fresh theme colours (the colour scheme changed). */
  rebuild(): void {
    if (!this.makeOptions || !this.data) return;
    chartTheme(this.host, true);
    this.stale = true;
    if (this.plot && this.width > 0) this.buildNow();
    else this.requestBuild();
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
    unmeasured.delete(this);
    const index = unbuilt.indexOf(this);
    if (index >= 0) unbuilt.splice(index, 1);
    settle();
  }

  get uplot(): uPlot | null { return this.plot; }

  /** The chart as a PNG with its title, on the theme's background. */
  async png(): Promise<Blob | null> {
    if (this.stale && this.width > 0) this.buildNow();  // asked for before its frame came
    const source = this.plot?.ctx.canvas;
    if (!source) return null;
    const theme = chartTheme(this.host);
    const scale = source.width / Math.max(1, this.plot!.width);
    const titleHeight = Math.round(28 * scale);
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height + titleHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = theme.fg;
    ctx.font = `600 ${Math.round(14 * scale)}px system-ui, sans-serif`;
    ctx.fillText(this.title, Math.round(8 * scale), Math.round(19 * scale));
    ctx.drawImage(source, 0, titleHeight);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  /** Builds the plot now (the scheduler's turn, a rebuild, or an export). */
  buildNow(): void {
    const index = unbuilt.indexOf(this);
    if (index >= 0) unbuilt.splice(index, 1);
    if (!this.stale || !this.makeOptions || !this.data || this.width <= 0) return;
    this.stale = false;
    this.plot?.destroy();
    const width = this.width;
    this.plot = new uPlot({ ...this.makeOptions(chartTheme(this.host), width), width }, this.data, this.canvasHost);
  }

  private requestBuild(): void {
    if (this.width > 0) {
      this.enqueue();
    } else {
      // Not laid out yet, or hidden until now (it may be shown in this same task): the next
      // layout says. If hidden it stays unbuilt until the ResizeObserver reports a width.
      unmeasured.add(this);
      checkUnmeasured();
    }
  }

  private enqueue(): void {
    if (!unbuilt.includes(this)) unbuilt.push(this);
    postTask();
  }

  private plotWidth(available: number): number {
    return available > 0 ? Math.max(200, Math.floor(available)) : 0;
  }

  /** The plot's height at `width` (0: not laid out yet, the narrowest plot's) as the canvas
   *  box's least height; reported widths arrive before the frame is painted. */
  private reserveHeight(width: number): void {
    const px = typeof this.reserve === 'number' ? this.reserve : this.reserve(width || 200);
    if (px > 0) this.canvasHost.style.minHeight = `${px}px`;
  }

  private resized(available: number): void {
    const width = this.plotWidth(available);
    unmeasured.delete(this);
    if (width > 0) this.reserveHeight(width);
    if (width === 0) {
      this.width = 0;  // hidden: keep the plot as it is
      settle();
      return;
    }
    const changed = Math.abs(width - this.width) >= 2;
    this.width = width;
    if (this.stale) this.enqueue();  // drawn while hidden: built now that it shows
    else if (this.plot && changed) this.plot.setSize({ width, height: this.plot.height });
  }

  private async downloadPng(): Promise<void> {
    const blob = await this.png();
    if (blob) downloadBlob(blob, `${safeFileName(this.title)}.png`);
  }
}
