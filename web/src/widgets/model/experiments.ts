// What an Optimization Lab panel knows of its experiments without asking the engine: which
// ones its controls change, the key of a result, and the learner's seed and data source over
// the widget spec. How an experiment's patch merges, and where a control's value goes, is the
// engine's (experimentSpec, optionPath, and runSpec in the worker). DOM-free for Node tests.

import { ENGINE_VOCABULARY, type TaskKind } from '../../generated/engine-types.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The value at a dotted path of plain JSON (a spec path the engine resolved). */
export function getPath(obj: unknown, dotted: string): unknown {
  let current = obj;
  for (const part of dotted.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** The widget file's own patch for an experiment (what the file writes, not what runs). */
export function experimentPatch(spec: Json, name: string): Json {
  const experiments = isRecord(spec.experiments) ? spec.experiments : {};
  return isRecord(experiments[name]) ? (experiments[name] as Json) : {};
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

/** A learner's CSV in place of the widget's dataset: every other column is a feature. */
export interface CustomDataset {
  name: string;
  text: string;
  target: string;
  /** The task the engine's preview gave the target (absent: as the run decides). */
  task?: TaskKind;
  /** One of the site's example tables (example-data.ts), not the learner's own file. */
  example?: boolean;
}

/**
 * The models the learner's task runs in place of the widget file's (the engine's
 * ENGINE_VOCABULARY.in_place_of: a numeric target runs least squares where the file says
 * logistic regression, with the same λ, l1_ratio, path and CV options, so the regularization
 * panel teaches lasso and ridge on the learner's own numbers and the explorer's linear variants
 * predict the number too). A variant named for its model ("L1 logistic regression") is renamed
 * by the substitution's words ("L1 linear regression") unless another variant has that name, and
 * a distilled student's teacher reference follows the new name.
 */
function forTask(spec: Json, task: TaskKind): Json {
  const rules = ENGINE_VOCABULARY.in_place_of.filter((r) => r.task === task);
  if (!rules.length) return spec;
  const ruleOf = (model: unknown) => (isRecord(model) ? rules.find((r) => r.model === model.type) : undefined);
  const swap = (model: unknown) => {
    const rule = ruleOf(model);
    return rule ? { ...(model as Json), type: rule.use } : model;
  };
  const out: Json = { ...spec, model: swap(spec.model) };
  if (isRecord(spec.experiments)) {
    out.experiments = Object.fromEntries(Object.entries(spec.experiments).map(([name, e]) =>
      [name, isRecord(e) && isRecord(e.model) ? { ...e, model: swap(e.model) } : e]));
  }
  if (Array.isArray(spec.variants)) {
    // Renamed: every variant whose model is now a substitute (as the file wrote it, or swapped).
    out.variants = renamed(spec.variants.map((v) => {
      const variant = isRecord(v) && isRecord(v.model) ? { ...v, model: swap(v.model) } : v;
      const type = isRecord(variant) && isRecord(variant.model) ? variant.model.type : undefined;
      return { variant, rename: rules.find((r) => r.use === type)?.rename };
    }));
  }
  return out;
}

/** Variant names that name the replaced model name its substitute instead (unless taken). */
function renamed(list: { variant: unknown; rename?: Readonly<Record<string, string>> }[]): unknown[] {
  const variants = list.map((e) => e.variant);
  const names = new Set(variants.map((v) => (isRecord(v) ? v.name : undefined)));
  const renames = new Map<string, string>();
  for (const { variant: v, rename } of list) {
    if (!rename || !isRecord(v) || typeof v.name !== 'string') continue;
    const name = Object.entries(rename).reduce((text, [word, instead]) => text.split(word).join(instead), v.name);
    if (name !== v.name && !names.has(name)) renames.set(v.name, name);
  }
  if (!renames.size) return variants;
  return variants.map((v) => {
    if (!isRecord(v)) return v;
    const out: Json = { ...v, name: renames.get(String(v.name)) ?? v.name };
    const distill = isRecord(v.compress) && isRecord(v.compress.distill) ? v.compress.distill : null;
    if (distill && renames.has(String(distill.teacher))) {
      out.compress = { ...(v.compress as Json), distill: { ...distill, teacher: renames.get(String(distill.teacher)) } };
    }
    return out;
  });
}

/** The widget spec with the learner's seed and data source (the file travels in `files`). */
export function withLearnerSettings(spec: Json, seed: number | undefined, data: CustomDataset | null): Json {
  let out = spec;
  if (seed !== undefined) out = { ...out, split: { ...(isRecord(out.split) ? out.split : {}), seed } };
  if (data) {
    // features/where/positive/log1p name the lesson's columns: a learner's file has others.
    const { features: _f, where: _w, positive: _p, ...dataset } = isRecord(out.dataset) ? out.dataset : {};
    const { log1p: _l, ...preprocess } = isRecord(out.preprocess) ? out.preprocess : {};
    out = { ...out, dataset: { ...dataset, csv: data.name, target: data.target }, preprocess };
    if (data.task) out = forTask(out, data.task);
  }
  return out;
}

/** Identifies an experiment's result: the same key means the same run (the engine is deterministic). */
export function experimentKey(specText: string, name: string, values: Record<string, unknown>, data: CustomDataset | null): string {
  return JSON.stringify([specText, name, values, data ? [data.name, data.target, data.task ?? null, data.text.length, hashText(data.text)] : null]);
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
