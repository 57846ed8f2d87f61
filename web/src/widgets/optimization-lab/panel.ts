// One Optimization Lab panel: its controls (declared by the engine, narrowed by the widget
// file), presets, the experiments it runs, its chart and its exact numbers. A run sends only
// the experiments whose spec changed since they last ran (the engine is deterministic, so a
// result is reused for the same spec), and draws training curves as the epochs stream in.
// A learner can pin a run: its settings are kept (learner store, link), it stays on the charts
// (faint) and in the table while the controls change, and a restored pin is computed again.
import { listed } from '../model/words.ts';
import { t } from '../widget-i18n.ts';
import { h } from '../../dom.ts';
import type { Progress } from '../../runtime/engine-api.ts';
import type { RunHandlers, RunSelection } from '../lab-widget.ts';
import { type ControlValue, type ControlView, createControl } from '../controls/control-view.ts';
import { downloadText, toCsv } from '../export.ts';
import { type CustomDataset, controlledExperiments, experimentKey, experimentPatch, getPath } from '../model/experiments.ts';
import { type OptionSchema, type WidgetControl, controlModel, declaredAt, parseControlValue } from '../model/options.ts';
import { pathOf } from '../model/path.ts';
import type { WidgetSettings } from '../widget-settings.ts';
import { FrameThrottle, STREAM_REDRAW_MS } from '../frame-throttle.ts';
import { createPanelChart } from './panel-charts.ts';
import { type TableColumn, metricsTable, panelCsvRows, pathTable } from './panel-results.ts';
import { noticeLine } from './panel-notice.ts';
import { PinnedRuns } from './panel-pinned.ts';
import type { PanelPlan } from './panel-plan.ts';
import type { ExperimentResult, PanelChart, PanelView } from './panel-view.ts';

type Json = Record<string, unknown>;

export interface PanelDecl {
  id: string;
  title?: string;
  chart?: string;
  experiments: string[];
  note?: string;
  controls?: WidgetControl[];
  presets?: { name: string; set: Record<string, unknown> }[];
  /** "What to notice": a template filled with the run's numbers (panel-notice.ts). */
  notice?: string;
  /** Experiment id -> its name for learners. */
  labels?: Record<string, string>;
}

export interface PanelHost {
  readonly hostElement: Element;
  readonly settings: WidgetSettings;
  effectiveSpec(): Json;
  /** The widget spec with this seed (undefined: the file's own), the learner's data applied. */
  specForSeed(seed: number | undefined): Json;
  /** The seed the learner set, if any. */
  learnerSeed(): number | undefined;
  customData(): CustomDataset | null;
  /** Runs the widget's spec: `runs` names the experiments, each with the learner's values
   *  (or, for a file without experiments, `values` over the spec's own run). */
  runSpec(spec: Json, handlers: RunHandlers, detail: Json, selection: RunSelection): Promise<ExperimentResult>;
  /** Asks for a (debounced) run of this panel after a control changed. */
  requestRun(panel: Panel): void;
  /** Announces a result shown from the cache (once its charts are drawn). */
  emitCached(result: ExperimentResult, panel: string): Promise<void>;
}

interface Control { view: ControlView; path: string; fileValue: ControlValue; readsResult: boolean }



/** Name of the single run of a widget file without panels. */
const SINGLE = 'run';

/** The engine's name of an experiment: '' is the spec's own single run. */
export const engineName = (name: string): string => (name === SINGLE ? '' : name);

export class Panel {
  readonly element: HTMLElement;
  private readonly controls: Control[] = [];
  private readonly names: string[];
  private readonly changed: string[];
  private readonly references: string[];
  private results: Record<string, ExperimentResult | undefined> = {};
  private readonly cache = new Map<string, ExperimentResult>();
  private live: string | null = null;
  private chart: PanelChart | null = null;
  private readonly chartSlot = h('div', { class: 'panel-chart' });
  private readonly table = h('div', {});
  private readonly notice = h('p', { class: 'what-to-notice', 'aria-live': 'polite' });
  private readonly pins: PinnedRuns;
  private readonly exports = h('div', { class: 'exports', hidden: true });
  /** Chart redraws: streamed epochs and the λ slider ask faster than frames come. */
  private readonly redraw = new FrameThrottle(() => this.show());
  /** Epochs each experiment is set to train, by name (streaming asks every frame; cleared when
   *  a control changes or a run starts). */
  private readonly planned = new Map<string, number>();
  /** Counts runs, so a cancelled run's clean-up does not touch the run that replaced it. */
  private runs = 0;
  hasRun = false;

  constructor(readonly decl: PanelDecl, private readonly host: PanelHost, private readonly schema: OptionSchema,
    private readonly plan: PanelPlan, rejected: string[]) {
    const spec = host.effectiveSpec();
    this.names = panelExperiments(decl);
    const specOf = (name: string) => plan.specs[engineName(name)] ?? {};
    const specPath = (option: string) => plan.controls[option]?.specPath ?? option;
    const models = (decl.controls ?? []).map((c) => {
      try {
        const path = plan.controls[c.option];
        if (path?.problem) throw new Error(`${c.option}: ${path.problem}`);
        return controlModel(path?.decl ?? null, c);
      } catch (e) {
        rejected.push((e as Error).message);
        return null;
      }
    });
    const defaults: Record<string, unknown> = {};
    models.forEach((m) => { if (m) defaults[specPath(m.option)] = m.declaredDefault; });
    ({ changed: this.changed, references: this.references } = controlledExperiments(this.names,
      (name) => Object.fromEntries(Object.keys(defaults).map((p) => [p, getPath(specOf(name), p)])), defaults));

    const controlBox = h('div', { class: 'panel-controls' });
    models.forEach((model) => {
      if (!model) return;
      const path = specPath(model.option);
      const source = this.changed.find((n) => getPath(experimentPatch(spec, n), path) !== undefined) ?? this.changed[0];
      const fileValue = (getPath(specOf(source), path) ?? model.declaredDefault) as ControlValue;
      const key = `${decl.id}/${model.option}`;
      const start = host.settings.take(key, (t) => parseControlValue(model, t), rejected) ?? fileValue;
      const readsResult = path === 'model.lambda' && this.names.some((n) => getPath(specOf(n), 'model.path') !== undefined || getPath(specOf(n), 'model.cv') !== undefined);
      const view = createControl(model, start, {
        input: (v) => { if (readsResult) this.refresh(); else void v; },
        change: (v) => this.changedBy([[control, v]]),
      });
      const control: Control = { view, path, fileValue, readsResult };
      this.controls.push(control);
      controlBox.append(view.element);
    });

    const presets = (decl.presets ?? []).map((p) => h('button', {
      type: 'button', class: 'secondary preset', onclick: () => this.applyPreset(p.set),
    }, p.name));
    const controlNames = this.controls.map((c) => c.view.model.label);
    const targets = this.names.length > 1 && this.controls.length
      ? h('p', { class: 'muted targets' }, t('widgets.panel.targets', {
        controls: listed(controlNames), count: controlNames.length, changed: listed(this.changed.map((n) => this.label(n))),
      }) + (this.references.length ? ` ${t('widgets.panel.references', { names: listed(this.references.map((n) => this.label(n))) })}` : ''))
      : null;
    this.pins = new PinnedRuns({
      id: decl.id, controls: this.controls, changed: this.changed, single: this.names[0] === SINGLE ? SINGLE : null, cache: this.cache,
      results: () => this.results, runCount: () => this.runs, changedPins: () => this.render(),
      plannedEpochs: (name, values) => this.epochsOf(name, values),
    }, host, rejected);
    this.exports.append(
      h('button', { type: 'button', class: 'link-button export-csv', onclick: () => this.download('csv') }, t('widgets.export.csv')),
      h('button', { type: 'button', class: 'link-button export-json', onclick: () => this.download('json') }, t('widgets.export.json')));
    this.element = h('div', { class: 'panel', 'data-panel': decl.id },
      decl.note ? h('p', { class: 'muted' }, decl.note) : null,
      controlBox, presets.length ? h('div', { class: 'presets', role: 'group', 'aria-label': t('widgets.panel.presets') }, h('span', { class: 'muted' }, t('widgets.panel.presetsLead')), ...presets) : null,
      targets, this.pins.bar.element, this.chartSlot, this.notice, this.table, this.exports);
    if (decl.chart) this.useChart(decl.chart);
  }

  /** Runs the experiments whose spec changed; resolves with the panel's results. */
  async run(): Promise<ExperimentResult> {
    this.planned.clear();
    const spec = this.host.effectiveSpec();
    const specText = JSON.stringify(spec);
    const data = this.host.customData();
    const values = this.values(false);
    const pending: Record<string, Json> = {};
    const keys: Record<string, string> = {};
    for (const name of this.names) {
      const own = name === SINGLE || this.changed.includes(name) ? values : {};
      keys[name] = experimentKey(specText, name, own, data);
      const cached = this.cache.get(keys[name]);
      if (cached) this.results[name] = cached;
      else pending[name] = own;
    }
    const missing = Object.keys(pending);
    if (!missing.length) {
      this.hasRun = true;
      this.render();
      const result = this.assembled();
      await this.host.emitCached(result, this.decl.id);
      void this.pins.computeMissing();
      return result;
    }
    const run = ++this.runs;
    for (const name of missing) this.results[name] = undefined;
    this.live = this.names[0] === SINGLE ? SINGLE : null;
    if (this.live) this.results[SINGLE] = { history: [] };
    this.render();
    const selection: RunSelection = this.names[0] === SINGLE ? { values } : { experiments: pending };
    const onResult = (result: ExperimentResult) => {
      const parts = this.names[0] === SINGLE ? { [SINGLE]: result } : ((result.experiments ?? {}) as Record<string, ExperimentResult>);
      for (const name of missing) {
        if (parts[name]) this.cache.set(keys[name], parts[name]);
        if (run === this.runs) this.results[name] = parts[name];
      }
      if (run !== this.runs) return;
      this.hasRun = true;
      this.live = null;
      this.redraw.cancel();  // the streamed curves' redraw: the result's replaces it
      if (!this.decl.chart) this.useChart(autoChart(parts[this.names[0]]));
      this.render();
    };
    try {
      await this.host.runSpec(spec, { onProgress: (p) => this.progress(p), onResult }, { panel: this.decl.id }, selection);
      void this.pins.computeMissing();
      return this.assembled();
    } catch (e) {
      if (run === this.runs) {
        for (const name of missing) this.results[name] = this.cache.get(keys[name]);  // no half curves
        this.live = null;
        this.render();
      }
      throw e;
    }
  }

  /** Forgets every result (the data or the file changed). */
  reset(): void {
    this.cache.clear();
    this.results = {};
    this.pins.clearResults();
    this.hasRun = false;
    this.render();
  }

  destroy(): void {
    this.redraw.cancel();
    this.chart?.destroy();
  }

  /** Rebuilds chart colours (the colour scheme changed). */
  retheme(): void {
    this.chart?.charts.forEach((c) => c.rebuild());
  }

  private assembled(): ExperimentResult {
    return this.names[0] === SINGLE ? (this.results[SINGLE] ?? {}) : { experiments: { ...this.results } };
  }

  /** Learner-set values of the run-changing controls (spec path → value). */
  private values(includeReaders: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of this.controls) {
      if ((includeReaders || !c.readsResult) && c.view.value() !== c.fileValue) out[c.path] = c.view.value();
    }
    return out;
  }

  private changedBy(changes: [Control, ControlValue][]): void {
    this.planned.clear();
    let rerun = false;
    for (const [control, value] of changes) {
      this.host.settings.set(`${this.decl.id}/${control.view.model.option}`, value, control.fileValue);
      rerun ||= !control.readsResult;
    }
    if (rerun) this.host.requestRun(this);
    else this.refresh();
  }

  private applyPreset(set: Record<string, unknown>): void {
    const changes: [Control, ControlValue][] = [];
    for (const [option, value] of Object.entries(set)) {
      const control = this.controls.find((c) => c.view.model.option === option);
      if (!control) continue;
      control.view.set(value as ControlValue);
      changes.push([control, control.view.value()]);
    }
    this.changedBy(changes);
  }

  private progress(p: Progress): void {
    const data = (p.data ?? {}) as Json;
    if (p.stage === 'experiment' && typeof data.name === 'string') {
      this.live = data.name;
      this.results[data.name] = { history: [] };
    } else if (p.stage === 'train' && this.live) {
      const partial = this.results[this.live];
      if (partial && Array.isArray(partial.history) && !partial.metrics) (partial.history as unknown[]).push(data);
      this.refresh(STREAM_REDRAW_MS);
    }
  }

  /** Redraws the chart at the next frame (streamed epochs: ten times a second at most). */
  private refresh(spacing = 0): void {
    this.redraw.request(spacing);
  }

  private render(): void {
    this.fitLambdaRange();
    this.show();
    const done = this.names.filter((n) => this.results[n]?.metrics);
    this.table.replaceChildren(...(done.length ? [this.resultsTable(done)] : []));
    this.exports.hidden = done.length === 0;
    this.pins.render(!this.live && this.changed.every((n) => this.results[n]?.metrics));
  }

  /** Draws the charts and the "What to notice" line (every frame a control or epoch asks). */
  private show(): void {
    const view = this.panelView();
    this.chart?.update(view);
    this.notice.textContent = noticeLine(this.decl.chart, this.decl.notice, view, (n) => this.label(n));
  }

  /** One column per live experiment, then one per pinned run of each experiment it changes. */
  private resultsTable(done: string[]): HTMLElement {
    const path = done.some((n) => pathOf(this.results[n]).length);
    const at = (values: (o: string) => unknown) => (path ? { lambda: Number(values('model.lambda')), l1Ratio: Number(values('model.l1_ratio') ?? 0) } : {});
    const live = (o: string) => this.panelView().value(o);
    const columns: TableColumn[] = done.map((n) => ({ heading: this.chartLabel(n), result: this.results[n], ...at(live) }));
    for (const pin of this.pins.views()) {
      for (const n of this.changed.filter((name) => pin.results[name])) {
        columns.push({ heading: this.changed.length > 1 ? t('widgets.pins.ofExperiment', { pin: pin.label, name: this.label(n) }) : pin.label, result: pin.results[n], pinned: true, ...at((o) => pin.value(o)) });
      }
    }
    return path ? pathTable(columns) : metricsTable(columns);
  }

  /** Once a path is computed, the λ slider spans it (the learner's λ kept, or moved to the
   *  nearest end), so every position of the slider reads a fit. */
  private fitLambdaRange(): void {
    const control = this.controls.find((c) => c.readsResult);
    const rows = pathOf(this.results[this.names[0]]);
    if (!control?.view.setRange || !rows.length) return;
    const lambdas = rows.map((r) => r.lambda);
    const before = control.view.value();
    const after = control.view.setRange(Math.min(...lambdas), Math.max(...lambdas));
    if (after !== before) this.host.settings.set(`${this.decl.id}/${control.view.model.option}`, after, control.fileValue);
  }

  private panelView(): PanelView {
    // Read only when an experiment's planned epochs are not known yet (not every frame).
    let valuesMemo: Record<string, unknown> | null = null;
    const values = () => (valuesMemo ??= this.values(true));
    return {
      experiments: this.names,
      results: this.results,
      live: this.live,
      value: (option) => this.controls.find((c) => c.view.model.option === option || c.path === option)?.view.value(),
      label: (name) => this.chartLabel(name),
      pins: this.pins.views(),
      plannedEpochs: (name) => {
        let planned = this.planned.get(name);
        if (planned === undefined) {
          planned = this.epochsOf(name, values());
          this.planned.set(name, planned);
        }
        return planned;
      },
    };
  }

  /** Epochs an experiment trains with these run values (spec path -> value). */
  private epochsOf(name: string, values: Record<string, unknown>): number {
    const own = this.plan.specs[engineName(name)] ?? {};
    const epochs = this.changed.includes(name) && values['train.epochs'] !== undefined ? values['train.epochs'] : getPath(own, 'train.epochs');
    return Number(epochs ?? declaredAt(this.schema, 'train.epochs')?.default ?? 1);
  }

  /** An experiment's name for learners: the widget file's `labels`, else its id in words
   *  (never an option path). */
  private label(name: string): string {
    if (name === SINGLE) return t('widgets.panel.single');
    return this.decl.labels?.[name] ?? name.replace(/_/g, ' ');
  }

  /** The name on a chart or table column: a reference says so. */
  private chartLabel(name: string): string {
    return this.references.includes(name) ? t('widgets.panel.reference', { name: this.label(name) }) : this.label(name);
  }

  private useChart(kind: string): void {
    if (this.chart) return;
    this.chart = createPanelChart(kind, this.host.hostElement);
    this.chartSlot.replaceChildren(this.chart.element);
    this.chart.update(this.panelView());
  }

  private download(kind: 'csv' | 'json'): void {
    const base = `${this.decl.id}-results`;
    if (kind === 'json') downloadText(`${JSON.stringify(this.assembled(), null, 1)}\n`, `${base}.json`, 'application/json');
    else downloadText(toCsv(panelCsvRows(this.names, this.results)), `${base}.csv`, 'text/csv');
  }
}


/** The experiments a panel shows: its list, or the spec's own single run. */
export function panelExperiments(decl: Pick<PanelDecl, 'experiments'>): string[] {
  return decl.experiments.length ? decl.experiments : [SINGLE];
}

/** The chart for a widget file without panels: what its result has. */
function autoChart(result: ExperimentResult | undefined): string {
  if (Array.isArray(result?.path)) return 'coefficient_path';
  if (Array.isArray(result?.history)) return 'loss_curves';
  return 'metrics';
}
