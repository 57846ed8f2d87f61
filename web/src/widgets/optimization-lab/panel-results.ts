// A panel's exact numbers: the metrics table under its charts, and its results as CSV rows
// (history per epoch, the path per λ, or the metrics per split).
import { h, tableScroller } from '../../dom.ts';
import { flatten } from '../export.ts';
import { formatNumber } from '../result-view.ts';
import { cvOf, pathOf } from '../model/path.ts';
import { mainScore, tableMetrics, taskOf } from '../model/task.ts';
import type { ExperimentResult } from './panel-view.ts';

const SPLITS = ['train', 'validation', 'test'] as const;

function metric(result: ExperimentResult | undefined, split: string, key: string): unknown {
  const m = (result?.metrics as Record<string, Record<string, unknown> | null> | undefined)?.[split];
  return m ? m[key] : undefined;
}

export function metricsTable(names: string[], label: (n: string) => string, results: Record<string, ExperimentResult | undefined>): HTMLElement {
  // The task's main score on every split, then its second metric (log loss, or RMSE) on the
  // held-out splits.
  const kind = taskOf(Object.values(results).find((r) => r)).kind;
  const score = mainScore(kind);
  const second = tableMetrics(kind)[1];
  const columns: [string, string, string][] = [
    ...SPLITS.map((s) => [s, score.key, `${s} ${score.label}`] as [string, string, string]),
    ['validation', second.key, `validation ${second.label}`], ['test', second.key, `test ${second.label}`],
  ];
  return tableScroller(h('table', { class: 'metrics' },
    h('caption', {}, 'Final model of each experiment'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Experiment'), ...columns.map(([, , text]) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...names.filter((n) => results[n]).map((n) => h('tr', {},
      h('th', { scope: 'row' }, label(n)),
      ...columns.map(([split, key]) => h('td', {}, formatNumber(metric(results[n], split, key)))))))));
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
