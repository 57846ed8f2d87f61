// Small wording helpers over the widgets catalog (web/i18n/LANG/widgets.json). DOM-free.
import { type MessageValues, locale, t } from '../widget-i18n.ts';

/** The catalog's message for `key`, or `fallback` when no catalog has the key (an engine
 *  metric or stage declared after the catalog was written shows the engine's own word). */
export function wordOr(key: string, fallback: string, values?: MessageValues): string {
  const word = t(key, values);
  return word === key ? fallback : word;
}

/** "a, b and c" ("a, b und c"). */
export function listed(items: readonly string[]): string {
  return items.length > 1 ? t('widgets.list.and', { head: items.slice(0, -1).join(', '), last: items.at(-1)! }) : (items[0] ?? '');
}

/** A metric of a split as tables name it: "test accuracy" ("Genauigkeit (Test)"). */
export function splitMetric(split: string, metric: string): string {
  return t('widgets.table.splitMetric', { split, metric });
}

/** Languages whose nouns keep their capital inside a sentence (a label is not lower-cased). */
const CAPITALIZED_NOUNS = new Set(['de', 'lb']);

/** A label inside a sentence: lower-case first ("Patience" → "patience"; `whole`: every
 *  letter), except in a language that capitalizes nouns ("Geduld" stays). */
export function inSentence(label: string, whole = false, lang = locale()): string {
  if (CAPITALIZED_NOUNS.has(lang.split('-')[0].toLowerCase())) return label;
  return whole ? label.toLowerCase() : label.charAt(0).toLowerCase() + label.slice(1);
}
