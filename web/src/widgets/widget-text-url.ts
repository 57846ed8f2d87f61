// Whether a widget file has a text file to look for in a page's language, and where: all the
// widget code needs on a page in English (widget-text.ts reads and applies a text file, and
// loads only where there is one to read).

/** The language part a text file is named by ('de-AT' → 'de'); null for English, which the
 *  widget file is written in, and for the pseudo-locales (en-XA, ar-XB), which the build makes
 *  from English: they show the file's own words. */
export function textLanguage(lang: string): string | null {
  if (/-(XA|XB)$/i.test(lang.trim())) return null;
  const primary = lang.trim().split(/[-_]/)[0].toLowerCase();
  return primary && primary !== 'en' ? primary : null;
}

/** Where the text of `widgetUrl` in `lang` is: i18n/STEM.LANG.json in the widget file's folder
 *  (null for English). */
export function widgetTextUrl(widgetUrl: URL, lang: string): URL | null {
  const language = textLanguage(lang);
  const name = widgetUrl.pathname.split('/').pop() ?? '';
  if (!language || !name.endsWith('.json')) return null;
  return new URL(`i18n/${name.slice(0, -'.json'.length)}.${language}.json`, widgetUrl);
}
