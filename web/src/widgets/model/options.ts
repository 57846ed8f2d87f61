// The engine's option declarations (the wasm module's options() call: lab::describe_spec) and
// the controls built from them. A control's kind, range, scale and choices come from the
// declaration, narrowed (never widened) by the widget file's control entry; nothing here knows
// a limit of its own.

export interface OptionDecl {
  name: string;
  type: string;  // number | integer | boolean | choice | string | object | variant | ... list | any
  doc?: string;
  default?: unknown;
  min?: number;
  max?: number;
  min_exclusive?: boolean;
  max_exclusive?: boolean;
  scale?: 'log' | 'linear';
  choices?: string[];
  fields?: OptionSchema;
  variants?: Record<string, OptionSchema>;
}

export interface OptionSchema {
  name: string;
  options: OptionDecl[];
}

/** A control entry of a widget file (docs/widgets.md). */
export interface WidgetControl {
  option: string;
  label: string;
  min?: number;
  max?: number;
  step?: number;
  scale?: 'log' | 'linear';
  choices?: string[];
  help?: string;
}

export type ControlKind = 'number' | 'integer' | 'boolean' | 'choice';

export interface ControlModel {
  option: string;
  label: string;
  help: string;
  kind: ControlKind;
  min: number;
  max: number;
  step?: number;
  scale: 'log' | 'linear';
  choices: string[];
  /** The declared default, used when neither the spec nor the learner sets a value. */
  declaredDefault: unknown;
  /** How a number is shown (value, range, screen readers) when it has a unit of its own:
   *  a latency budget in µs/ms as the table prints it. Default: formatValue. */
  format?: (value: number) => string;
}

/**
 * The declaration at a dotted path through plain sections ("split.seed",
 * "scenarios.constraints.max_size_kb"). A path into a model type (model.*) is the engine's to
 * resolve (optionPath follows the experiment's type): here it names nothing.
 */
export function declaredAt(schema: OptionSchema, path: string): OptionDecl | null {
  let current: OptionSchema | undefined = schema;
  let decl: OptionDecl | undefined;
  for (const part of path.split('.')) {
    decl = current?.options.find((o) => o.name === part);
    if (!decl) return null;
    current = decl.fields;
  }
  return decl ?? null;
}

const KINDS: Record<string, ControlKind> = { number: 'number', integer: 'integer', boolean: 'boolean', choice: 'choice' };

/** Builds a control from its declaration and the widget's narrowing; throws with a reason. */
export function controlModel(decl: OptionDecl | null, control: WidgetControl): ControlModel {
  if (!decl) throw new Error(`${control.option}: the engine declares no such option`);
  const kind = KINDS[decl.type];
  if (!kind) throw new Error(`${control.option}: a ${decl.type} option cannot be a control`);
  let min = decl.min ?? -Infinity;
  let max = decl.max ?? Infinity;
  if (typeof control.min === 'number') min = Math.max(min, control.min);
  if (typeof control.max === 'number') max = Math.min(max, control.max);
  const scale = control.scale ?? decl.scale ?? 'linear';
  const numeric = kind === 'number' || kind === 'integer';
  if (numeric) {
    if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
      throw new Error(`${control.option}: needs a finite range (min and max in the widget file)`);
    }
    if (scale === 'log' && min <= 0) throw new Error(`${control.option}: a log scale needs min > 0`);
    // An exclusive bound cannot be reached by a slider end: keep the end inside.
    if (decl.min_exclusive && min === decl.min) min = scale === 'log' ? min : min + (max - min) / 1000;
    if (decl.max_exclusive && max === decl.max) max -= (max - min) / 1000;
  }
  let choices = decl.choices ?? [];
  if (control.choices) choices = choices.filter((c) => control.choices!.includes(c));
  const step = control.step ?? (kind === 'integer' ? 1 : undefined);
  return {
    option: control.option, label: control.label, help: control.help ?? decl.doc ?? '', kind,
    min, max, step, scale, choices, declaredDefault: decl.default,
  };
}

/** Clamps and rounds a value to what the control allows; undefined if it is not a value of it. */
export function fitValue(model: ControlModel, value: unknown): number | boolean | string | undefined {
  if (model.kind === 'boolean') return typeof value === 'boolean' ? value : undefined;
  if (model.kind === 'choice') return typeof value === 'string' && model.choices.includes(value) ? value : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  let v = Math.min(model.max, Math.max(model.min, value));
  if (model.step) v = model.min + Math.round((v - model.min) / model.step) * model.step;
  if (model.kind === 'integer') v = Math.round(v);
  return Number(v.toPrecision(12));  // drop float noise from the step arithmetic
}

/** Parses a control's value from URL text. */
export function parseControlValue(model: ControlModel, text: string): number | boolean | string | undefined {
  if (model.kind === 'boolean') return fitValue(model, text === 'true' ? true : text === 'false' ? false : undefined);
  if (model.kind === 'choice') return fitValue(model, text);
  const n = text.trim() === '' ? NaN : Number(text);
  // Out of range is refused rather than clamped: a link must not silently mean something else.
  if (!Number.isFinite(n) || n < model.min || n > model.max) return undefined;
  return fitValue(model, n);
}
