// The lab's widgets as an anywidget front-end module: lab-widgets.js's default export
// `{ render }` is what Jupyter's anywidget (`_esm` set to the site's lab-widgets.js) and MyST's
// `{anywidget}` directive call. The model's traits:
//   type      the widget type ("optimization_lab", "performance_tradeoff_explorer")
//   src       the widget file's URL (relative: against the page); its origin may serve the CSV
//   settings  optional: the widget's settings as a shared link names them ({panel, seed,
//             "dropout/model.dropout": 0.45, ...}); set by the host, they define the run (the
//             widget runs them); the learner's changes are written back
//   result    written by the widget: a summary of its last result (resultSummary)
//   lang      optional: the widget's language (its `lang` attribute)
//   autorun   optional: the element's autorun attribute (default "visible")
// render() puts the element in `el` and returns the clean-up that takes it out again with its
// listeners; the element's own life-cycle then lets go of its timers and its share of the
// engine's workers (the last widget gone ends them: runtime/engine-client.ts, attach).
import type { AnyModel, RenderProps } from '@anywidget/types';
import type { ExperimentResult } from './runtime/engine-api.ts';
import type { SettingValue, Settings } from './state/url-state.ts';
import type { LabWidgetElement } from './widgets/lab-widget.ts';
import { widgetElement } from './widgets/widget-types.ts';

export const WIDGET_TYPES = ['optimization_lab', 'performance_tradeoff_explorer'] as const;

export interface LabWidgetModel {
  type: string;
  src: string;
  settings?: Settings | null;
  result?: ResultSummary | null;
  lang?: string | null;
  autorun?: string | null;
  [trait: string]: unknown;
}

/** What the model's `result` holds: the run's result without its long lists (training
 *  histories, paths, sweeps: a notebook syncs every byte of a trait), with where it came from. */
export interface ResultSummary {
  type: string;
  panel?: string;
  part?: string;
  fromBuild?: boolean;
  cached?: boolean;
  settings: Settings;
  result: unknown;
}

/** Lists longer than this are left out of a result summary; deeper levels too. */
const SUMMARY_MAX_LIST = 16;
const SUMMARY_MAX_DEPTH = 8;

/** A JSON-safe copy of `value` without lists longer than SUMMARY_MAX_LIST (undefined: left out). */
export function summarize(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth >= SUMMARY_MAX_DEPTH || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    if (value.length > SUMMARY_MAX_LIST) return undefined;
    return value.map((v) => summarize(v, depth + 1) ?? null);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const kept = summarize(v, depth + 1);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** Why the model cannot make a widget (one line naming the trait and its value), or null. */
export function modelProblem(model: Pick<AnyModel<LabWidgetModel>, 'get'>): string | null {
  const type = model.get('type');
  if (!(WIDGET_TYPES as readonly unknown[]).includes(type)) {
    return `lab-widgets.js: model trait "type": ${JSON.stringify(type ?? null)} is not a widget type (${WIDGET_TYPES.join(', ')})`;
  }
  const src = model.get('src');
  if (typeof src !== 'string' || !src.trim()) return `lab-widgets.js: model trait "src": ${JSON.stringify(src ?? null)} is not a widget file URL`;
  return settingsProblem(model.get('settings'));
}

function settingsProblem(settings: unknown): string | null {
  if (settings === undefined || settings === null) return null;
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    return `lab-widgets.js: model trait "settings": ${JSON.stringify(settings)} is not an object of settings`;
  }
  for (const [name, value] of Object.entries(settings)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      return `lab-widgets.js: model trait "settings", "${name}": ${JSON.stringify(value)} is not a string, number or boolean`;
    }
  }
  return null;
}

/** The settings as text with sorted keys: the same settings give the same text. */
function settingsText(settings: unknown): string {
  if (!settings || typeof settings !== 'object') return '{}';
  const s = settings as Record<string, SettingValue>;
  return JSON.stringify(Object.keys(s).sort().map((k) => [k, s[k]]));
}

/** save_changes where the host has one: MyST's static pages throw from it (nothing to sync). */
function save(model: AnyModel<LabWidgetModel>): void {
  try {
    model.save_changes();
  } catch {
    // a host without a kernel keeps the value in its model all the same
  }
}

export function render({ model, el, signal }: Pick<RenderProps<LabWidgetModel>, 'model' | 'el'> & { signal?: AbortSignal }): () => void {
  const problem = modelProblem(model);
  if (problem) {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = problem;
    el.append(message);
    console.error(problem);
    return () => message.remove();
  }
  const type = model.get('type');
  const element = document.createElement(widgetElement(type)) as LabWidgetElement;
  const src = new URL(model.get('src'), document.baseURI);
  element.setAttribute('src', src.href);
  // A notebook's page is not the lab's site: the widget file's own origin may serve its CSV.
  if (src.origin !== location.origin) element.setAttribute('allow-origins', src.origin);
  const lang = model.get('lang');
  if (typeof lang === 'string' && lang) element.setAttribute('lang', lang);
  const autorun = model.get('autorun');
  element.setAttribute('autorun', typeof autorun === 'string' ? autorun : 'visible');
  // What the element holds: a change event carrying the same settings (our own write coming
  // back, as hosts echo model.set to its listeners) changes nothing.
  const given = model.get('settings');
  let held = settingsText(given ?? {});
  if (given) element.applySettings(given);

  let done = false;
  const onSettings = () => {
    if (done) return;
    const next = model.get('settings');
    const bad = settingsProblem(next);
    if (bad) {
      console.error(bad);
      return;
    }
    if (settingsText(next) === held) return;
    held = settingsText(next ?? {});
    element.applySettings({ ...(next ?? {}) });
  };
  const onLearnerSettings = (event: Event) => {
    const settings = (event as CustomEvent<{ settings: Settings }>).detail.settings;
    held = settingsText(settings);
    model.set('settings', settings);
    save(model);
  };
  const onResult = (event: Event) => {
    const detail = (event as CustomEvent<{ result: ExperimentResult; panel?: string; part?: string; pin?: string; fromBuild?: boolean; cached?: boolean }>).detail;
    if (detail.pin !== undefined) return;  // a pinned run computed again is not the widget's result
    const summary: ResultSummary = {
      type,
      ...(detail.panel !== undefined ? { panel: detail.panel } : {}),
      ...(detail.part !== undefined ? { part: detail.part } : {}),
      ...(detail.fromBuild ? { fromBuild: true } : {}),
      ...(detail.cached ? { cached: true } : {}),
      settings: element.currentSettings(),
      result: summarize(detail.result) ?? null,
    };
    model.set('result', summary);
    save(model);
  };
  model.on('change:settings', onSettings);
  element.addEventListener('lab-settings-change', onLearnerSettings);
  element.addEventListener('lab-run-result', onResult);
  el.append(element);

  const cleanup = () => {
    if (done) return;
    done = true;
    signal?.removeEventListener('abort', cleanup);
    try {
      model.off('change:settings', onSettings);
    } catch {
      // a host whose off() is missing: onSettings does nothing from now on (done)
    }
    element.removeEventListener('lab-settings-change', onLearnerSettings);
    element.removeEventListener('lab-run-result', onResult);
    element.remove();  // its disconnectedCallback cancels the run and lets its engine use go
  };
  signal?.addEventListener('abort', cleanup, { once: true });
  return cleanup;
}

export default { render };
