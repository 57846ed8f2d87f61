// What an Optimization Lab panel runs: its named experiments, each the widget spec patched by
// the experiment (the engine's rule: a patch naming another model type replaces the model)
// and then by the learner's control values. DOM-free, so Node tests can check it.
import { mergePatch } from '../../runtime/merge-patch.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Sections of a widget file that are not part of a single run. */
const RUN_SECTIONS = ['experiments', 'variants', 'scenarios', 'widget'];

export function getPath(obj: unknown, dotted: string): unknown {
  let current = obj;
  for (const part of dotted.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A merge patch setting one dotted path: `a.b.c`, 1 → {a: {b: {c: 1}}}. */
export function pathPatch(dotted: string, value: unknown): Json {
  const parts = dotted.split('.');
  let patch: unknown = value;
  for (let i = parts.length - 1; i >= 0; i--) patch = { [parts[i]]: patch };
  return patch as Json;
}

/** The spec without its experiments, variants, scenarios and widget sections. */
export function baseSpec(spec: Json): Json {
  const out = { ...spec };
  for (const key of RUN_SECTIONS) delete out[key];
  return out;
}

/** Applies an experiment patch the way the engine does (docs/spec.md). */
export function applyExperimentPatch(base: Json, patch: Json): Json {
  const out = { ...base };
  const model = patch.model;
  if (isRecord(model) && isRecord(out.model) && (model.type ?? out.model.type) !== out.model.type) delete out.model;
  return mergePatch(out, patch) as Json;
}

export function experimentPatch(spec: Json, name: string): Json {
  const experiments = isRecord(spec.experiments) ? spec.experiments : {};
  return isRecord(experiments[name]) ? (experiments[name] as Json) : {};
}

/** The full spec one experiment runs (before the learner's values). */
export function experimentSpec(spec: Json, name: string): Json {
  return applyExperimentPatch(baseSpec(spec), experimentPatch(spec, name));
}

export function modelType(spec: Json): string | undefined {
  const type = getPath(spec, 'model.type');
  return typeof type === 'string' ? type : undefined;
}

/**
 * Which experiments of a panel the controls change. An experiment whose every control option
 * is still at the engine's declared default (dropout 0, batch norm off, ...) is the panel's
 * reference and keeps its values, as long as some other experiment is not; every other
 * experiment follows the controls. A panel of schedules, none at the defaults, changes all.
 */
export function controlledExperiments(
  names: string[], valuesOf: (name: string) => Record<string, unknown>, defaults: Record<string, unknown>,
): { changed: string[]; references: string[] } {
  const options = Object.keys(defaults);
  const atDefaults = (name: string) => {
    const values = valuesOf(name);
    return options.length > 0 && options.every((o) => values[o] === undefined || JSON.stringify(values[o]) === JSON.stringify(defaults[o]));
  };
  const references = names.length > 1 ? names.filter(atDefaults) : [];
  if (references.length === names.length) return { changed: names, references: [] };
  return { changed: names.filter((n) => !references.includes(n)), references };
}

/** One experiment's patch with the learner's values (spec paths → values) merged in. */
export function patchWithValues(patch: Json, values: Record<string, unknown>): Json {
  let out: Json = structuredClone(patch);
  for (const [path, value] of Object.entries(values)) out = mergePatch(out, pathPatch(path, value)) as Json;
  return out;
}

/** A learner's CSV in place of the widget's dataset: every other column is a feature. */
export interface CustomDataset {
  name: string;
  text: string;
  target: string;
}

/** The dataset part of a spec for a learner's CSV (the file travels in the run's `files`). */
export function datasetPatch(data: CustomDataset): Json {
  // features/where/positive/log1p name the lesson's columns: unset them for another file.
  return { dataset: { csv: data.name, target: data.target, features: null, where: null, positive: null }, preprocess: { log1p: null } };
}

/** The spec that runs the given experiments (name → patch) in one engine call. */
export function panelRunSpec(spec: Json, experiments: Record<string, Json>, data: CustomDataset | null): Json {
  let base = baseSpec(spec);
  if (data) base = mergePatch(base, datasetPatch(data)) as Json;
  return { ...base, experiments };
}

/** Identifies an experiment's result: the same key means the same run (the engine is deterministic). */
export function experimentKey(spec: Json, patch: Json, data: CustomDataset | null): string {
  return JSON.stringify([baseSpec(spec), patch, data ? [data.name, data.target, data.text.length, hashText(data.text)] : null]);
}

/** FNV-1a over the text: enough to tell two learner files apart in a cache key. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
