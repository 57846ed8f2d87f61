// Small wording helpers over the widgets catalog (web/i18n/LANG/widgets.json). DOM-free.
import { type MessageValues, t } from '../../i18n/i18n.ts';

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
