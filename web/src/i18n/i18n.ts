// The page's locale and its messages. Every string the shell and the widgets show comes from a
// catalog (web/i18n/LANG/*.json: flat keys → ICU MessageFormat messages, formatted by
// intl-messageformat with the browser's Intl, so plurals and numbers follow the locale).
// English is built in and is the fallback for a key another locale lacks; another locale's
// catalog is loaded only when a page asks for that locale.
//
// SKELETON (first cut so the shell and the widgets can move their strings now): the loader,
// the pseudo-locales and the build-time precompilation come next; the API below stays.
import { IntlMessageFormat } from 'intl-messageformat';
import enShell from '../../i18n/en/shell.json';
import enWidgets from '../../i18n/en/widgets.json';

export type MessageValues = Record<string, string | number>;
type Catalog = Record<string, string>;

const english: Catalog = { ...enShell, ...enWidgets } as Catalog;
let active = 'en';
let messages: Catalog = english;
const compiled = new Map<string, IntlMessageFormat>();

/** The active locale's BCP 47 tag ('en', 'de', …). */
export function locale(): string { return active; }

/** 'rtl' for a right-to-left locale (Arabic, Hebrew, Persian, Urdu and their pseudo-locale). */
export function direction(lang = active): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/** The message `key` formatted with `values`; the English message when the locale lacks it. */
export function t(key: string, values?: MessageValues): string {
  const source = Object.hasOwn(messages, key) ? messages[key] : english[key];
  if (source === undefined) return key;  // a key no catalog has shows as itself: an authoring slip to see
  if (!values && !source.includes('{')) return source;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(source, active);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

/** A number in the active locale's format (1.234,5 in German). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(active, options).format(value);
}

/** Switches to `lang` ('de', 'de-AT' → 'de'); English for a locale with no catalog. */
export async function useLocale(lang: string): Promise<string> {
  active = 'en';
  messages = english;
  compiled.clear();
  void lang;
  return active;
}

/** The locale a page or an element asks for: the nearest `lang` attribute, else the page's
 *  `<html lang>`, else English. */
export function requestedLocale(el?: Element | null): string {
  const tagged = el?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.getAttribute('lang');
  return tagged && tagged.trim() ? tagged.trim() : 'en';
}
