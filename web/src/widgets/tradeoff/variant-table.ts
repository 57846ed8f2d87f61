// The exact numbers of every variant. The trade-off comes first, so it is on screen without
// scrolling: the name, the main score, single-row latency, size and the score's change against
// the uncompressed model (or the teacher); then the budget verdict and Pareto membership; then
// the rest: the task's other metrics (log loss, AUC; macro F1 for several classes; RMSE, MAE
// for a number), the 90th-percentile and whole-batch latencies, parameters and non-zeros.
// A table wider than its box scrolls inside its own labelled region, its first column held
// (dom.ts tableScroller; widget.css).
import { h, tableScroller } from '../../dom.ts';
import {
  type BudgetRanking, type DisplayNames, FILE_NAMES, type ScoreInfo, type VariantRow, formatBytes, formatChange, formatMetric, formatMicros, missTexts, missesOf, rowMetric, tableColumns,
} from '../model/tradeoff.ts';
import { t } from '../widget-i18n.ts';
import { whole } from '../model/locale-number.ts';

export interface TableState {
  variants: VariantRow[];
  pareto: string[];
  /** Variants are still arriving: the Pareto front is not known yet. */
  measuring?: boolean;
  highlight: string | null;
  /** The engine's ranking against the budget on screen (null: none given yet). */
  ranking: BudgetRanking | null;
  score: ScoreInfo;
  /** Offers "Download ONNX" per row when set; `exporting` names the row being prepared. */
  onExport?: (variant: string) => void;
  exporting?: string | null;
  /** Variant names as the learner reads them (the rows keep the file's). */
  names?: DisplayNames;
}

interface Column { head: string; cell: (v: VariantRow) => Node | string; className?: string }

/** The table's columns in order: the trade-off first, the rest after. */
export function variantColumns(state: TableState): Column[] {
  // The engine's batch: the whole test set unless the file sets latency.batch_rows.
  const batchRows = state.variants[0]?.latency.batch_rows;
  const [main, ...others] = tableColumns(state.score);
  const title = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
  const metric = (key: string) => (v: VariantRow) => formatMetric(key, rowMetric(v, key));
  const names = state.names ?? FILE_NAMES;
  const changeHead = t('widgets.table.change', { points: state.score.name === 'accuracy' ? 'yes' : 'no' });
  return [
    { head: title(main.label), cell: metric(main.key) },
    { head: t('widgets.table.latency'), cell: (v) => formatMicros(v.latency.single_median_us) },
    { head: t('widgets.table.size'), cell: (v) => formatBytes(v.size_bytes) },
    // The change of the main score against the uncompressed model or the teacher.
    { head: changeHead, cell: (v) => (typeof v.score_change === 'number' && v.base?.name
      ? t('widgets.table.changeCell', { change: formatChange(state.score.name, v.score_change), base: names.variant(v.base.name) }) : '') },
    { head: t('widgets.table.budget'), className: 'fit', cell: (v) => {
      const misses = missTexts(v, missesOf(state.ranking, v.name), state.score);
      return misses.length ? t('widgets.table.over', { misses: misses.join('; ') }) : t('widgets.table.fits');
    } },
    { head: t('widgets.table.pareto'), cell: (v) => (state.measuring ? '…' : state.pareto.includes(v.name) ? t('widgets.table.yes') : '') },
    ...others.map((m) => ({ head: title(m.label), cell: metric(m.key) })),
    { head: t('widgets.table.p90'), cell: (v) => formatMicros(v.latency.single_p90_us) },
    { head: batchRows ? t('widgets.table.batch', { rows: batchRows }) : t('widgets.table.wholeSet'), cell: (v) => formatMicros(v.latency.batch_median_us) },
    { head: t('widgets.table.parameters'), cell: (v) => whole(v.parameters) },
    { head: t('widgets.table.nonzeroWeights'), cell: (v) => whole(v.nonzero) },
    ...(state.onExport ? [{ head: 'ONNX', cell: (v: VariantRow) => exportButton(v.name, state) }] : []),
  ];
}

export function variantTable(state: TableState): HTMLElement {
  const columns = variantColumns(state);
  const rows = state.variants.map((v) => {
    const over = missesOf(state.ranking, v.name).length > 0;
    return h('tr', { class: [v.name === state.highlight ? 'best' : '', over ? 'over-budget' : ''].join(' ').trim(), 'data-variant': v.name },
      h('th', { scope: 'row' }, (state.names ?? FILE_NAMES).variant(v.name), v.name === state.highlight ? h('span', { class: 'badge' }, t('widgets.table.choice')) : null),
      ...columns.map((c) => h('td', c.className ? { class: c.className } : {}, c.cell(v))));
  });
  const caption = t(state.measuring ? 'widgets.table.measuring' : 'widgets.table.measured');
  return tableScroller(h('table', { class: 'variants' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('widgets.table.variant')), ...columns.map((c) => h('th', { scope: 'col' }, c.head)))),
    h('tbody', {}, ...rows)));
}

function exportButton(name: string, state: TableState): HTMLButtonElement {
  const busy = state.exporting === name;
  return h('button', {
    type: 'button', class: 'link-button export-onnx', 'aria-label': t('widgets.table.onnxLabel', { name: (state.names ?? FILE_NAMES).variant(name) }),
    disabled: state.exporting ? true : undefined, onclick: () => state.onExport!(name),
  }, t(busy ? 'widgets.table.preparing' : 'widgets.table.download'));
}

/** The table's place before the first result: the same heads and one row per variant of the
 *  file, its cells still empty, so the table that replaces it takes about the same height and
 *  nothing under it moves when the result arrives. Not the result's table (no .variants). */
export function pendingTable(names: string[], score: ScoreInfo, shown: DisplayNames = FILE_NAMES): HTMLElement {
  const columns = variantColumns({ variants: [], pareto: [], measuring: true, highlight: null, ranking: null, score });
  return tableScroller(h('table', { class: 'pending-variants', 'aria-busy': 'true' },
    h('caption', {}, t('widgets.table.pending')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('widgets.table.variant')), ...columns.map((c) => h('th', { scope: 'col' }, c.head)))),
    h('tbody', {}, ...names.map((name) => h('tr', {}, h('th', { scope: 'row' }, shown.variant(name)), ...columns.map(() => h('td', {}, '…')))))));
}
