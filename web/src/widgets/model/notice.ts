// "What to notice": one line under a panel's charts, from the panel's `notice` template in the
// widget file ("Dropout cut the gap from {reference_gap} to {compared_gap}") and the numbers of
// the run on screen. Each quantity has one number format everywhere in the lab (scores as a
// percent with one decimal, in summaries and tables alike; gaps and losses with 3 decimals; λ
// with 3 significant digits; epochs as whole numbers), so a learner can match the line to the
// table at a glance. DOM-free: the renderer is a pure function, tested in Node.
export type Quantity = 'score' | 'gap' | 'loss' | 'lambda' | 'count' | 'text';

/** One value a template may name: what it measures (its format) and the number or text. */
export interface NoticeValue {
  quantity: Quantity;
  /** null: the run has none (an experiment without early stopping has no best epoch). */
  value: number | string | null;
  /** A score that is not a fraction (R²): shown as a number, not a percent. */
  plain?: boolean;
}

/** A score: a fraction as a percent with one decimal (0.879 → "87.9%"); R² as 3 decimals. */
export function formatScore(v: number, plain = false): string {
  return plain ? v.toFixed(3) : `${(100 * v).toFixed(1)}%`;
}

/** λ with 3 significant digits: 0.01 → "0.01", 0.000257 → "2.57e-4", 257.1 → "257". */
export function formatLambda(v: number): string {
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** A value in its quantity's format ('' when the run has none). */
export function formatQuantity(item: NoticeValue): string {
  const { quantity, value } = item;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  switch (quantity) {
    case 'score': return formatScore(value, item.plain);
    case 'gap': case 'loss': return value.toFixed(3);
    case 'lambda': return formatLambda(value);
    case 'count': return String(Math.round(value));
    default: return String(value);
  }
}

/**
 * The template with each `{name}` replaced by its value's text. A name the values lack stays
 * visible as written (the engine checks templates against the declared names, so that is an
 * authoring slip to see, not to hide). A value the run lacks is empty, and the space before the
 * punctuation that followed it goes with it.
 */
export function renderNotice(template: string, values: Readonly<Record<string, NoticeValue>>): string {
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (whole, name: string) => {
    const item = Object.hasOwn(values, name) ? values[name] : undefined;
    return item ? formatQuantity(item) : whole;
  }).replace(/\s+([,.;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}
