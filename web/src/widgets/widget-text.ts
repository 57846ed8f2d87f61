// A widget file's text in another language: widgets/i18n/STEM.LANG.json beside widgets/STEM.json
// maps JSON Pointers into the widget file to display text ({ "lang": "de", "widget":
// "../STEM.json", "text": { "/widget/title": "…" } }). The widget file itself stays as written and
// is what runs: the engine, the cached results and the build's answers see the original. What
// the learner reads comes from a display copy with the text applied. Names of variants and
// scenarios are identifiers (results and `teacher` name them), so their translations are display
// names only, looked up by the original name. DOM-free: tested in Node. A page in English loads
// only widget-text-url.ts (whether to look for a file, and where).
import { textLanguage, widgetTextUrl } from './widget-text-url.ts';

/** The string fields a translation covers (the engine's widget-text check requires them all). */
const TRANSLATABLE = new Set(['title', 'description', 'note', 'notice', 'label', 'help', 'name']);

export type Json = Record<string, unknown>;

/** Display text by JSON Pointer, with the file it came from (for messages). */
export interface WidgetText {
  lang: string;
  file: string;
  text: ReadonlyMap<string, string>;
}

export { textLanguage, widgetTextUrl };

const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The pointer's tokens (RFC 6901: ~1 is '/', ~0 is '~'); null for a string that is not one. */
function tokens(pointer: string): string[] | null {
  if (!pointer.startsWith('/')) return null;
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at `pointer` in `doc` (undefined when nothing is there). */
export function valueAt(doc: unknown, pointer: string): unknown {
  const path = tokens(pointer);
  if (!path) return undefined;
  let here: unknown = doc;
  for (const token of path) {
    if (Array.isArray(here)) here = /^(0|[1-9]\d*)$/.test(token) ? here[Number(token)] : undefined;
    else if (isRecord(here) && Object.hasOwn(here, token)) here = here[token];
    else return undefined;
  }
  return here;
}

/** Every pointer a translation of `doc` must cover: string fields named title, description,
 *  note, notice, label, help or name, and every value of a `labels` object. */
export function translatablePointers(doc: unknown, at = ''): string[] {
  const out: string[] = [];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...translatablePointers(v, `${at}/${i}`)));
  else if (isRecord(doc)) {
    for (const [key, value] of Object.entries(doc)) {
      const here = `${at}/${escapeToken(key)}`;
      if (typeof value === 'string' && TRANSLATABLE.has(key)) out.push(here);
      else if (key === 'labels' && isRecord(value)) {
        for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out.push(`${here}/${escapeToken(k)}`);
      } else out.push(...translatablePointers(value, here));
    }
  }
  return out;
}

/** The `{placeholders}` of a notice template, sorted (a translation keeps the same ones). */
function placeholders(template: string): string {
  return [...template.matchAll(/\{([a-z_][a-z0-9_]*)\}/gi)].map((m) => m[1]).sort().join(',');
}

/**
 * Reads a widget text file for `widget` (the parsed widget file). A file that cannot be used
 * throws one line naming the file, the field and the value: JSON it cannot read, another
 * language than asked, a pointer with no translatable string under it in the widget file, a
 * value that is not text, or a notice whose {placeholders} differ from the original's.
 */
export function readWidgetText(source: string, fileName: string, lang: string, widget: unknown): WidgetText {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (e) {
    throw new Error(`${fileName}: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new Error(`${fileName}: the file is not a JSON object`);
  const language = textLanguage(lang);
  if (typeof doc.lang !== 'string' || textLanguage(doc.lang) !== language) {
    throw new Error(`${fileName}: lang: ${JSON.stringify(doc.lang ?? null)} is not "${language ?? 'en'}"`);
  }
  if (!isRecord(doc.text)) throw new Error(`${fileName}: text: expected an object of JSON Pointer → text, got ${JSON.stringify(doc.text ?? null)}`);
  const allowed = new Set(translatablePointers(widget));
  const text = new Map<string, string>();
  for (const [pointer, value] of Object.entries(doc.text)) {
    const field = `text[${JSON.stringify(pointer)}]`;
    if (typeof value !== 'string') throw new Error(`${fileName}: ${field}: expected text, got ${JSON.stringify(value)}`);
    if (!allowed.has(pointer)) throw new Error(`${fileName}: ${field}: the widget file has no translatable text there`);
    const original = valueAt(widget, pointer) as string;
    if (/\/notice$/.test(pointer) && placeholders(original) !== placeholders(value)) {
      throw new Error(`${fileName}: ${field}: the placeholders {${placeholders(value)}} are not the original's {${placeholders(original)}}`);
    }
    text.set(pointer, value);
  }
  return { lang: language ?? 'en', file: fileName, text };
}

/** A copy of `spec` with the text applied (the original is not touched). For display only:
 *  runs take the original, whose names are the identifiers the engine and results use. */
export function displayCopy<T>(spec: T, text: WidgetText | null): T {
  if (!text || !text.text.size) return spec;
  const copy = structuredClone(spec) as unknown;
  for (const [pointer, value] of text.text) {
    const path = tokens(pointer);
    if (!path) continue;
    const last = path.pop()!;
    const parent = valueAt(copy, path.map(escapeToken).map((t) => `/${t}`).join(''));
    if (Array.isArray(parent) && /^\d+$/.test(last)) parent[Number(last)] = value;
    else if (isRecord(parent) && typeof parent[last] === 'string') parent[last] = value;
  }
  return copy as T;
}

/** The display name of each named entry of a spec list (`variants`, `scenarios`): original
 *  name → its translation; a name without one shows as it is. */
export function displayNames(spec: unknown, list: 'variants' | 'scenarios', text: WidgetText | null): (name: string) => string {
  const names = new Map<string, string>();
  const items = isRecord(spec) && Array.isArray(spec[list]) ? spec[list] as unknown[] : [];
  items.forEach((item, i) => {
    const name = isRecord(item) ? item.name : undefined;
    const shown = text?.text.get(`/${list}/${i}/name`);
    if (typeof name === 'string' && shown !== undefined) names.set(name, shown);
  });
  return (name) => names.get(name) ?? name;
}
