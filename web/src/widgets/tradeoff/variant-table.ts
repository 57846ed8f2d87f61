// The exact numbers of every variant: the task's metrics (accuracy, log loss, AUC; macro F1 for
// several classes; R², RMSE, MAE for a number), latency (single-row and whole-batch, median and
// 90th percentile), size, parameters, non-zeros, Pareto membership and the budget verdict.
import { h, tableScroller } from '../../dom.ts';
import {
  type BudgetRanking, type ScoreInfo, type VariantRow, formatBytes, formatChange, formatMetric, formatMicros, missTexts, missesOf, rowMetric, tableColumns,
} from '../model/tradeoff.ts';

export interface TableState {
  variants: VariantRow[];
  pareto: string[];
  highlight: string | null;
  /** The engine's ranking against the budget on screen (null: none given yet). */
  ranking: BudgetRanking | null;
  score: ScoreInfo;
  /** Offers "Download ONNX" per row when set; `exporting` names the row being prepared. */
  onExport?: (variant: string) => void;
  exporting?: string | null;
}

export function variantTable(state: TableState): HTMLElement {
  // The engine's batch: the whole test set unless the file sets latency.batch_rows.
  const batchRows = state.variants[0]?.latency.batch_rows;
  const metrics = tableColumns(state.score);
  const title = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
  const head = ['Variant', ...metrics.map((m) => title(m.label)), 'Latency, 1 row (median)', '1 row (p90)', batchRows ? `Batch of ${batchRows} rows (median)` : 'Whole test set (median)', 'Size', 'Parameters', 'Non-zero', 'Pareto', 'Budget', ...(state.onExport ? ['ONNX'] : [])];
  const rows = state.variants.map((v) => {
    const misses = missTexts(v, missesOf(state.ranking, v.name), state.score);
    // The change of the main score against the uncompressed model or the teacher.
    const change = typeof v.score_change === 'number' && v.base?.name ? ` (${formatChange(state.score.name, v.score_change)} vs ${v.base.name})` : '';
    return h('tr', { class: [v.name === state.highlight ? 'best' : '', misses.length ? 'over-budget' : ''].join(' ').trim(), 'data-variant': v.name },
      h('th', { scope: 'row' }, v.name, v.name === state.highlight ? h('span', { class: 'badge' }, 'choice') : null),
      ...metrics.map((m, i) => h('td', {}, `${formatMetric(m.key, rowMetric(v, m.key))}${i === 0 ? change : ''}`)),
      h('td', {}, formatMicros(v.latency.single_median_us)),
      h('td', {}, formatMicros(v.latency.single_p90_us)),
      h('td', {}, formatMicros(v.latency.batch_median_us)),
      h('td', {}, formatBytes(v.size_bytes)),
      h('td', {}, v.parameters.toLocaleString('en')),
      h('td', {}, v.nonzero.toLocaleString('en')),
      h('td', {}, state.pareto.includes(v.name) ? 'yes' : ''),
      h('td', { class: 'fit' }, misses.length ? `over: ${misses.join('; ')}` : 'fits'),
      state.onExport ? h('td', {}, exportButton(v.name, state)) : null);
  });
  return tableScroller(h('table', { class: 'variants' },
    h('caption', {}, 'Every variant, measured in your browser on the test rows'),
    h('thead', {}, h('tr', {}, ...head.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...rows)));
}

function exportButton(name: string, state: TableState): HTMLButtonElement {
  const busy = state.exporting === name;
  return h('button', {
    type: 'button', class: 'link-button export-onnx', 'aria-label': `Download ${name} as ONNX`,
    disabled: state.exporting ? true : undefined, onclick: () => state.onExport!(name),
  }, busy ? 'Preparing…' : 'Download');
}
