// Widget settings in the page's query string, TensorFlow-Playground style: a shared link
// reproduces the run. Each widget owns the parameters prefixed with its key
// (`optimization_lab.titanic:dropout/model.dropout=0.45`), so several widgets and the page's own
// parameters (`id=...`) share one URL. This module only moves strings; each widget checks and
// types the values against its own controls when it reads them.

export type SettingValue = string | number | boolean;
export type Settings = Record<string, SettingValue>;

const KEY_UNSAFE = /[^A-Za-z0-9._-]+/g;

/** A widget's key in URLs: its file's name without ".json" (`optimization_lab.titanic`). */
export function widgetKey(src: string): string {
  const file = src.split(/[?#]/)[0].split('/').pop() ?? '';
  const key = file.replace(/\.json$/i, '').replace(KEY_UNSAFE, '_');
  return key || 'widget';
}

/** Percent-encodes like encodeURIComponent but keeps the characters that read well in a URL. */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(/%(3A|2F|2C)/gi, (m) => decodeURIComponent(m));
}

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;  // a malformed escape: keep the raw text; the widget then rejects the value
  }
}

export function formatSetting(value: SettingValue): string {
  return typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : value;
}

function pairs(search: string): [string, string][] {
  return search.replace(/^\?/, '').split('&').filter(Boolean).map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
  });
}

/** This widget's settings in a query string (raw text values), or null when it has none. */
export function readSettings(search: string, key: string): Record<string, string> | null {
  const prefix = `${key}:`;
  let found: Record<string, string> | null = null;
  for (const [rawName, rawValue] of pairs(search)) {
    const name = decodePart(rawName);
    if (!name.startsWith(prefix) || name.length === prefix.length) continue;
    (found ??= {})[name.slice(prefix.length)] = decodePart(rawValue);
  }
  return found;
}

/** The query string with this widget's parameters replaced by `settings` (others kept as they were). */
export function writeSettings(search: string, key: string, settings: Settings): string {
  const prefix = `${key}:`;
  const kept = pairs(search).filter(([name]) => !decodePart(name).startsWith(prefix)).map(([n, v]) => (v ? `${n}=${v}` : n));
  const own = Object.keys(settings).sort().map((name) => `${encodePart(prefix + name)}=${encodePart(formatSetting(settings[name]))}`);
  const all = [...kept, ...own];
  return all.length ? `?${all.join('&')}` : '';
}

/** A finite number, or undefined. */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** true/false (also 1/0), or undefined. */
export function parseBoolean(text: string | undefined): boolean | undefined {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}
