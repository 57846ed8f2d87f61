// The regularization path the engine computes once (result.path: one fit per λ, from the
// strongest penalty down; result.cv: cross-validated log loss, or MSE for regression, per λ).
// The λ slider reads it: moving it looks up the nearest fitted λ, nothing is refitted.
import { type Coefficients, coefficientsFor } from './task.ts';

/** Train or validation metrics of one fit: the task's path metrics (task.ts pathMetrics). */
export type BriefMetrics = Record<string, number>;

export interface PathRow {
  lambda: number;
  /** A number, or per class {class: value} for a multinomial model. */
  intercept: number | Record<string, number>;
  coefficients: Coefficients;
  nonzero: number;
  train: BriefMetrics | null;
  validation: BriefMetrics | null;
}

export interface CvSummary {
  folds: number;
  /** What was cross-validated: "log_loss" (classifiers) or "mse" (regression). */
  metric?: string;
  lambda_min: number;
  lambda_1se: number;
  index_min: number;
  index_1se: number;
  mean: number[];
  se: number[];
}

export function pathOf(result: unknown): PathRow[] {
  const path = (result as { path?: unknown } | undefined)?.path;
  return Array.isArray(path) ? (path as PathRow[]) : [];
}

export function cvOf(result: unknown): CvSummary | null {
  const cv = (result as { cv?: unknown } | undefined)?.cv;
  return cv && typeof cv === 'object' ? (cv as CvSummary) : null;
}

/** Index of the path row whose λ is nearest to `lambda` on a log scale. */
export function nearestPathIndex(rows: PathRow[], lambda: number): number {
  let best = 0;
  let bestDistance = Infinity;
  const target = Math.log(lambda);
  rows.forEach((row, i) => {
    const d = Math.abs(Math.log(row.lambda) - target);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

/** Whether `lambda` lies outside the fitted λ range by more than half a path step. */
export function outsidePath(rows: PathRow[], lambda: number): 'above' | 'below' | null {
  if (rows.length < 2) return null;
  const lambdas = rows.map((r) => r.lambda);
  const hi = Math.max(...lambdas), lo = Math.min(...lambdas);
  const halfStep = Math.log(hi / lo) / (rows.length - 1) / 2;
  if (Math.log(lambda) > Math.log(hi) + halfStep) return 'above';
  if (Math.log(lambda) < Math.log(lo) - halfStep) return 'below';
  return null;
}

/** The feature columns in the path's order. */
export function pathFeatures(rows: PathRow[]): string[] {
  return rows.length ? Object.keys(coefficientsFor(rows[0].coefficients, null)) : [];
}
