// The exact numbers of every variant: accuracy, latency (single-row and whole-batch, median
// and 90th percentile), size, parameters, non-zeros, Pareto membership and the budget verdict.
import { h, tableScroller } from '../../dom.ts';
import { type Budget, type VariantRow, budgetMisses, formatBytes, formatMicros } from '../model/tradeoff.ts';

export interface TableState {
  variants: VariantRow[];
  pareto: string[];
  highlight: string | null;
  budget: Budget;
  /** Offers "Download ONNX" per row when set; `exporting` names the row being prepared. */
  onExport?: (variant: string) => void;
  exporting?: string | null;
}

export function variantTable(state: TableState): HTMLElement {
  // The engine's batch: the whole test set unless the file sets latency.batch_rows.
  const batchRows = state.variants[0]?.latency.batch_rows;
  const head = ['Variant', 'Accuracy', 'Log loss', 'Latency, 1 row (median)', '1 row (p90)', batchRows ? `Batch of ${batchRows} rows (median)` : 'Whole test set (median)', 'Size', 'Parameters', 'Non-zero', 'Pareto', 'Budget', ...(state.onExport ? ['ONNX'] : [])];
  const rows = state.variants.map((v) => {
    const misses = budgetMisses(v, state.budget);
    const change = typeof v.accuracy_change === 'number' && v.base?.name
      ? ` (${v.accuracy_change >= 0 ? '+' : ''}${(100 * v.accuracy_change).toFixed(1)} vs ${v.base.name})` : '';
    return h('tr', { class: [v.name === state.highlight ? 'best' : '', misses.length ? 'over-budget' : ''].join(' ').trim(), 'data-variant': v.name },
      h('th', { scope: 'row' }, v.name, v.name === state.highlight ? h('span', { class: 'badge' }, 'choice') : null),
      h('td', {}, `${(100 * v.accuracy).toFixed(1)}%${change}`),
      h('td', {}, v.log_loss.toFixed(3)),
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
