// <performance-tradeoff-explorer>: runs the widget file's variants (each trained, compressed,
// serialized, loaded back and timed in the learner's browser), then shows the task's main score
// (accuracy for classes, R² for a number: the result's `score` names it) against latency with
// size as marker area and the Pareto front, a table of exact numbers, the
// lesson's deployment scenarios with the engine's choice and why, the learner's own budget,
// and a pruning/quantization sweep. Rows appear as each variant finishes.
import { t } from '../widget-i18n.ts';
import { h } from '../../dom.ts';
import { sharedEngineClient } from '../../runtime/browser-engine.ts';
import { EngineError, type ExperimentResult } from '../../runtime/engine-api.ts';
import { type AxisMetric, TradeoffScatter, familyIndex } from '../charts/tradeoff-scatter.ts';
import { chartPalette } from '../charts/lab-chart.ts';
import { downloadBlob, downloadText, flatten, safeFileName, toCsv } from '../export.ts';
import { FrameThrottle } from '../frame-throttle.ts';
import { LabWidgetElement } from '../lab-widget.ts';
import { hashText } from '../model/experiments.ts';
import { renderNotice } from '../model/notice.ts';
import { tradeoffValues } from '../model/notice-values.ts';
import type { OptionSchema, WidgetControl } from '../model/options.ts';
import { parseNumber } from '../../state/url-state.ts';
import {
  type Budget, type BudgetRanking, BudgetRanker, type DisplayNames, type ScoreInfo, coarseClockNote, type TradeoffResult, type VariantRow, axisMetric, clockTooCoarse,
  formatBytes, formatMicros, isTimed, latencyStory, missesOf, scoreInfo, scoreText, tradeoffOf,
} from '../model/tradeoff.ts';
import { renderResult } from '../result-view.ts';
import { type Choice, ChoiceView, MY_BUDGET, budgetKeys, budgetModels, pendingChoice } from './choice-view.ts';
import { CompressionView } from './compression-view.ts';
import { ExplorerPins } from './pinned-runs.ts';
import { type ModelSize, SetupView } from './setup-view.ts';
import { pendingTable, variantTable } from './variant-table.ts';

// Marker colours by familyIndex; the linear family is logistic for classes, least squares for a number.
const FAMILIES = ['logistic', 'mlp', 'tree', 'boosting', 'other'];

export class PerformanceTradeoffExplorerElement extends LabWidgetElement {
  protected readonly widgetType = 'performance_tradeoff_explorer';
  protected get defaultTitle(): string { return t('widgets.explorer.title'); }
  /** Its variants' latency is timed on the learner's device: never answered by the build. */
  protected override readonly measuresTheDevice = true;
  private schema: OptionSchema | null = null;
  private scatter: TradeoffScatter | null = null;
  private compression: CompressionView | null = null;
  private setup: SetupView | null = null;
  private choice: ChoiceView | null = null;
  /** Pinned runs of other setups (pinned-runs.ts). */
  private pins: ExplorerPins | null = null;
  /** Which variants fit the budget on screen: the engine ranks them (rankBudget). */
  private readonly ranker = new BudgetRanker(async (variants, budget) => {
    const answer = await sharedEngineClient().call('rankBudget', [JSON.stringify(variants), JSON.stringify(budget)]);
    if (!answer.ok) throw new EngineError(answer.error);
    return answer as unknown as BudgetRanking;
  }, () => {
    this.choice?.refresh();
    const shown = this.data ?? (this.live.length ? { variants: this.live, pareto: [], scenarios: [], score: scoreInfo(null, this.live) } : null);
    if (shown) this.draw(shown);
  });
  private data: TradeoffResult | null = null;
  private live: VariantRow[] = [];
  /** The main score of what is on screen (the hover readout names it). */
  private score: ScoreInfo = scoreInfo(null);
  private mainResult: ExperimentResult | null = null;
  /** The spec whose result is on screen: an ONNX export rebuilds its models from it. */
  private shownSpec: Record<string, unknown> | null = null;
  private exporting: string | null = null;
  private readonly choiceSlot = h('div', {});
  private readonly tableSlot = h('div', {});
  private readonly hover = h('p', { class: 'hover-readout muted', 'aria-hidden': 'true' });
  private readonly clockNote = h('p', { class: 'clock-note muted', hidden: true });
  /** "What to notice": the widget file's template filled from the selected scenario's choice. */
  private readonly notice = h('p', { class: 'what-to-notice', 'aria-live': 'polite' });
  /** Why a compressed form is not faster here, when it is not (the engine's sentences). */
  private readonly latencyNotes = h('div', { class: 'latency-notes', 'aria-live': 'polite' });
  private readonly legend = h('ul', { class: 'family-legend' });
  private readonly exports = h('div', { class: 'exports', hidden: true });
  /** Variant names and scenario titles as the learner reads them (the widget file's text file). */
  private names: DisplayNames = { variant: (name) => name, scenario: (_name, title) => title };

  protected buildScreen(options: OptionSchema | null): void {
    this.schema = options;
    // Worded now: the element knows its language once its file is loaded.
    this.clockNote.textContent = coarseClockNote();
    this.legend.setAttribute('aria-label', t('widgets.explorer.legend'));
    this.exports.replaceChildren(
      h('button', { type: 'button', class: 'link-button export-csv', onclick: () => this.download('csv') }, t('widgets.export.csv')),
      h('button', { type: 'button', class: 'link-button export-json', onclick: () => this.download('json') }, t('widgets.export.json')));
    const variantName = this.displayNames('variants');
    const scenarioTitles = new Map((Array.isArray(this.displaySpec?.scenarios) ? this.displaySpec.scenarios as { name?: unknown; title?: unknown }[] : [])
      .map((s, i) => [String((this.spec?.scenarios as { name?: unknown }[] | undefined)?.[i]?.name ?? s.name), s.title] as const));
    this.names = {
      variant: variantName,
      scenario: (name, title) => (this.widgetText && typeof scenarioTitles.get(name) === 'string' ? scenarioTitles.get(name) as string : title),
    };
    if (!options || !Array.isArray(this.spec?.variants)) return;  // no variants: plain result tables
    this.scatter = new TradeoffScatter(this, (v) => {
      this.hover.textContent = v ? t('widgets.explorer.hover', {
        name: this.names.variant(v.name), score: scoreText(this.score, v.score), latency: formatMicros(v.latency.single_median_us), size: formatBytes(v.size_bytes),
      }) : '';
    });
    const rejected: string[] = [];
    // Labels and help as the learner reads them; options and size names are the file's.
    const widget = (this.displaySpec?.widget ?? {}) as { controls?: WidgetControl[]; setup?: WidgetControl[]; model_sizes?: ModelSize[] };
    const fileSizes = ((this.spec?.widget as { model_sizes?: ModelSize[] } | undefined)?.model_sizes ?? []);
    const sizes = (widget.model_sizes ?? []).map((s, i) => ({ ...s, name: fileSizes[i]?.name ?? s.name, label: s.name }));
    this.setup = sizes.length || widget.setup?.length ? new SetupView({
      settings: this.settings!, fileSpec: () => super.effectiveSpec(),
      changed: () => this.setupChanged(),
    }, options, sizes, widget.setup ?? [], rejected) : null;
    const controls = widget.controls ?? [];
    this.compression = controls.length ? new CompressionView({
      hostElement: this, settings: this.settings!, effectiveSpec: () => this.effectiveSpec(),
      dataKey: () => (this.customData ? hashText(this.customData.text) + this.customData.target : ''),
      runSpec: (spec, handlers, detail) => this.runSpec(spec, handlers, detail),
      score: () => this.data?.score ?? null,
      variantName: (name) => this.names.variant(name),
    }, options, controls, rejected) : null;
    const setup = this.setup;
    this.pins = setup ? new ExplorerPins({
      settings: this.settings!, setup: () => setup.values(), describe: (v) => setup.describe(v),
      runPinned: (values, label) => this.runPinned(values, label),
      variantName: (name) => this.names.variant(name),
    }, ['size', ...(widget.setup ?? []).map((c) => c.option)], rejected) : null;
    if (rejected.length) this.view.showError(t('widgets.explorer.rejected', { list: rejected.join('; ') }));
    this.view.body.replaceChildren(
      ...(this.setup ? [this.setup.element] : []),
      h('p', { class: 'muted empty-note' }, t('widgets.explorer.empty')),
      this.scatter.chart.element, this.hover, this.legend, this.choiceSlot, this.notice, this.tableSlot, this.latencyNotes, ...(this.pins ? [this.pins.element] : []), this.clockNote, this.exports,
      ...(this.compression ? [this.compression.element] : []));
    this.drawLegend();
    this.showPending();
  }

  /** Before the first result the choice and the table hold their places (the scatter's box is
   *  kept by its chart): the result fills them instead of pushing the rest down. */
  private showPending(): void {
    const spec = this.effectiveSpec();
    const names = (spec.variants as { name?: unknown }[]).map((v, i) => (typeof v?.name === 'string' ? v.name : t('widgets.explorer.variant', { index: i + 1 })));
    const scenarios = (Array.isArray(spec.scenarios) ? spec.scenarios as { name?: unknown; title?: unknown }[] : [])
      .map((s) => {
        const title = typeof s?.title === 'string' ? s.title : String(s?.name ?? '');
        return { title: this.names.scenario(String(s?.name ?? ''), title) };
      });
    this.choiceSlot.replaceChildren(pendingChoice(scenarios, budgetKeys(this.schema).length));
    this.tableSlot.replaceChildren(pendingTable(names, this.score, this.names));
  }

  /** The widget file with the learner's seed, data and run setup (model size, batch rows) applied. */
  protected override effectiveSpec(): Record<string, unknown> {
    const spec = super.effectiveSpec();
    return this.setup ? this.setup.apply(spec) : spec;
  }

  /** A setup change makes every variant's numbers out of date: run again if some are shown. */
  private setupChanged(): void {
    if (this.data || this.isRunning) void this.run().catch(() => undefined);
    else this.view.setStatus(t('widgets.explorer.setupChanged'));
  }

  protected clearScreen(): void {
    this.scatter?.chart.destroy();
    this.scatter = null;
    this.compression = null;
    this.setup = null;
    this.choice = null;
    this.pins = null;
    this.data = null;
    this.shownSpec = null;
    this.live = [];
    this.choiceSlot.replaceChildren();
    this.tableSlot.replaceChildren();
    this.exports.hidden = true;
    this.view.body.replaceChildren();
  }

  protected async runCurrent(): Promise<ExperimentResult> {
    const spec = { ...this.effectiveSpec() };
    delete spec.widget;
    if (!this.scatter) {  // a file without variants: plain tables
      const started = performance.now();
      return this.runSpec(spec, { onResult: (result) => this.view.showResult(renderResult(result, performance.now() - started), t('widgets.status.done')) });
    }
    this.live = [];
    this.pins?.shown(null);
    // Variants arrive one by one; the screen follows at most once a frame.
    const drawLive = new FrameThrottle(() => this.draw({ variants: this.live, pareto: [], scenarios: [], score: scoreInfo(null, this.live) }));
    let measured = false;
    const result = await this.runSpec(spec, {
      onProgress: (p) => {
        if (p.stage !== 'variant' || !isTimed(p.data)) return;
        this.live.push(p.data);
        drawLive.request();
      },
      onResult: (result) => {
        drawLive.cancel();
        const data = tradeoffOf(result);
        if (!data) {
          this.view.showResult(renderResult(result, 0), t('widgets.explorer.noMeasurements'));
          return;
        }
        measured = true;
        this.data = data;
        this.mainResult = result;
        this.shownSpec = spec;
        this.buildChoice(data);
        this.draw(data);
        this.pins?.shown(data);
        this.compression?.scoreKnown();
        this.exports.hidden = false;
        // The note keeps its place (removed, everything under it would move up): it now says
        // where the numbers come from, in as many words.
        const note = this.view.body.querySelector('.empty-note');
        if (note) note.textContent = t('widgets.explorer.measured');
      },
    });
    if (!measured) return result;
    const s = this.settings;
    if (this.compression && (this.compression.ready || Object.keys(s?.fromUrl ?? {}).some((k) => k.startsWith('compress.') || k === 'variant'))) {
      await this.compression.sweep().catch(() => undefined);
    }
    void this.pins?.computeMissing();
    return result;
  }

  /** A pinned setup's run, trained and timed again (not the widget's result). */
  private async runPinned(values: Record<string, unknown>, label: string): Promise<TradeoffResult | null> {
    if (!this.setup) return null;
    const spec = this.setup.applyValues({ ...super.effectiveSpec() }, values);
    delete spec.widget;
    try {
      return tradeoffOf(await this.runSpec(spec, { pinned: true }, { pin: label }));
    } catch {
      return null;  // cancelled by a newer run: the pin is computed after the next one
    }
  }

  private buildChoice(data: TradeoffResult): void {
    if (!this.schema || !this.settings) return;
    const settings = this.settings;
    const names = [...data.scenarios.map((s) => s.name), MY_BUDGET];
    const fileDefault = String((this.spec?.widget as { default_scenario?: unknown } | undefined)?.default_scenario ?? names[0]);
    const rejected: string[] = [];
    const mode = this.choice?.current().mode ?? settings.take('scenario', (t) => (names.includes(t) ? t : undefined), rejected) ?? fileDefault;
    const budget: Budget = this.choice?.current().budget ?? {};
    if (!this.choice) for (const key of budgetKeys(this.schema)) {
      const value = settings.take(`budget.${key}`, (t) => parseNumber(t), rejected);
      if (value !== undefined) budget[key] = value;
    }
    this.choice = new ChoiceView(data.scenarios, data.variants, data.score, budgetModels(this.schema, data.variants, data.score, data.scenarios), { mode, budget, highlight: null }, {
      changed: (choice) => this.choiceChanged(choice, fileDefault),
    }, this.ranker, this.names);
    this.choiceSlot.replaceChildren(this.choice.element);
  }

  private choiceChanged(choice: Choice, fileDefault: string): void {
    const s = this.settings!;
    s.set('scenario', choice.mode, fileDefault);
    for (const key of budgetKeys(this.schema)) {
      if (choice.mode === MY_BUDGET && choice.budget[key] !== undefined) s.set(`budget.${key}`, choice.budget[key]!);
      else s.delete(`budget.${key}`);
    }
    if (this.data) this.draw(this.data);
  }

  private draw(data: TradeoffResult): void {
    const choice = this.choice?.current() ?? { budget: {}, highlight: null };
    const axes = ((this.spec?.widget as { axes?: Record<string, AxisMetric> } | undefined)?.axes) ?? {};
    // The engine has checked the file's axes against its metrics.
    const valid = (m: unknown): m is AxisMetric => typeof m === 'string' && m !== '';
    this.score = data.score;
    // No choice yet (the first run's rows streaming in): no budget to rank them against.
    const ranking = this.choice ? this.ranker.get(data.variants, choice.budget) : null;
    const fits = new Set(data.variants.filter((v) => missesOf(ranking, v.name).length === 0).map((v) => v.name));
    // A file's axis metric the rows lack (accuracy on a numeric target) plots the main score.
    const axis = (m: unknown, fallback: AxisMetric) => axisMetric(valid(m) ? m : fallback, data.variants);
    // Rows still streaming in (not the finished result): no Pareto front yet.
    const measuring = data !== this.data;
    this.scatter?.update({
      variants: data.variants, pareto: data.pareto, measuring, highlight: choice.highlight, fits, score: data.score, names: this.names,
      axes: { x: axis(axes.x, 'latency_ms'), y: axis(axes.y, 'accuracy'), size: valid(axes.size) ? axisMetric(axes.size, data.variants) : undefined },
    });
    // Exports are offered once every variant is measured (the live rows have no spec yet).
    const onExport = this.shownSpec && data === this.data ? (name: string) => void this.downloadOnnx(name) : undefined;
    this.tableSlot.replaceChildren(variantTable({
      variants: data.variants, pareto: data.pareto, measuring, highlight: choice.highlight, ranking, score: data.score, onExport, exporting: this.exporting, names: this.names,
    }));
    this.clockNote.hidden = !clockTooCoarse(data.variants);
    this.drawLatencyStory(data);
    this.drawNotice(data, choice.highlight);
  }

  private drawNotice(data: TradeoffResult, chosen: string | null): void {
    const template = (this.displaySpec?.widget as { notice?: unknown } | undefined)?.notice;
    const mode = this.choice?.current().mode;
    const scenario = data.scenarios.find((s) => s.name === mode);
    // Only a finished run has a choice to describe (rows streaming in have no ranking yet).
    if (typeof template !== 'string' || !this.choice || data !== this.data) {
      this.notice.textContent = '';
      return;
    }
    const row = data.variants.find((v) => v.name === chosen) ?? null;
    const values = tradeoffValues(scenario ? this.names.scenario(scenario.name, scenario.title) : t('widgets.explorer.yourBudget'), row, data.variants,
      scenario?.latency === 'batch', data.score.name === 'r2', this.names.variant);
    this.notice.textContent = renderNotice(template, values);
  }

  private drawLatencyStory(data: TradeoffResult): void {
    const { busy, notes } = latencyStory(data, this.names.variant);
    const parts: HTMLElement[] = [];
    if (busy) parts.push(h('p', { class: 'busy-note' }, busy));
    if (notes.length) {
      parts.push(h('h4', {}, t('widgets.explorer.latencyNotes')),
        h('ul', {}, ...notes.map((n) => h('li', {}, n.text))));
    }
    this.latencyNotes.replaceChildren(...parts);
    this.latencyNotes.hidden = parts.length === 0;
  }

  private drawLegend(): void {
    const palette = chartPalette();
    // The spec as it runs: a learner's numeric target has least squares for the logistic models.
    const spec = this.effectiveSpec();
    const types = (Array.isArray(spec.variants) ? spec.variants as { model?: { type?: string } }[] : [])
      .map((v) => v.model?.type ?? (spec.model as { type?: string } | undefined)?.type ?? 'mlp');
    const used = new Set(types.map((model) => familyIndex({ model } as VariantRow)));
    this.legend.replaceChildren(...FAMILIES.map((family, i) => {
      if (!used.has(i)) return null;
      const label = t('widgets.explorer.family', { family: i === 0 && types.includes('linear_regression') ? 'leastSquares' : family });
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = palette[i];
      return h('li', {}, swatch, label);
    }).filter((li): li is HTMLLIElement => li !== null), h('li', {}, t('widgets.explorer.legendKey')));
  }

  /** The variant's deployed model as a standard ONNX file, built in the worker from the same
   *  seeded run as the numbers on screen. */
  private async downloadOnnx(name: string): Promise<void> {
    if (!this.shownSpec || this.exporting) return;
    this.exporting = name;
    if (this.data) this.draw(this.data);
    const shown = this.names.variant(name);
    this.view.setStatus(t('widgets.explorer.onnxPreparing', { name: shown }));
    try {
      const { onnx, format } = await this.exportOnnx(this.shownSpec, name);
      downloadBlob(new Blob([onnx as BlobPart], { type: 'application/octet-stream' }), `${safeFileName(name)}.onnx`);
      this.view.setStatus(t('widgets.explorer.onnxSaved', { name: shown, format, size: formatBytes(onnx.byteLength) }));
      this.emit('lab-export', { variant: name, format, bytes: onnx.byteLength });
    } catch (e) {
      this.view.showError(t('widgets.explorer.onnxFailed', { name: shown, message: e instanceof Error ? e.message : String(e) }));
    } finally {
      this.exporting = null;
      if (this.data) this.draw(this.data);
    }
  }

  private download(kind: 'csv' | 'json'): void {
    if (!this.data) return;
    if (kind === 'json') downloadText(`${JSON.stringify(this.mainResult, null, 1)}\n`, 'tradeoff-results.json', 'application/json');
    else downloadText(toCsv(this.data.variants.map((v) => ({ ...flatten(v as unknown as Record<string, unknown>), pareto: this.data!.pareto.includes(v.name) }))), 'tradeoff-results.csv', 'text/csv');
  }
}
