// The base of the widget custom elements: loads the widget JSON named by `src` and the engine's
// option declarations, keeps the learner's settings (URL + saved state), the data source (the
// lesson's CSV or the learner's own) and runs specs in the shared engine worker (a new run of
// the same widget cancels the one before), with a progress bar and cancel for runs over 200 ms.
// Each widget draws its own screen in `view.body`. Shadow DOM keeps page CSS out.
// Attributes: src, allow-origins, autorun (off | load | visible, see autorun.ts), url-state="on".
// Events (bubbling, composed):
// lab-widget-load, lab-run-start, lab-run-progress, lab-run-result, lab-run-error,
// lab-run-cancel, lab-settings-change. See docs/embedding.md.
// Life-cycle: connected, the element loads its file once and counts as a user of the page's
// engine; moved (out and back in within one task) it keeps everything; gone, it lets go of
// its screen, timers, settings and its share of the engine (the last widget gone ends the
// workers, engine-client.ts attach), and loads afresh if it comes back. So a page that swaps
// its content (MkDocs Material's instant navigation, an anywidget host) leaks nothing.
import { locale, requestedLocale, t, useLocale } from './widget-i18n.ts';
import { type EngineErrorInfo, EngineError, type ExperimentResult, type Progress, warningsOf } from '../runtime/engine-api.ts';
import { LatestRun, isAbortError } from '../runtime/engine-client.ts';
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { FileNotFound, datasetText, missingFileMessage, parseAllowOrigins, resolveDatasetUrl } from '../runtime/dataset-files.ts';
import { type Settings, widgetKey } from '../state/url-state.ts';
import { autorunMode, whenNearViewport } from './autorun.ts';
import { chartsDrawn, warmUpCharts } from './charts/lab-chart.ts';
import { CustomDataView } from './custom-data-view.ts';
import { FrameThrottle, STREAM_REDRAW_MS } from './frame-throttle.ts';
import { engineOptions } from './engine-options.ts';
import { type CustomDataset, withLearnerSettings } from './model/experiments.ts';
import { type OptionSchema, declaredAt } from './model/options.ts';
import { WidgetSettings } from './widget-settings.ts';
import { type WidgetFile, readWidgetFile, widgetFileName } from './widget-file.ts';
import { fetchWidgetFile } from './widget-prefetch.ts';
import { WidgetView } from './widget-view.ts';
import type { WidgetText } from './widget-text.ts';
import { widgetTextUrl } from './widget-text-url.ts';
import { fixed } from './model/locale-number.ts';

/** How long a run may take before the progress bar appears. */
export const PROGRESS_DELAY_MS = 200;

export type Json = Record<string, unknown>;

/** What a run computes from the spec: some of its experiments, or its own run, each with the
 *  learner's values ({option.path: value}); the engine builds the spec that runs them. Empty:
 *  the spec as it is. (The one definition: panels and the explorer import it.) */
export type RunSelection = { experiments: Record<string, Json> } | { values: Json } | Record<string, never>;

export interface RunHandlers {
  onProgress?(progress: Progress): void;
  /** Shows the run's result; the widget's lab-run-result event fires once its charts are drawn. */
  onResult?(result: ExperimentResult): void;
  /** A pinned run computed again (its settings were restored): it is not the widget's result. */
  pinned?: boolean;
}

export abstract class LabWidgetElement extends HTMLElement {
  static observedAttributes = ['src'];

  /** The widget JSON's widget.type this element renders. */
  protected abstract readonly widgetType: string;
  /** The widget's name where its file gives none (in the page's language). */
  protected abstract get defaultTitle(): string;

  /** Whether a run's result holds figures measured on the learner's device (latency), which
   *  the engine client is told with each run (it decides what may answer it). */
  protected readonly measuresTheDevice: boolean = false;
  /** The run starting now was started by the widget itself (autorun), not by a learner. */
  private startedByPage = false;

  /** The last successful run's result. */
  result: ExperimentResult | null = null;
  /** The loaded widget JSON (an experiment spec plus its "widget" section): what runs. */
  spec: Json | null = null;
  /** The widget file as the learner reads it: `spec` with its text file applied (widget-text.ts),
   *  or `spec` itself in English. For display only: its names are not the engine's. */
  protected displaySpec: Json | null = null;
  /** The widget file's text in the page's language (null: English, the file's own). */
  protected widgetText: WidgetText | null = null;
  /** displayNames with the widget text applied (null: no text file). */
  private textNames: ((list: 'variants' | 'scenarios') => (name: string) => string) | null = null;

  protected readonly view: WidgetView;
  protected settings: WidgetSettings | null = null;
  protected customData: CustomDataset | null = null;
  private dataView: CustomDataView | null = null;
  private runs: LatestRun | null = null;
  private srcUrl: URL | null = null;
  private loading: Promise<void> | null = null;
  /** Stops waiting for the widget to be seen (autorun="visible"). */
  private stopAutorun: (() => void) | null = null;
  /** Lets go of this widget's use of the page's engine (EngineClient.attach), while connected. */
  private detachEngine: (() => void) | null = null;
  /** Bumped whenever the loaded file is let go (the element gone, another src): a load still
   *  on its way for the old one stops where it is. */
  private generation = 0;
  /** Settings the host gave (applySettings) for the next load, as a link's. */
  private givenSettings: Settings | null = null;

  constructor() {
    super();
    this.view = new WidgetView(this.attachShadow({ mode: 'open' }), {
      run: () => void this.run().catch(() => undefined),
      cancel: () => this.cancel(),
      seedChanged: (seed) => this.seedChanged(seed),
      share: () => void this.share(),
    });
  }

  /** Draws the widget's screen for the loaded file (options null: the engine did not answer). */
  protected abstract buildScreen(options: OptionSchema | null, rejected: string[]): void;
  /** Runs what the screen shows now. */
  protected abstract runCurrent(): Promise<ExperimentResult>;
  /** Forgets the screen and every result (another file, other data). */
  protected abstract clearScreen(): void;

  connectedCallback(): void {
    this.detachEngine ??= sharedEngineClient().attach();
    if (this.loading) return;  // moved within the page: still loaded
    this.view.setTitle(this.defaultTitle);
    this.loading = this.load();
  }

  disconnectedCallback(): void {
    this.stopWaitingToBeSeen();
    this.cancel();
    this.settings?.flush();
    // A move comes back within the same task; a widget still out after it is gone.
    queueMicrotask(() => { if (!this.isConnected) this.letGo(); });
  }

  /** The widget is gone: its screen (charts, listeners, timers), settings and engine use go too. */
  private letGo(): void {
    if (!this.loading && !this.detachEngine) return;
    this.generation++;
    this.cancel();
    this.clearScreen();
    this.view.clearResult();
    this.settings?.dispose();
    this.settings = null;
    this.spec = null;
    this.result = null;
    this.customData = null;
    this.loading = null;
    this.detachEngine?.();
    this.detachEngine = null;
  }

  /**
   * Sets the widget's settings (`{panel: "dropout", "dropout/model.dropout": 0.45, seed: 7}`,
   * the names a shared link uses after the widget's key) as a shared link would: they replace
   * the learner's, values a control cannot take are noted and left at the file's, and the
   * widget runs them. Before the file has loaded they apply to its first run.
   */
  applySettings(settings: Settings): void {
    this.givenSettings = { ...settings };
    if (!this.settings) return;  // the load on its way takes them
    this.cancel();
    this.setUpScreen(this.lastOptions, true);
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (name !== 'src' || oldValue === null || oldValue === newValue || !this.isConnected) return;
    this.generation++;
    this.cancel();  // a result of the old file must not land under the new one
    this.stopWaitingToBeSeen();
    this.result = null;
    this.view.clearResult();
    this.clearScreen();
    this.loading = this.load();
  }

  /** Runs the widget's current experiment with the learner's settings; a second call cancels the first. */
  async run(): Promise<ExperimentResult> {
    if (this.loading) await this.loading;
    if (!this.spec || !this.srcUrl) throw new Error(t('widgets.error.noExperiment'));
    return this.runCurrent();
  }

  /** The widget's settings now, as applySettings takes them and a shared link names them. */
  currentSettings(): Settings {
    return this.settings?.linkSettings() ?? { ...this.givenSettings };
  }

  /** Cancels the run in flight, if any. */
  cancel(): void {
    this.runs?.cancel();
  }

  /** The learner changed a setting while a run was computing the old ones: that run stops at
   *  once (its result would be stale, and it holds the engine), and the status says a new run
   *  follows instead of "Cancelled.". */
  protected cancelForNewSettings(): void {
    if (!this.isRunning) return;
    this.supersededBy = t('widgets.status.rerunSoon');
    this.cancel();
  }
  private supersededBy: string | null = null;

  /** Asks the engine what the screen needs of this widget file (before buildScreen). */
  protected async prepareScreen(_spec: Json): Promise<void> {
    // nothing by default
  }

  /** The widget file with the learner's seed and data source applied (what runs are built from). */
  protected effectiveSpec(): Json {
    const seed = this.settings?.get('seed');
    return withLearnerSettings(this.spec ?? {}, typeof seed === 'number' ? seed : undefined, this.customData);
  }

  protected get isRunning(): boolean {
    return this.runs?.running ?? false;
  }

  /** Runs one spec in the worker with progress, cancel, status and events. */
  protected async runSpec(spec: Json, handlers: RunHandlers = {}, eventDetail: Json = {}, selection: RunSelection = {}): Promise<ExperimentResult> {
    if (!this.srcUrl) throw new Error(t('widgets.error.noExperiment'));
    const runs = (this.runs ??= new LatestRun(sharedEngineClient()));
    const started = performance.now();
    // Who started the run and what it measures: the engine client decides from these whether
    // the site build's answer may serve it (the status line says so when it did).
    const byPage = this.startedByPage;
    this.startedByPage = false;
    let answeredFromBuild = false;
    const timer = setTimeout(() => this.view.showProgress(null), PROGRESS_DELAY_MS);
    // Steps come faster than frames (an epoch can take well under a millisecond): the bar shows
    // the latest one, ten times a second.
    let step: Progress | null = null;
    const showStep = new FrameThrottle(() => step && this.view.showProgress(step), STREAM_REDRAW_MS);
    this.view.setRunning(true);
    this.view.setStatus(t('widgets.status.running'));
    this.emit('lab-run-start', { spec, ...selection, ...eventDetail });
    try {
      const result = await runs.run(spec, {
        baseUrl: this.srcUrl.href,
        allowOrigins: this.allowOrigins(),
        files: this.customData ? { [this.customData.name]: this.customData.text } : undefined,
        ...selection,
        byPage,
        measuresTheDevice: this.measuresTheDevice,
        onAnsweredFromBuild: () => { answeredFromBuild = true; },
        onProgress: (progress: Progress) => {
          if (performance.now() - started >= PROGRESS_DELAY_MS) {
            step = progress;
            showStep.request();
          }
          handlers.onProgress?.(progress);
          this.emit('lab-run-progress', progress);
        },
      });
      const elapsedMs = performance.now() - started;
      if (!handlers.pinned) this.result = result;
      showStep.cancel();
      this.view.setStatus(handlers.pinned ? t('widgets.status.pinRecomputed') : answeredFromBuild
        ? t('widgets.status.fromBuild')
        : t('widgets.status.finished', { seconds: fixed(elapsedMs / 1000, 1) }));
      this.view.showWarnings(warningsOf(result));
      handlers.onResult?.(result);
      if (!runs.running) {
        this.view.hideProgress();
        this.view.setRunning(false);
      }
      await chartsDrawn();  // the event means the learner can see the result
      this.emit('lab-run-result', { result, elapsedMs, ...(answeredFromBuild ? { fromBuild: true } : {}), ...eventDetail });
      sharedEngineClient().resultShown(result);  // (the build's answer on screen lets the engine start)
      return result;
    } catch (e) {
      if (isAbortError(e)) {
        if (!runs.running) this.view.setStatus(this.supersededBy ?? t('widgets.status.cancelled'));
        this.supersededBy = null;
        this.emit('lab-run-cancel', { ...eventDetail });
      } else {
        const error: EngineErrorInfo = e instanceof EngineError ? e.info : { kind: 'internal', message: String((e as Error)?.message ?? e) };
        const message = e instanceof Error ? e.message : String(e);
        this.view.showError(message);
        this.view.showWarnings([]);
        // The file's own lines, or what the engine found in its columns (constant, one class).
        const aboutData = error.file === this.customData?.name || error.field?.startsWith('dataset.');
        if (this.customData && aboutData) this.dataView?.showProblem(t('widgets.data.unusable', { message }));
        this.emit('lab-run-error', { error, ...eventDetail });
      }
      throw e;
    } finally {
      clearTimeout(timer);
      showStep.cancel();
      if (!runs.running) {
        this.view.hideProgress();
        this.view.setRunning(false);
      }
    }
  }

  /** A trade-off variant of `spec` as ONNX bytes (the worker reruns the seeded spec; a run in
   *  flight is not cancelled, the export waits its turn). */
  protected exportOnnx(spec: Json, variant: string): Promise<{ name: string; format: string; onnx: Uint8Array }> {
    if (!this.srcUrl) throw new Error(t('widgets.error.noExperiment'));
    return sharedEngineClient().exportOnnx(spec, variant, {
      baseUrl: this.srcUrl.href,
      allowOrigins: this.allowOrigins(),
      files: this.customData ? { [this.customData.name]: this.customData.text } : undefined,
    });
  }

  private allowOrigins(): string[] {
    return [location.origin, ...parseAllowOrigins(this.getAttribute('allow-origins'))];
  }

  protected emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const src = this.getAttribute('src');
    this.spec = null;
    this.displaySpec = null;
    this.widgetText = null;
    this.textNames = null;
    this.customData = null;
    // The element's language (its lang, else the page's) before anything is worded.
    await useLocale(requestedLocale(this));
    if (generation !== this.generation) return;
    this.view.localize();
    this.view.setTitle(this.defaultTitle);
    if (!src) {
      this.view.showError(t('widgets.error.noSrc'));
      return;
    }
    this.view.setStatus(t('widgets.status.loading'));
    let options: OptionSchema | null = null;
    let file: WidgetFile | null = null;
    try {
      this.srcUrl = new URL(src, document.baseURI);
      const optionsAnswer = engineOptions().catch((e: unknown) => e as Error);
      // The file's text in the page's language downloads beside the file itself.
      const textUrl = widgetTextUrl(this.srcUrl, locale());
      const textAnswer = textUrl ? fetch(textUrl).catch((e: unknown) => e as Error) : null;
      const response = await fetchWidgetFile(this.srcUrl);
      if (generation !== this.generation) return;
      if (!response.ok) throw new Error(`${this.srcUrl.pathname}: HTTP ${response.status}`);
      const text = await response.text();
      if (generation !== this.generation) return;
      // The data downloads while the engine starts (and before it checks the file): the first
      // run need not wait for it.
      sharedEngineClient().prefetch(text, { baseUrl: this.srcUrl.href, allowOrigins: this.allowOrigins() });
      file = readWidgetFile(text, widgetFileName(this.srcUrl), sharedEngineClient());
      const json = file.value;
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error((await file.problem) ?? t('widgets.error.notObject'));
      const shown = textUrl && textAnswer ? await this.readText(textUrl, await textAnswer, json) : null;
      if (generation !== this.generation) return;
      this.widgetText = shown?.text ?? null;
      this.spec = json as Json;
      const spec = this.spec;
      this.displaySpec = shown ? shown.code.displayCopy(spec, shown.text) : spec;
      this.textNames = shown ? (list) => shown.code.displayNames(spec, list, shown.text) : null;
      // The file's title, description and data picker take their places now, before the
      // engine's declarations (seconds on a phone while engine.wasm compiles): nothing above
      // the toolbar moves down later (widget.html's layout shift).
      this.showTitle();
      this.mountDataView();
      this.view.reveal();
      // Asked now, so the engine answers right after the declarations.
      const prepared = this.prepareScreen(this.spec).then(() => null, (e: unknown) => e as Error);
      const answer = await optionsAnswer;
      const unprepared = await prepared;
      if (generation !== this.generation) return;
      // A file the engine refuses: its check names the file and line, so that message wins.
      if (unprepared) throw new Error((await file.problem) ?? unprepared.message);
      if (answer instanceof Error) this.view.showError(t('widgets.error.engine', { message: answer.message }));
      else options = answer;
    } catch (e) {
      if (generation !== this.generation) return;
      this.view.setReady(false);
      this.view.dataSlot.replaceChildren();  // no data to pick for a widget that cannot run
      this.view.showError(t('widgets.error.load', { message: (e as Error).message }));
      return;
    }
    this.setUpScreen(options, false);
    if (options) warmUpCharts();
    this.emit('lab-widget-load', { spec: this.spec, widget: (this.spec?.widget ?? {}) as Json });
    this.autorun();
    sharedEngineClient().warmUpWhenIdle();  // (after the autorun above is queued)
    // The engine's check of the file may come after the screen (it can queue behind another
    // widget's run); a file it refuses takes the screen down again.
    const loaded = this.spec;
    void file?.problem.then((problem) => {
      if (problem && this.spec === loaded) this.refuse(problem);
    });
  }

  /** The learner's settings (or the host's given ones) and the screen built with them; `run`:
   *  and runs them (settings the host gave after the load). */
  private setUpScreen(options: OptionSchema | null, run: boolean): void {
    if (!this.spec || !this.srcUrl) return;
    const widget = (this.spec.widget ?? {}) as Json;
    this.settings?.dispose();
    this.settings = new WidgetSettings(this.srcUrl.pathname, this.getAttribute('id') || widgetKey(this.srcUrl.pathname),
      // Only where the page asks for it: a course site embedding a widget owns its own URL.
      this.getAttribute('url-state') === 'on', this.givenSettings);
    this.settings.onChange = (settings) => this.emit('lab-settings-change', { settings });
    const rejected: string[] = [];
    const seedDecl = options ? declaredAt(options, 'split.seed') : null;
    const [seedMin, seedMax] = [seedDecl?.min ?? 0, seedDecl?.max ?? Number.MAX_SAFE_INTEGER];
    this.view.setSeedRange(seedMin, seedMax);
    const seed = this.settings.take('seed', (t) => (/^\d+$/.test(t) && Number(t) >= seedMin && Number(t) <= seedMax ? Number(t) : undefined), rejected);
    this.view.setSeed(seed ?? this.specSeed());
    this.lastOptions = options;
    this.clearScreen();
    this.buildScreen(options, rejected);
    if (options) {
      if (widget.type !== undefined && widget.type !== this.widgetType) {
        this.view.setStatus(t('widgets.status.otherType', { type: String(widget.type), title: this.defaultTitle }));
      } else {
        this.view.setStatus(t('widgets.status.ready'));
      }
    }
    this.view.showNotice(rejected.length ? t('widgets.notice.rejected', { list: rejected.join('; ') }) : '');
    this.view.setReady(true);
    if (run && options) void this.run().catch(() => undefined);
  }

  /** Starts the first run by itself when the `autorun` attribute (or a shared link) asks. */
  private autorun(): void {
    const mode = autorunMode(this.getAttribute('autorun'));
    if (mode === 'load' || this.settings?.fromUrl) {
      this.runByPage();
      return;
    }
    if (mode !== 'visible') return;
    const loaded = this.spec;
    this.stopWaitingToBeSeen();
    this.stopAutorun = whenNearViewport(this, () => {
      this.stopAutorun = null;
      // Asked again at the time: the attribute may have been turned off, the file replaced, or
      // the learner may have run it already.
      if (autorunMode(this.getAttribute('autorun')) !== 'visible' || this.spec !== loaded || this.result || this.isRunning) return;
      this.runByPage();
    });
  }

  /** The widget's own run (autorun): its first result may come from the site build. */
  private runByPage(): void {
    this.startedByPage = true;
    void this.run().catch(() => undefined).finally(() => { this.startedByPage = false; });
  }

  private stopWaitingToBeSeen(): void {
    this.stopAutorun?.();
    this.stopAutorun = null;
  }

  /** Takes down the screen of a widget file the engine refused, and says why. */
  private refuse(problem: string): void {
    this.cancel();
    this.spec = null;
    this.result = null;
    this.customData = null;
    this.clearScreen();
    this.view.clearResult();
    this.view.dataSlot.replaceChildren();
    this.view.setReady(false);
    this.view.showError(t('widgets.error.load', { message: problem }));
  }

  /** The widget file's text in the page's language: a missing file (404) is English, no error;
   *  one that cannot be used stops the widget with a message naming it. */
  private async readText(url: URL, answer: Response | Error, widget: unknown): Promise<{ text: WidgetText; code: typeof import('./widget-text.ts') } | null> {
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (answer instanceof Error) throw new Error(`${name}: ${answer.message}`);
    if (answer.status === 404) return null;
    if (!answer.ok) throw new Error(`${name}: HTTP ${answer.status}`);
    const [source, code] = await Promise.all([answer.text(), import('./widget-text.ts')]);
    return { text: code.readWidgetText(source, name, locale(), widget), code };
  }

  /** The display name of each entry of a spec list (`variants`, `scenarios`) in the page's
   *  language: original name → its translation, or the name itself. */
  protected displayNames(list: 'variants' | 'scenarios'): (name: string) => string {
    return this.textNames?.(list) ?? ((name) => name);
  }

  private mountDataView(): void {
    const csv = (this.spec?.dataset as { csv?: unknown } | undefined)?.csv;
    const name = typeof csv === 'string' ? csv.split('/').pop()! : t('widgets.data.lessonData');
    this.dataView = new CustomDataView(name, {
      use: (data) => {
        this.customData = data;
        this.showTitle();
        this.dataView?.showSource(data);
        this.clearScreen();
        this.buildScreen(this.lastOptions, []);
        void this.run().catch(() => undefined);
      },
      reset: () => {
        this.customData = null;
        this.showTitle();
        this.dataView?.showSource(null);
        this.clearScreen();
        this.buildScreen(this.lastOptions, []);
        this.view.setStatus(t('widgets.status.backToLessonData'));
      },
      picked: () => this.view.clearError(),
      fetchExample: async (example) => {
        if (!this.srcUrl) throw new Error(t('widgets.error.noExperiment'));
        const url = resolveDatasetUrl(example.csv, this.srcUrl.href, this.allowOrigins());
        try {
          return await datasetText(await fetch(url), url);
        } catch (e) {
          throw new Error(e instanceof FileNotFound ? missingFileMessage(example.csv, url) : `${url.href}: ${(e as Error).message}`);
        }
      },
    });
    this.view.dataSlot.replaceChildren(this.dataView.element);
  }

  /** The widget file's title and description; on other data, what that data is instead (the
   *  file's own words describe the lesson's table, e.g. Titanic's passengers). */
  private showTitle(): void {
    const widget = (this.displaySpec?.widget ?? {}) as Json;
    const title = typeof widget.title === 'string' ? widget.title : this.defaultTitle;
    const data = this.customData;
    if (!data) {
      this.view.setTitle(title);
      this.view.setDescription(typeof widget.description === 'string' ? widget.description : '');
      return;
    }
    this.view.setTitle(t('widgets.data.title', { title: this.defaultTitle, name: data.name }));
    this.view.setDescription(t('widgets.data.description', {
      source: data.example ? 'example' : 'file', name: data.name, target: data.target, task: data.task ?? 'unknown',
    }));
  }

  /** The declarations the screen was last built with. */
  protected lastOptions: OptionSchema | null = null;

  private specSeed(): number | undefined {
    const seed = (this.spec?.split as { seed?: unknown } | undefined)?.seed;
    return typeof seed === 'number' ? seed : undefined;
  }

  private seedChanged(seed: number): void {
    this.settings?.set('seed', seed, this.specSeed());
    if (this.result) void this.run().catch(() => undefined);
  }

  private async share(): Promise<void> {
    if (!this.settings) return;
    this.settings.flush();
    const url = this.settings.shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      this.view.setStatus(t('widgets.status.linkCopied'));
    } catch {
      this.view.setStatus(t('widgets.status.link', { url }));
    }
  }
}
