// A panel's exact numbers: the table under its charts (a column per run, pinned runs too), and
// its results as CSV rows (history per epoch, the path per λ, or the metrics per split).
import { t } from '../widget-i18n.ts';
import { splitMetric } from '../model/words.ts';
import { h, tableScroller } from '../../dom.ts';
import { flatten } from '../export.ts';
import { type NoticeValue, formatQuantity } from '../model/notice.ts';
import { lossCurveValues, pathValues } from '../model/notice-values.ts';
import { cvOf, pathOf } from '../model/path.ts';
import { mainScore, metricOf, tableMetrics, taskOf } from '../model/task.ts';
import type { ExperimentResult } from './panel-view.ts';

const SPLITS = ['train', 'validation', 'test'] as const;

/** One column of a panel's table: a run on screen (live, or pinned) and its heading. */
export interface TableColumn {
  heading: string;
  result: ExperimentResult | undefined;
  pinned?: boolean;
  /** The λ the column reads on the path, and its L1 share (path panels). */
  lambda?: number;
  l1Ratio?: number;
}

type Row = [string, (r: ExperimentResult | undefined, c: TableColumn) => NoticeValue];

function columnsTable(caption: string, columns: TableColumn[], rows: Row[]): HTMLElement {
  return tableScroller(h('table', { class: 'metrics' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('widgets.table.measure')),
      ...columns.map((c) => h('th', { scope: 'col', class: c.pinned ? 'pinned-column' : null }, c.heading)))),
    h('tbody', {}, ...rows.map(([name, cell]) => h('tr', {}, h('th', { scope: 'row' }, name),
      ...columns.map((c) => h('td', {}, formatQuantity(cell(c.result, c)) || '–')))))));
}

/**
 * The final model of each run, one column per run (live experiments, then pinned runs): the
 * task's main score on every split (a percent, as in the summaries), its second metric on the
 * held-out splits, and the epochs trained (and early stopping's best epoch) when there are any.
 */
export function metricsTable(columns: TableColumn[]): HTMLElement {
  const kind = taskOf(columns.find((c) => c.result)?.result).kind;
  const score = mainScore(kind);
  const second = tableMetrics(kind)[1];
  const rows: Row[] = [
    ...SPLITS.map((s): Row => [splitMetric(s, score.label), (r) => ({ quantity: 'score', value: metricOf(r, s, score.key), plain: !score.unit })]),
    ...(['validation', 'test'] as const).map((s): Row => [splitMetric(s, second.label), (r) => ({ quantity: 'loss', value: metricOf(r, s, second.key) })]),
  ];
  const runs = columns.map((c) => lossCurveValues({ label: '', result: c.result }, null));
  if (runs.some((v) => v.reference_epochs.value !== null)) rows.push([t('widgets.table.epochs'), (_r, c) => runs[columns.indexOf(c)].reference_epochs]);
  if (runs.some((v) => v.reference_best_epoch.value !== null)) rows.push([t('widgets.table.bestEpoch'), (_r, c) => runs[columns.indexOf(c)].reference_best_epoch]);
  return columnsTable(t('widgets.table.finalModels'), columns, rows);
}

/** The fit each column reads on its path (at its λ), and cross-validation's pick. */
export function pathTable(columns: TableColumn[]): HTMLElement {
  const values = columns.map((c) => pathValues(c.result, c.lambda ?? 0, c.l1Ratio ?? 0));
  const kind = taskOf(columns.find((c) => c.result)?.result).kind;
  const score = mainScore(kind);
  const at = (name: keyof NonNullable<ReturnType<typeof pathValues>>): Row[1] => (_r, c) => values[columns.indexOf(c)]?.[name] ?? { quantity: 'text', value: null };
  return columnsTable(t('widgets.table.pathFits'), columns, [
    [t('widgets.table.penalty'), at('penalty')], [t('widgets.table.lambda'), at('lambda')],
    [t('widgets.table.nonzero'), at('nonzero')], [t('widgets.table.heldOutAt', { metric: score.label }), at('score')],
    [t('widgets.table.bestLambda'), at('best_lambda')], [t('widgets.table.heldOutAtBest', { metric: score.label }), at('best_score')],
  ]);
}

/** One CSV row per epoch, per λ, or per split, each tagged with its experiment. */
export function panelCsvRows(names: string[], results: Record<string, ExperimentResult | undefined>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const name of names) {
    const result = results[name];
    if (!result) continue;
    const path = pathOf(result);
    const history = Array.isArray(result.history) ? (result.history as Record<string, unknown>[]) : [];
    if (path.length) {
      const cv = cvOf(result);
      const cvKey = `cv_${cv?.metric ?? 'log_loss'}`;
      path.forEach((row, i) => rows.push({ experiment: name, ...flatten(row as unknown as Record<string, unknown>), [cvKey]: cv?.mean[i], cv_se: cv?.se[i] }));
    } else if (history.length) {
      for (const row of history) rows.push({ experiment: name, ...row });
    } else {
      for (const split of SPLITS) {
        const m = (result.metrics as Record<string, Record<string, unknown> | null> | undefined)?.[split];
        if (m) rows.push({ experiment: name, split, ...flatten(m) });
      }
    }
  }
  return rows;
}
