// The engine's preview of a learner's CSV (previewCsv: the engine's own strict reader, typed as
// a run types it) and what the target picker says about a column, in words a learner can act on.

import { t } from '../widget-i18n.ts';

export interface CsvColumn {
  name: string;
  kind: 'number' | 'text';
  missing: number;
  /** Distinct values as the run's target encoding sees them, capped at max_classes + 1. */
  classes: number;
  /** Up to five of those values. */
  values: string[];
  /** The task a run would give this column as its target, or null (then `problem` says why). */
  task: 'binary' | 'multiclass' | 'regression' | null;
  /** The engine's reason the column cannot be the target (file:line for a row's problem). */
  problem: string | null;
}

export interface CsvPreview {
  file: string;
  rows: number;
  columns: CsvColumn[];
  head: (string | null)[][];
  /** Columns a run can predict (those with a task). */
  targets: string[];
  max_classes: number;
}

/** Why a column cannot be the target, or null when it can: the engine's own verdict. */
export function targetProblem(preview: CsvPreview, name: string): string | null {
  const column = preview.columns.find((c) => c.name === name);
  if (!column) return t('widgets.data.noColumn', { name });
  if (column.task) return null;
  return t('widgets.data.cannotPredict', { name, problem: column.problem ?? t('widgets.data.refused') });
}

/** How the picker lists a column: "species (3 classes)", "price (a number: regression)". */
export function targetLabel(column: CsvColumn): string {
  return t('widgets.data.targetOption', { name: column.name, task: column.task ?? 'none', classes: column.classes });
}
