// Pinned runs: a panel's settings kept so its run stays on screen, faint, under the live one.
// A pin holds settings, never results (the engine is deterministic: a seeded run gives the same
// numbers again), so the learner store and a shared link stay small, and a restored pin is
// rerun. In a URL a panel's pins are one parameter, `<widget>:pins.<panel>=dropout:0.3~dropout:0.6`:
// pins joined by "~", each a list of `name:value` joined by ",", where name is the shortest
// ending of the control's option path that no other control of the panel shares ("-" is a pin
// of the widget file's own settings). DOM-free, for Node tests.
import type { SettingValue } from './url-state.ts';

export interface PinRecord {
  /** Control values that differ from the widget file's, by option path as the file writes it. */
  values: Record<string, SettingValue>;
  /** The seed the run used, when the learner had set one. */
  seed?: number;
}

/** Most pins one panel keeps (the oldest goes first): a chart stays readable. */
export const MAX_PINS = 4;

const isValue = (v: unknown): v is SettingValue => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A pin as stored, checked; null when it is not one. */
export function checkPin(value: unknown): PinRecord | null {
  if (!isRecord(value) || !isRecord(value.values)) return null;
  const values: Record<string, SettingValue> = {};
  for (const [k, v] of Object.entries(value.values)) {
    if (!isValue(v)) return null;
    values[k] = v;
  }
  if (value.seed !== undefined && !Number.isSafeInteger(value.seed)) return null;
  return value.seed === undefined ? { values } : { values, seed: value.seed as number };
}

/** Each option's short name in URLs: its shortest dotted ending unique among `options`. */
export function shortNames(options: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const option of options) {
    const parts = option.split('.');
    for (let n = 1; n <= parts.length; n++) {
      const tail = parts.slice(-n).join('.');
      if (n === parts.length || !options.some((o) => o !== option && (o === tail || o.endsWith(`.${tail}`)))) {
        out.set(option, tail);
        break;
      }
    }
  }
  return out;
}

const SEED = 'seed';

/** A panel's pins as one URL parameter value ('' for none). */
export function encodePins(pins: readonly PinRecord[], options: readonly string[]): string {
  const short = shortNames(options);
  return pins.map((pin) => {
    const parts = options.filter((o) => pin.values[o] !== undefined)
      .map((o) => `${short.get(o)}:${encodeURIComponent(String(pin.values[o]))}`);
    if (pin.seed !== undefined) parts.push(`${SEED}:${pin.seed}`);
    return parts.length ? parts.join(',') : '-';
  }).join('~');
}

/**
 * Pins from a URL parameter value. Values come back as text (the panel types and range-checks
 * them against its controls, as for any link value); a part naming no control of the panel
 * makes its pin unreadable, and unreadable pins are counted in `rejected`.
 */
export function decodePins(text: string, options: readonly string[]): { pins: { values: Record<string, string>; seed?: number }[]; rejected: number } {
  const byShort = new Map([...shortNames(options)].map(([option, short]) => [short, option]));
  const pins: { values: Record<string, string>; seed?: number }[] = [];
  let rejected = 0;
  for (const chunk of text.split('~').filter(Boolean)) {
    const pin: { values: Record<string, string>; seed?: number } = { values: {} };
    let ok = true;
    for (const part of chunk === '-' ? [] : chunk.split(',')) {
      const at = part.indexOf(':');
      const name = part.slice(0, at);
      let value: string;
      try {
        value = decodeURIComponent(part.slice(at + 1));
      } catch {
        ok = false;
        break;
      }
      if (at > 0 && name === SEED && /^\d+$/.test(value)) pin.seed = Number(value);
      else if (at > 0 && byShort.has(name)) pin.values[byShort.get(name)!] = value;
      else ok = false;
    }
    if (ok) pins.push(pin);
    else rejected++;
  }
  return { pins: pins.slice(-MAX_PINS), rejected };
}

/** Whether two pins hold the same settings (pinning a run twice keeps one). */
export function samePin(a: PinRecord, b: PinRecord): boolean {
  const keys = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  return a.seed === b.seed && [...keys].every((k) => a.values[k] === b.values[k]);
}
