// "What to notice": one line under a panel's charts, from the panel's `notice` template in the
// widget file ("Dropout cut the gap from {reference_gap} to {compared_gap}") and the numbers of
// the run on screen. Each quantity has one number format everywhere in the lab (scores as a
// percent with one decimal, in summaries and tables alike; gaps and losses with 3 decimals; λ
// with 3 significant digits; epochs as whole numbers), so a learner can match the line to the
// table at a glance. Numbers are written in the page's locale (locale-number.ts): "87.9%" in
// English, "87,9 %" in German. DOM-free: the renderer is a pure function, tested in Node.
import { fixed, percent, scientific, significant, whole } from './locale-number.ts';

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
export function formatScore(v: number, plain = false, lang?: string): string {
  return plain ? fixed(v, 3, lang) : percent(v, 1, lang);
}

/** λ with 3 significant digits: 0.01 → "0.01", 0.000257 → "2.57e-4", 257.1 → "257". */
export function formatLambda(v: number, lang?: string): string {
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return scientific(v, 3, lang);
  return significant(v, 3, lang);
}

/** A value in its quantity's format ('' when the run has none). */
export function formatQuantity(item: NoticeValue, lang?: string): string {
  const { quantity, value } = item;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  switch (quantity) {
    case 'score': return formatScore(value, item.plain, lang);
    case 'gap': case 'loss': return fixed(value, 3, lang);
    case 'lambda': return formatLambda(value, lang);
    case 'count': return whole(value, lang);
    default: return significant(value, 6, lang);
  }
}

/**
 * The template with each `{name}` replaced by its value's text. A name the values lack stays
 * visible as written (the engine checks templates against the declared names, so that is an
 * authoring slip to see, not to hide). A value the run lacks is empty, and the space before the
 * punctuation that followed it goes with it.
 */
export function renderNotice(template: string, values: Readonly<Record<string, NoticeValue>>, lang?: string): string {
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (written, name: string) => {
    const item = Object.hasOwn(values, name) ? values[name] : undefined;
    return item ? formatQuantity(item, lang) : written;
  }).replace(/\s+([,.;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}
