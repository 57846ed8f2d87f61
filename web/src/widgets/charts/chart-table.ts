// A chart's numbers as a table (the data-table alternative of a picture, WCAG 1.1.1): a closed
// <details> under each chart, filled only while it is open, from the data the chart was given
// (before drawable.ts clipped it for drawing, so a learning rate of 1e-100 reads as 1e-100).
// Column headings are the series labels; the first column the x axis's label, its cells the
// axis's own tick text where the axis names its positions (feature names on the bar chart).
import type uPlot from 'uplot';
import { h } from '../../dom.ts';
import { t } from '../widget-i18n.ts';
import { plain, scientific, significant, whole } from '../model/locale-number.ts';

/** Rows shown at most; longer series (thousands of pruning steps) say how many were left out. */
export const MAX_TABLE_ROWS = 400;

export function formatCell(v: number | null | undefined): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return whole(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? scientific(v, 4) : significant(v, 4);
}

type Options = Omit<uPlot.Options, 'width'>;

/** Axis ticks as uPlot writes them by default (up to three decimals), in the page's locale
 *  instead of the browser's (lab-chart.ts axis() gives every axis this unless it has its own). */
export function localeTicks(_u: unknown, splits: (number | null)[]): string[] {
  return splits.map((v) => (v === null || v === undefined ? '' : plain(v)));
}

/** The x column's heading and the text of each x value. */
function xColumn(options: Options): { heading: string; text: (x: number) => string } {
  const axis = options.axes?.[0];
  const heading = typeof axis?.label === 'string' && axis.label ? axis.label : 'x';
  const values = axis?.values;
  // Ticks' default words round (three decimals): the table writes the x values exactly.
  if (typeof values !== 'function' || values === localeTicks) return { heading, text: formatCell };
  return {
    heading,
    text: (x) => {
      try {
        // The widgets' tick formatters read only the values they are given.
        const out = (values as (u: unknown, splits: number[], ...rest: number[]) => unknown[])(undefined, [x], 0, 0, 0)[0];
        return out === null || out === undefined || out === '' ? formatCell(x) : String(out);
      } catch {
        return formatCell(x);
      }
    },
  };
}

export class ChartTable {
  readonly element: HTMLDetailsElement;
  private readonly body = h('div', { class: 'chart-table-body' });
  private options: Options | null = null;
  private data: uPlot.AlignedData | null = null;

  constructor(private title: string) {
    this.element = h('details', { class: 'chart-table' }, h('summary', {}, t('widgets.chart.table')), this.body) as HTMLDetailsElement;
    this.element.addEventListener('toggle', () => this.render());
  }

  retitle(title: string): void {
    this.title = title;
    this.render();
  }

  /** New numbers for the chart; the table follows them only while it is open. */
  set(options: Options, data: uPlot.AlignedData): void {
    this.options = options;
    this.data = data;
    if (this.element.open) this.render();
  }

  private render(): void {
    if (!this.element.open) return;
    if (!this.options || !this.data || !this.data[0]?.length) {
      this.body.replaceChildren(h('p', { class: 'muted' }, t('widgets.chart.noData')));
      return;
    }
    const series = this.options.series;
    const shown = series.map((_s, i) => i).filter((i) => i > 0 && series[i]?.show !== false);
    const x = xColumn(this.options);
    const xs = Array.from(this.data[0] as ArrayLike<number>);
    const count = Math.min(xs.length, MAX_TABLE_ROWS);
    const head = h('tr', {}, h('th', { scope: 'col' }, x.heading),
      ...shown.map((i) => h('th', { scope: 'col' }, typeof series[i].label === 'string' ? series[i].label as string : t('widgets.chart.series', { index: i }))));
    const rows = [];
    for (let r = 0; r < count; r++) {
      const column = (i: number) => (this.data![i] as ArrayLike<number | null | undefined>)[r];
      rows.push(h('tr', {}, h('th', { scope: 'row' }, x.text(xs[r])), ...shown.map((i) => h('td', {}, formatCell(column(i))))));
    }
    this.body.replaceChildren(
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('widgets.chart.tableLabel', { title: this.title }) },
        h('table', {}, h('caption', {}, this.title), h('thead', {}, head), h('tbody', {}, ...rows))),
      ...(xs.length > count ? [h('p', { class: 'muted' }, t('widgets.chart.firstRows', { count, total: xs.length }))] : []));
  }
}
