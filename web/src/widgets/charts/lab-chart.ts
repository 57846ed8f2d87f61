// One uPlot chart in a widget: a <figure> with a caption, the canvas (role="img" with a text
// summary for screen readers), a PNG export button, its width following the container, and
// colours from the widget's light/dark theme. A chart whose series change shape is rebuilt;
// otherwise new data only redraws (fast enough for epoch-by-epoch streaming).
import uPlot from 'uplot';
import { h } from '../../dom.ts';
import { downloadBlob, safeFileName } from '../export.ts';

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

export function chartTheme(host: Element): ChartTheme {
  const style = getComputedStyle(host);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    fg: v('--lab-fg', '#1b1f24'), muted: v('--lab-muted', '#57606a'), grid: v('--lab-border', '#d0d7de'),
    bg: v('--lab-bg', '#ffffff'), accent: v('--lab-accent', '#0b5cad'), palette: dark ? DARK : LIGHT,
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
    font: '12px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif', ...extra,
  };
}

export type OptionsFactory = (theme: ChartTheme, width: number) => Omit<uPlot.Options, 'width'>;

export class LabChart {
  readonly element: HTMLElement;
  private readonly canvasHost = h('div', { class: 'chart-canvas', role: 'img' });
  private readonly caption: HTMLElement;
  private readonly summary = h('p', { class: 'chart-summary muted' });
  private plot: uPlot | null = null;
  private shape = '';
  private makeOptions: OptionsFactory | null = null;
  private data: uPlot.AlignedData | null = null;
  private readonly resize: ResizeObserver;
  private width = 0;

  constructor(readonly title: string, private readonly host: Element) {
    this.caption = h('figcaption', {}, h('span', { class: 'chart-title' }, title),
      h('button', { type: 'button', class: 'link-button png', 'aria-label': `Download the chart "${title}" as PNG`, onclick: () => this.downloadPng() }, 'PNG'));
    this.element = h('figure', { class: 'chart' }, this.caption, this.canvasHost, this.summary);
    this.canvasHost.setAttribute('aria-label', title);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.canvasHost);
  }

  /** Draws `data`; `shape` names the series layout: a new shape rebuilds the chart. */
  draw(shape: string, makeOptions: OptionsFactory, data: uPlot.AlignedData): void {
    this.makeOptions = makeOptions;
    this.data = data;
    if (this.plot && shape === this.shape) {
      this.plot.setData(data);
      return;
    }
    this.shape = shape;
    this.rebuild();
  }

  /** Redraws without new data (markers that hooks read have moved). */
  redraw(): void {
    this.plot?.redraw(false, true);
  }

  /** The text alternative of the picture (also shown under the chart). */
  describe(text: string): void {
    this.summary.textContent = text;
    this.canvasHost.setAttribute('aria-label', `${this.title}. ${text}`);
  }

  /** Rebuilds with fresh theme colours (the colour scheme changed). */
  rebuild(): void {
    if (!this.makeOptions || !this.data) return;
    this.plot?.destroy();
    const width = this.currentWidth();
    this.plot = new uPlot({ ...this.makeOptions(chartTheme(this.host), width), width }, this.data, this.canvasHost);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  get uplot(): uPlot | null { return this.plot; }

  /** The chart as a PNG with its title, on the theme's background. */
  async png(): Promise<Blob | null> {
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

  private async downloadPng(): Promise<void> {
    const blob = await this.png();
    if (blob) downloadBlob(blob, `${safeFileName(this.title)}.png`);
  }

  private currentWidth(): number {
    return Math.max(200, Math.floor(this.canvasHost.clientWidth || this.element.clientWidth || 320));
  }

  private fit(): void {
    const width = this.currentWidth();
    if (!this.plot || Math.abs(width - this.width) < 2) return;
    this.width = width;
    this.plot.setSize({ width, height: this.plot.height });
  }
}
