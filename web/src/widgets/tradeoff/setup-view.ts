// The explorer's run setup (docs/widgets.md: model_sizes, setup): the MLP size every MLP
// variant is trained at and options of the whole run such as the rows of the batch latency
// call. Unlike the compression controls, which sweep one variant, a change here retrains and
// re-times every variant, so it starts a new run. Values live in the widget's settings (URL and
// learner store) like every other control; the engine has checked the file's sizes and controls.
import { h, nextId } from '../../dom.ts';
import { type ControlView, createControl, formatValue } from '../controls/control-view.ts';
import { getPath } from '../model/experiments.ts';
import { type OptionSchema, type WidgetControl, controlModel, declaredAt, parseControlValue } from '../model/options.ts';
import type { WidgetSettings } from '../widget-settings.ts';
import { t } from '../widget-i18n.ts';
import { inSentence } from '../model/words.ts';

type Json = Record<string, unknown>;

/** `name` is the size's identifier (settings and links keep it); `label` what the learner
 *  reads (the widget file's text in the page's language), the name when absent. */
export interface ModelSize { name: string; hidden: number[]; help?: string; label?: string }

export interface SetupHost {
  readonly settings: WidgetSettings;
  /** The widget file's spec (before the setup is applied). */
  fileSpec(): Json;
  /** A setup value changed: the whole run is out of date. */
  changed(): void;
}

const SIZE_KEY = 'size';

export class SetupView {
  readonly element: HTMLElement;
  private readonly size: HTMLSelectElement | null = null;
  private readonly sizeHelp = h('p', { class: 'muted' });
  private readonly controls: ControlView[] = [];

  constructor(private readonly host: SetupHost, schema: OptionSchema, private readonly sizes: ModelSize[], setup: WidgetControl[], rejected: string[]) {
    const box = h('div', { class: 'panel-controls' });
    if (sizes.length) {
      const id = nextId('size');
      const fileSize = this.fileSize();
      const select = h('select', { id, class: 'model-size' }, ...sizes.map((s) => h('option', { value: s.name }, s.label ?? s.name)));
      select.value = host.settings.take(SIZE_KEY, (t) => (sizes.some((s) => s.name === t) ? t : undefined), rejected) ?? fileSize;
      select.addEventListener('change', () => {
        host.settings.set(SIZE_KEY, select.value, fileSize);
        this.showHelp();
        host.changed();
      });
      this.size = select;
      box.append(h('div', { class: 'control' }, h('label', { for: id }, t('widgets.setup.size')), select, this.sizeHelp));
      this.showHelp();
    }
    for (const control of setup) {
      let model;
      try {
        model = controlModel(declaredAt(schema, control.option), control);
      } catch (e) {
        rejected.push((e as Error).message);
        continue;
      }
      const fileValue = getPath(host.fileSpec(), control.option) ?? model.declaredDefault ?? model.min;
      const start = host.settings.take(control.option, (t) => parseControlValue(model, t), rejected) ?? (fileValue as number);
      const view = createControl(model, start, {
        change: (v) => {
          host.settings.set(control.option, v, fileValue as number);
          host.changed();
        },
      });
      this.controls.push(view);
      box.append(view.element);
    }
    this.element = h('div', { class: 'run-setup' },
      h('h4', {}, t('widgets.setup.heading')),
      h('p', { class: 'muted' }, t('widgets.setup.help')),
      box);
  }

  /** The spec with the learner's setup applied: the chosen size as the spec's model.hidden
   *  (variants that give their own hidden keep it) and each setup option at its value. */
  apply(spec: Json): Json {
    return this.applyValues(spec, this.values());
  }

  /** The setup on screen by setting name (`size`, and each setup option): a pinned run keeps it. */
  values(): Record<string, string | number | boolean> {
    const out: Record<string, string | number | boolean> = {};
    if (this.size) out[SIZE_KEY] = this.size.value;
    for (const view of this.controls) out[view.model.option] = view.value();
    return out;
  }

  /** The setup's words: "medium (128-128), rows per batch call 256". */
  describe(values: Record<string, unknown>): string {
    const size = this.sizes.find((s) => s.name === values[SIZE_KEY]);
    return [size ? (size.label ?? size.name) : values[SIZE_KEY] as string | undefined, ...this.controls.map((v) => (values[v.model.option] === undefined ? null
      : `${inSentence(v.model.label.replace(/\s*\([^)]*\)/g, ''), true)} ${formatValue(values[v.model.option])}`))].filter(Boolean).join(', ');
  }

  /** The spec with a setup applied (the one on screen, or a pinned run's). */
  applyValues(spec: Json, values: Record<string, unknown>): Json {
    let out = spec;
    const size = this.sizes.find((s) => s.name === values[SIZE_KEY]);
    if (size) out = { ...out, model: { ...(out.model as Json | undefined), hidden: size.hidden } };
    for (const view of this.controls) if (values[view.model.option] !== undefined) out = withPath(out, view.model.option.split('.'), values[view.model.option]);
    return out;
  }

  private fileSize(): string {
    const hidden = JSON.stringify(getPath(this.host.fileSpec(), 'model.hidden'));
    return (this.sizes.find((s) => JSON.stringify(s.hidden) === hidden) ?? this.sizes[0]).name;
  }

  private showHelp(): void {
    this.sizeHelp.textContent = this.sizes.find((s) => s.name === this.size?.value)?.help ?? '';
  }
}

/** A copy of `obj` with the value at the path set (sections along it copied, not shared). */
function withPath(obj: Json, path: string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (!rest.length) return { ...obj, [head]: value };
  const inner = obj[head];
  return { ...obj, [head]: withPath(inner && typeof inner === 'object' ? inner as Json : {}, rest, value) };
}
