// Numbers in the page's locale (87.9% / 87,9 %, 1,234.5 / 1.234,5): the formats each quantity
// has in the lab (a score's one decimal, a loss's three, λ's three significant digits, ...) stay
// what they are; only the locale's digits, separators and percent sign change. The same
// Intl.NumberFormat that i18n.ts's formatNumber uses, kept per locale and options because tables
// and streamed charts format thousands of numbers a second. `lang` defaults to the active
// locale; tests pass it. Exports (CSV, JSON) never come through here: they are data.
import { isPseudoLocale, locale as activeLocale } from '../widget-i18n.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** The locale numbers are written in: the active one; a pseudo-locale's in English digits and
 *  separators, as i18n.ts's formatNumber writes them (its point is the layout). */
function locale(): string {
  const lang = activeLocale();
  return isPseudoLocale(lang) ? 'en' : lang;
}

function format(value: number, options: Intl.NumberFormatOptions, lang: string): string {
  const key = `${lang}\u0000${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    formats.set(key, f);
  }
  return f.format(value);
}

/** `digits` decimals exactly: 0.4193 → "0.419" / "0,419". */
export function fixed(value: number, digits: number, lang = locale()): string {
  return format(value, { minimumFractionDigits: digits, maximumFractionDigits: digits }, lang);
}

/** A fraction as a percent with `digits` decimals: 0.879 → "87.9%" / "87,9 %". */
export function percent(value: number, digits = 1, lang = locale()): string {
  return format(value, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }, lang);
}

/** At most `digits` significant digits, trailing zeros dropped: 0.25713 → "0.257", 0.01 → "0.01". */
export function significant(value: number, digits: number, lang = locale()): string {
  return format(value, { maximumSignificantDigits: digits }, lang);
}

/** Exactly `digits` significant digits (toPrecision's): 1.5 → "1.50" / "1,50". */
export function precise(value: number, digits: number, lang = locale()): string {
  return format(value, { minimumSignificantDigits: digits, maximumSignificantDigits: digits }, lang);
}

/** Scientific with `digits` significant digits, a lower-case e as the lab always wrote it:
 *  0.0000257 → "2.57e-5" / "2,57e-5". `trim`: trailing zeros dropped (5.0e-4 → "5e-4"). */
export function scientific(value: number, digits: number, lang = locale(), trim = false): string {
  return format(value, { notation: 'scientific', minimumSignificantDigits: trim ? 1 : digits, maximumSignificantDigits: digits }, lang).replace('E', 'e');
}

/** A number as Intl writes it by default (up to three decimals): the charts' axis ticks, as
 *  uPlot writes them, but in the page's locale instead of the browser's. */
export function plain(value: number, lang = locale()): string {
  return format(value, { maximumFractionDigits: 3 }, lang);
}

/** A whole number: 1317 → "1,317" / "1.317". */
export function whole(value: number, lang = locale()): string {
  return format(Math.round(value), { maximumFractionDigits: 0 }, lang);
}
