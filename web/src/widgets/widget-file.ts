// A widget file as the widget elements read it. The browser's JSON.parse is laxer than the
// engine (a duplicate key: the last wins, silently; 1e999: Infinity, sent on as null) and does
// not say where a syntax error is, so the engine's validator reads the same text: its findings
// name the file, line, column and field, as `tools/lab validate` prints them. The elements stay
// lenient about the widget section itself (a file without panels is one panel that runs the
// spec as it is), so what stops a widget is JSON the browser cannot read faithfully, and
// problems in the spec or its experiments (a run would refuse those anyway, saying less).
import { type Diagnostic, describeDiagnostic } from '../runtime/engine-api.ts';
import type { EngineClient } from '../runtime/engine-client.ts';

export interface WidgetFile {
  /** The file as JSON.parse reads it; undefined when that reading is not faithful. */
  value: unknown;
  /** What stops the widget ("file:line:col: error: field: message", joined by "; "), or null. */
  problem: Promise<string | null>;
}

/** The file name a widget file's messages use: the last part of its URL's path. */
export function widgetFileName(url: URL): string {
  return decodeURIComponent(url.pathname.split('/').pop() || 'widget.json');
}

const allFinite = (v: unknown): boolean => {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
};

/** A finding about the widget section (its type, panels, controls) or the file's lack of one. */
const aboutWidgetSection = (d: Diagnostic): boolean => !d.field || /^widget\b/.test(d.field);

export function readWidgetFile(text: string, fileName: string, client: EngineClient): WidgetFile {
  let value: unknown;
  let browserError: string | null = null;
  try {
    value = JSON.parse(text);
    if (!allFinite(value)) browserError = 'a number is too large to represent';
  } catch (e) {
    browserError = (e as Error).message;
  }
  // A background job: on a page that runs a widget at once, the run goes first.
  const problem = client.call('validateWidget', [text, fileName], undefined, 'background').then(
    (answer) => ((answer as { diagnostics?: Diagnostic[] }).diagnostics ?? []).filter((d) => d?.severity === 'error'),
    () => [] as Diagnostic[],  // no engine: the browser's reading stands (the widget reports the engine itself)
  ).then((errors) => {
    const stopping = browserError ? errors : errors.filter((d) => !aboutWidgetSection(d));
    if (stopping.length) return stopping.map(describeDiagnostic).join('; ');
    return browserError ? `${fileName}: ${browserError}` : null;
  });
  return { value: browserError ? undefined : value, problem };
}
