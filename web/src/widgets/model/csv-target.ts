// The engine's preview of a learner's CSV (previewCsv: the engine's own strict reader, typed as
// a run types it) and what the target picker says about a column, in words a learner can act on.

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
  if (!column) return `There is no column "${name}".`;
  if (column.task) return null;
  return `The target "${name}" cannot be predicted: ${column.problem ?? 'the engine refused it'}.`;
}

/** How the picker lists a column: "species (3 classes)", "price (a number: regression)". */
export function targetLabel(column: CsvColumn): string {
  if (column.task === 'regression') return `${column.name} (a number: regression)`;
  if (column.task === 'multiclass') return `${column.name} (${column.classes} classes)`;
  if (column.task === 'binary') return `${column.name} (two classes)`;
  return `${column.name} (cannot be a target)`;
}
