// The page's locale and its messages. Every string the shell and the widgets show comes from a
// catalog (web/i18n/LANG/*.json: flat keys → ICU MessageFormat messages, formatted by
// intl-messageformat with the browser's Intl, so plurals and numbers follow the locale).
// English is built in and is the fallback for a key another locale lacks; another locale's
// catalog (the site's i18n/LANG.json, all its areas merged: web/scripts/i18n-catalogs.mjs) is
// fetched only when a page asks for that locale. The build precompiles every message (the
// bundles carry no ICU parser: Vite aliases it to its parser-less build); a catalog read from
// source, as in the unit tests, is parsed here. The pages take intl-messageformat's
// formatToParts alone (1.5 KB gzip, not the whole class's 3 KB) with Intl's formatters cached here.
import { type Formats, type Formatters, formatToParts } from 'intl-messageformat';
import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { getSiteRoot } from '../runtime/browser-engine.ts';
// The path is the same from web/src/i18n/ and from the unit tests' build/js-test/i18n/.
import enShell from '../../../web/i18n/en/shell.json' with { type: 'json' };

export type MessageValues = Record<string, string | number>;
/** A message: its ICU source (or, precompiled, its plain text) or its precompiled AST. */
export type Message = string | MessageFormatElement[];
export type Catalog = Record<string, Message>;

/** Locales the site has catalogs for (web/i18n/*, checked by tools/i18n/check-catalogs.mjs) and
 *  the pseudo-locales the build makes from English. */
export const LOCALES = ['en', 'de', 'en-XA', 'ar-XB'] as const;

// The shell's English; the widgets add theirs when their code loads (widgets/widget-i18n.ts).
const english: Catalog = { ...(enShell as Catalog) };
const catalogs = new Map<string, Catalog>([['en', english]]);
const loading = new Map<string, Promise<Catalog | null>>();
let active = 'en';
let messages: Catalog = english;
/** Each message's AST, parsed once (only a catalog read from source has any to parse). */
const compiled = new Map<string, MessageFormatElement[]>();
/** Tells listeners (the page's own parts) that the locale changed. */
const listeners = new Set<(lang: string) => void>();

/** The active locale's BCP 47 tag ('en', 'de', …). */
export function locale(): string { return active; }

/** 'rtl' for a right-to-left locale (Arabic, Hebrew, Persian, Urdu and their pseudo-locale). */
export function direction(lang = active): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/** The locale of the site's catalogs that serves `lang`: itself, else its language alone
 *  ('de-AT' → 'de'), else English. Pseudo-locales match exactly ('en-XA', case aside). */
export function resolveLocale(lang: string | null | undefined): string {
  const wanted = (lang ?? '').trim().replace(/_/g, '-').toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return LOCALES.find((l) => l.toLowerCase() === language) ?? 'en';
}

/** Whether `lang` is a pseudo-locale (a test locale made from English by the build). */
export const isPseudoLocale = (lang: string): boolean => /-(XA|XB)$/.test(lang);

/** Plain text in a precompiled catalog or ICU syntax-free source: shown as it is. */
const isPlain = (m: Message): m is string => typeof m === 'string' && !/[{}']/.test(m);

/** The message `key` formatted with `values`; the English message when the locale lacks it. */
export function t(key: string, values?: MessageValues): string {
  const source = Object.hasOwn(messages, key) ? messages[key] : english[key];
  if (source === undefined) return key;  // a key no catalog has shows as itself: an authoring slip to see
  if (isPlain(source)) return source;
  let ast = typeof source === 'string' ? compiled.get(key) : source;
  if (!ast && typeof source === 'string') {
    ast = parse(source);
    compiled.set(key, ast);
  }
  if (!ast) return key;
  // Number and plural rules of the locale; a pseudo-locale formats as its base language.
  return formatToParts(ast, intlLocale(), FORMATTERS, FORMATS, values, undefined, key).map((p) => String(p.value)).join('');
}

/** Intl's formatters, one per locale and options (making one costs more than using it). */
const intlCache = new Map<string, unknown>();
function cached<T>(kind: string, make: (locales: string | string[], options?: object) => T) {
  return (locales?: string | string[], options?: object): T => {
    const id = `${kind} ${JSON.stringify(locales)} ${JSON.stringify(options ?? {})}`;
    let value = intlCache.get(id) as T | undefined;
    if (value === undefined) intlCache.set(id, (value = make(locales ?? [], options)));
    return value;
  };
}
const FORMATTERS: Formatters = {
  getNumberFormat: cached('n', (l, o) => new Intl.NumberFormat(l, o)),
  getDateTimeFormat: cached('d', (l, o) => new Intl.DateTimeFormat(l, o)) as Formatters['getDateTimeFormat'],
  getPluralRules: cached('p', (l, o) => new Intl.PluralRules(l, o)) as Formatters['getPluralRules'],
};
/** The named styles of `{n, number, percent}`, `{d, date, short}` (ICU's usual ones). */
const FORMATS: Formats = {
  number: { integer: { maximumFractionDigits: 0 }, currency: { style: 'currency' }, percent: { style: 'percent' } },
  date: { short: { dateStyle: 'short' }, medium: { dateStyle: 'medium' }, long: { dateStyle: 'long' }, full: { dateStyle: 'full' } },
  time: { short: { timeStyle: 'short' }, medium: { timeStyle: 'medium' }, long: { timeStyle: 'long' }, full: { timeStyle: 'full' } },
};

/** The locale Intl formats with: a pseudo-locale's base language ('en-XA' → 'en'). */
export function intlLocale(lang = active): string {
  return isPseudoLocale(lang) ? (lang.startsWith('ar') ? 'ar' : 'en') : lang;
}

/** A number in the active locale's format (1.234,5 in German). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  // Latin digits even for ar-XB: its point is the layout, not Arabic digits.
  return new Intl.NumberFormat(isPseudoLocale(active) ? 'en' : active, options).format(value);
}

/** Puts a locale's messages in place without fetching them (the static pages' renderer, which
 *  gets them from the build, and the unit tests). */
export function addCatalog(lang: string, catalog: Catalog): void {
  catalogs.set(lang, lang === 'en' ? Object.assign(english, catalog) : catalog);
  if (lang === active) {
    messages = catalogs.get(lang)!;
    compiled.clear();
  }
}

/** The site's i18n/LANG.json (null when it cannot be had: the page stays English). */
function fetchCatalog(lang: string): Promise<Catalog | null> {
  let pending = loading.get(lang);
  if (!pending) {
    pending = fetch(new URL(`i18n/${lang}.json`, getSiteRoot()))
      .then((r) => (r.ok ? (r.json() as Promise<Catalog>) : null))
      .then((c) => (c && typeof c === 'object' && !Array.isArray(c) ? c : null))
      .catch(() => null);
    loading.set(lang, pending);
  }
  return pending;
}

/** Switches to `lang` ('de', 'de-AT' → 'de'); English for a locale with no catalog. Loads the
 *  locale's catalog once; concurrent callers share the load. Returns the locale now active. */
export async function useLocale(lang: string): Promise<string> {
  const wanted = resolveLocale(lang);
  const catalog = catalogs.get(wanted) ?? (await fetchCatalog(wanted));
  if (catalog) catalogs.set(wanted, catalog);
  const next = catalog ? wanted : 'en';
  if (next !== active) {
    active = next;
    messages = catalogs.get(next) ?? english;
    compiled.clear();
    for (const listener of listeners) listener(active);
  }
  return active;
}

/** Calls `listener` after each change of locale. */
export function onLocaleChange(listener: (lang: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The locale a page or an element asks for: the nearest `lang` attribute, else the page's
 *  `<html lang>`, else English. */
export function requestedLocale(el?: Element | null): string {
  const tagged = el?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.getAttribute('lang');
  return tagged && tagged.trim() ? tagged.trim() : 'en';
}

/** Sets `<html lang dir>` for `lang` (the page's chrome is in that locale from now on). */
export function markDocument(lang: string, doc: Document = document): void {
  doc.documentElement.lang = lang;
  doc.documentElement.dir = direction(lang);
}
