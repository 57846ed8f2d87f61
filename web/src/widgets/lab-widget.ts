// The base of the widget custom elements: loads the widget JSON named by `src`, runs it in the
// shared engine worker (a new run cancels the previous one), shows a progress bar with a
// cancel button for runs over 200 ms, and the result. Shadow DOM keeps page CSS out.
// Attributes: src (widget JSON URL), allow-origins (extra origins for dataset CSVs), autorun.
// Events (bubbling, composed): lab-widget-load, lab-run-start, lab-run-progress,
// lab-run-result, lab-run-error, lab-run-cancel. See docs/embedding.md.
import { type EngineErrorInfo, EngineError, type ExperimentResult, type Progress } from '../runtime/engine-api.ts';
import { LatestRun, isAbortError } from '../runtime/engine-client.ts';
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { parseAllowOrigins } from '../runtime/dataset-files.ts';
import { mergePatch } from '../runtime/merge-patch.ts';
import { sharedLearnerStore } from '../state/learner-store.ts';
import { renderResult } from './result-view.ts';
import { WidgetView } from './widget-view.ts';

/** How long a run may take before the progress bar appears. */
export const PROGRESS_DELAY_MS = 200;

export interface WidgetSettings { seed?: number }

export abstract class LabWidgetElement extends HTMLElement {
  static observedAttributes = ['src'];

  /** The widget JSON's widget.type this element renders. */
  protected abstract readonly widgetType: string;
  protected abstract readonly defaultTitle: string;

  /** The last successful run's result. */
  result: ExperimentResult | null = null;
  /** The loaded widget JSON (an experiment spec plus its "widget" section). */
  spec: Record<string, unknown> | null = null;

  private readonly view: WidgetView;
  private runs: LatestRun | null = null;
  private srcUrl: URL | null = null;
  private loading: Promise<void> | null = null;

  constructor() {
    super();
    this.view = new WidgetView(this.attachShadow({ mode: 'open' }), {
      run: () => void this.run().catch(() => undefined),
      cancel: () => this.cancel(),
      seedChanged: (seed) => this.saveSettings({ seed }),
    });
  }

  connectedCallback(): void {
    this.view.setTitle(this.defaultTitle);
    if (!this.loading) this.loading = this.load();
  }

  disconnectedCallback(): void {
    this.cancel();
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (name !== 'src' || oldValue === null || oldValue === newValue || !this.isConnected) return;
    this.cancel();  // a result of the old file must not land under the new one
    this.result = null;
    this.view.clearResult();
    this.loading = this.load();
  }

  /** Runs the widget's experiment with the current settings; a second call cancels the first. */
  async run(): Promise<ExperimentResult> {
    if (this.loading) await this.loading;
    if (!this.spec || !this.srcUrl) throw new Error('the widget has no experiment loaded');
    const runs = (this.runs ??= new LatestRun(sharedEngineClient()));
    const spec = mergePatch(this.spec, this.settingsPatch());
    const started = performance.now();
    const timer = setTimeout(() => this.view.showProgress(null), PROGRESS_DELAY_MS);
    this.view.setRunning(true);
    this.view.setStatus('Running in your browser…');
    this.emit('lab-run-start', { spec });
    try {
      const result = await runs.run(spec as object, {
        baseUrl: this.srcUrl.href,
        allowOrigins: [location.origin, ...parseAllowOrigins(this.getAttribute('allow-origins'))],
        onProgress: (progress: Progress) => {
          if (performance.now() - started >= PROGRESS_DELAY_MS) this.view.showProgress(progress);
          this.emit('lab-run-progress', progress);
        },
      });
      const elapsedMs = performance.now() - started;
      this.result = result;
      this.view.showResult(renderResult(result, elapsedMs), 'Finished.');
      this.emit('lab-run-result', { result, elapsedMs });
      return result;
    } catch (e) {
      if (isAbortError(e)) {
        if (!runs.running) this.view.setStatus('Cancelled.');
        this.emit('lab-run-cancel', {});
      } else {
        const error: EngineErrorInfo = e instanceof EngineError ? e.info : { kind: 'internal', message: String((e as Error)?.message ?? e) };
        this.view.showError(e instanceof Error ? e.message : String(e));
        this.emit('lab-run-error', { error });
      }
      throw e;
    } finally {
      clearTimeout(timer);
      if (!runs.running) {
        this.view.hideProgress();
        this.view.setRunning(false);
      }
    }
  }

  /** Cancels the run in flight, if any. */
  cancel(): void {
    this.runs?.cancel();
  }

  private async load(): Promise<void> {
    const src = this.getAttribute('src');
    this.spec = null;
    if (!src) {
      this.view.showError('This widget needs a src attribute: the URL of its widget JSON.');
      return;
    }
    this.view.setStatus('Loading the experiment…');
    try {
      this.srcUrl = new URL(src, document.baseURI);
      const response = await fetch(this.srcUrl);
      if (!response.ok) throw new Error(`${this.srcUrl.pathname}: HTTP ${response.status}`);
      const json: unknown = await response.json();
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the widget file is not a JSON object');
      this.spec = json as Record<string, unknown>;
    } catch (e) {
      this.view.showError(`The widget could not be loaded: ${(e as Error).message}`);
      return;
    }
    const widget = (this.spec.widget ?? {}) as Record<string, unknown>;
    this.view.setTitle(typeof widget.title === 'string' ? widget.title : this.defaultTitle);
    this.view.setDescription(typeof widget.description === 'string' ? widget.description : '');
    if (widget.type !== undefined && widget.type !== this.widgetType) {
      this.view.setStatus(`Note: this file is a "${String(widget.type)}" widget, shown here as ${this.defaultTitle}.`);
    } else {
      this.view.setStatus('Ready. Run the experiment to train in your browser.');
    }
    this.view.setSeed(this.settings().seed ?? this.specSeed());
    this.view.setReady(true);
    this.emit('lab-widget-load', { spec: this.spec, widget });
    if (this.hasAttribute('autorun')) void this.run().catch(() => undefined);
  }

  private specSeed(): number | undefined {
    const seed = (this.spec?.split as { seed?: unknown } | undefined)?.seed;
    return typeof seed === 'number' ? seed : undefined;
  }

  private settingsKey(): string {
    return this.srcUrl ? this.srcUrl.pathname : '';
  }

  private settings(): WidgetSettings {
    const saved = sharedLearnerStore().widgetSettings(this.settingsKey());
    return typeof saved.seed === 'number' ? { seed: saved.seed } : {};
  }

  private saveSettings(settings: WidgetSettings): void {
    if (this.srcUrl) sharedLearnerStore().setWidgetSettings(this.settingsKey(), { ...this.settings(), ...settings });
  }

  /** The learner's settings as a JSON merge patch over the widget's spec. */
  private settingsPatch(): Record<string, unknown> {
    const seed = this.settings().seed;
    return seed === undefined ? {} : { split: { seed } };
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
