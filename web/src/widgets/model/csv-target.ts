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
}

export interface CsvPreview {
  file: string;
  rows: number;
  columns: CsvColumn[];
  head: (string | null)[][];
  /** Columns a binary classifier can predict (exactly two classes). */
  targets: string[];
  max_classes: number;
}

/** Why a column cannot be the target, or null when it can. */
export function targetProblem(preview: CsvPreview, name: string): string | null {
  const column = preview.columns.find((c) => c.name === name);
  if (!column) return `There is no column "${name}".`;
  if (preview.targets.includes(name)) return null;
  const shown = column.values.map((v) => `"${v}"`).join(', ');
  if (column.classes < 2) return `The target "${name}" must have two different values; it has ${column.classes === 0 ? 'none' : `only ${shown}`}.`;
  const count = column.classes > preview.max_classes ? `more than ${preview.max_classes}` : String(column.classes);
  return `The target "${name}" must have exactly two values (yes/no, 0/1, ...); it has ${count}, e.g. ${shown}.`;
}
