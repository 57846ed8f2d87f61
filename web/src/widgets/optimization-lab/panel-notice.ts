// A panel's "What to notice" line: its widget file's `notice` template filled with the numbers
// of the run on screen, by the panel's chart kind (model/notice-values.ts names them).
import { renderNotice } from '../model/notice.ts';
import { lossCurveValues, pathValues, scheduleValues } from '../model/notice-values.ts';
import { pathOf } from '../model/path.ts';
import type { PanelView } from './panel-view.ts';

/** The line for `view` ('' while the panel's runs are not all done). `label`: an experiment's
 *  name for people, without the chart's "(reference)". */
export function noticeLine(chart: string | undefined, template: string | undefined, view: PanelView, label: (name: string) => string): string {
  if (!template) return '';
  const names = view.experiments;
  const done = (name: string) => !!view.results[name]?.metrics;
  if (view.live || !names.every(done)) return '';
  const run = (name: string) => ({ label: label(name), result: view.results[name] });
  switch (chart) {
    case 'loss_curves':
      return renderNotice(template, lossCurveValues(run(names[0]), names.length > 1 ? run(names[1]) : null));
    case 'learning_rate':
      return renderNotice(template, scheduleValues(names.map(run)));
    case 'coefficient_path': case 'cv_curve': {
      const result = view.results[names[0]];
      const rows = pathOf(result);
      const lambda = Number(view.value('model.lambda'));
      const l1 = Number(view.value('model.l1_ratio') ?? (result?.model as { l1_ratio?: unknown } | undefined)?.l1_ratio ?? 0);
      const values = pathValues(result, Number.isFinite(lambda) && lambda > 0 ? lambda : (rows[0]?.lambda ?? 1), Number.isFinite(l1) ? l1 : 0);
      return values ? renderNotice(template, values) : '';
    }
    default:
      return '';
  }
}
