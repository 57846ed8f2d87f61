// The run's numbers as tables: metrics per split, and per named experiment or variant when the
// spec has them: the exact numbers beside the charts.
import { h, tableScroller } from '../dom.ts';
import { type MetricSpec, tableMetrics, taskOf } from './model/task.ts';
import { t } from './widget-i18n.ts';
import { fixed, scientific } from './model/locale-number.ts';

type Metrics = Record<string, unknown>;
type Result = Record<string, unknown>;

const SPLITS = ['train', 'validation', 'test'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function formatNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? scientific(v, 3) : fixed(v, 3);
}

const heading = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/** `columns`: the task's metrics (binary: accuracy, log loss, AUC, F1; regression: R², RMSE, MAE). */
function table(caption: string, rowHeader: string, rows: [string, Metrics][], columns: MetricSpec[]): HTMLElement {
  return tableScroller(h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rowHeader), ...columns.map((c) => h('th', { scope: 'col' }, heading(c.label))))),
    h('tbody', {}, ...rows.map(([name, m]) =>
      h('tr', {}, h('th', { scope: 'row' }, name), ...columns.map((c) => h('td', {}, formatNumber(m[c.key]))))))));
}

/** The metrics of each split of one result. */
function splitRows(result: Result): [string, Metrics][] {
  const metrics = isRecord(result.metrics) ? result.metrics : {};
  return SPLITS.filter((s) => isRecord(metrics[s])).map((s) => [s, metrics[s] as Metrics]);
}

/** Test metrics (or validation, if no test split) of a sub-result. */
function headline(result: unknown): Metrics {
  const metrics = isRecord(result) && isRecord(result.metrics) ? result.metrics : {};
  return (isRecord(metrics.test) ? metrics.test : isRecord(metrics.validation) ? metrics.validation : {}) as Metrics;
}

export function renderResult(result: Result, elapsedMs: number): HTMLElement {
  const parts: HTMLElement[] = [];
  const columns = tableMetrics(taskOf(result).kind);
  const rows = splitRows(result);
  if (rows.length) parts.push(table(t('widgets.result.bySplit'), t('widgets.result.split'), rows.map(([s, m]) => [t('widgets.split', { split: s }), m]), columns));
  if (isRecord(result.experiments)) {
    parts.push(table(t('widgets.result.experiments'), t('widgets.result.experiment'),
      Object.entries(result.experiments).map(([name, r]) => [name, headline(r)]), columns));
  }
  if (Array.isArray(result.variants)) {
    parts.push(table(t('widgets.result.variants'), t('widgets.table.variant'),
      result.variants.map((v, i) => [isRecord(v) && typeof v.name === 'string' ? v.name : t('widgets.explorer.variant', { index: i + 1 }), headline(v)]), columns));
  }
  const notes: string[] = [t('widgets.result.ran', { seconds: fixed(elapsedMs / 1000, 1) })];
  if (Array.isArray(result.history) && result.history.length) notes.push(t('widgets.result.epochs', { count: result.history.length }));
  const stop = result.early_stopping;
  if (isRecord(stop) && typeof stop.best_epoch === 'number') {
    notes.push(t('widgets.result.stopped', { best: stop.best_epoch, stopped: String(stop.stopped_epoch) }));
  }
  if (!parts.length) parts.push(h('p', {}, t('widgets.result.none')));
  return h('div', { class: 'result' }, ...parts, h('p', { class: 'muted' }, `${notes.join(' · ')}.`));
}
