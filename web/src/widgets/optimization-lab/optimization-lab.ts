// <optimization-lab>: the widget file's panels as tabs (regularization, dropout, early
// stopping, schedules, batch norm and weight decay, ...). The open tab, its controls and the
// seed live in the URL and the learner state. A control change stops a run in flight (its
// settings are stale) and reruns the open panel after a short pause; a widget file without
// panels is one panel that runs the spec as it is.
import { t } from '../widget-i18n.ts';
import { h, nextId } from '../../dom.ts';
import type { ExperimentResult } from '../../runtime/engine-api.ts';
import { chartsDrawn } from '../charts/lab-chart.ts';
import { sharedEngineClient } from '../../runtime/browser-engine.ts';
import { type Json, LabWidgetElement } from '../lab-widget.ts';
import { withLearnerSettings } from '../model/experiments.ts';
import type { OptionSchema } from '../model/options.ts';
import { Panel, type PanelDecl, type PanelHost, engineName, panelExperiments } from './panel.ts';
import { type PanelPlan, planPanels } from './panel-plan.ts';

/** Pause after the last control change before a rerun (keyboard steps come in bursts). */
const RERUN_DELAY_MS = 350;

function panelsOf(spec: Record<string, unknown> | null): PanelDecl[] {
  const panels = (spec?.widget as { panels?: unknown } | undefined)?.panels;
  if (!Array.isArray(panels) || !panels.length) return [{ id: 'run', experiments: [] }];
  return panels.filter((p): p is PanelDecl => !!p && typeof p.id === 'string' && Array.isArray(p.experiments));
}

export class OptimizationLabElement extends LabWidgetElement {
  protected readonly widgetType = 'optimization_lab';
  protected get defaultTitle(): string { return t('widgets.lab.title'); }
  private panels: Panel[] = [];
  private tabs: HTMLButtonElement[] = [];
  private sections: HTMLElement[] = [];
  private active = 0;
  /** Each panel's experiment specs and control paths, as the engine resolved them. */
  private plans: PanelPlan[] = [];
  private rerun: ReturnType<typeof setTimeout> | null = null;
  private rerunsRunning = 0;
  private readonly scheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = () => this.panels.forEach((p) => p.retheme());

  protected override async prepareScreen(spec: Json): Promise<void> {
    this.plans = await planPanels(sharedEngineClient(), JSON.stringify(spec), panelsOf(spec).map((d) => ({
      experiments: panelExperiments(d).map(engineName), options: (d.controls ?? []).map((c) => c.option),
    })));
  }

  protected buildScreen(options: OptionSchema | null, rejected: string[]): void {
    if (!options || !this.settings || this.plans.length === 0) return;
    const host: PanelHost = {
      hostElement: this,
      settings: this.settings,
      effectiveSpec: () => this.effectiveSpec(),
      specForSeed: (seed) => withLearnerSettings(this.spec ?? {}, seed, this.customData),
      learnerSeed: () => {
        const seed = this.settings?.get('seed');
        return typeof seed === 'number' ? seed : undefined;
      },
      customData: () => this.customData,
      runSpec: (spec, handlers, detail, selection) => this.runSpec(spec, handlers, detail, selection),
      requestRun: (panel) => this.requestRun(panel),
      emitCached: async (result, panel) => {
        this.result = result;
        this.view.setStatus(t('widgets.status.cached'));
        await chartsDrawn();
        this.emit('lab-run-result', { result, elapsedMs: 0, panel, cached: true });
      },
    };
    // Panels as the learner reads them (their ids, experiments and options are the file's).
    const decls = panelsOf(this.displaySpec);
    this.panels = decls.map((d, i) => new Panel(d, host, options, this.plans[i], rejected));
    const wanted = this.settings.take('panel', (t) => (decls.some((d) => d.id === t) ? t : undefined), rejected);
    this.active = Math.max(0, decls.findIndex((d) => d.id === wanted));
    if (this.panels.length === 1) {
      this.view.body.replaceChildren(this.panels[0].element);
    } else {
      this.buildTabs(decls);
    }
    this.scheme.addEventListener('change', this.onScheme);
  }

  protected clearScreen(): void {
    if (this.rerun) clearTimeout(this.rerun);
    this.rerun = null;
    this.scheme.removeEventListener('change', this.onScheme);
    this.panels.forEach((p) => p.destroy());
    this.panels = [];
    this.tabs = [];
    this.sections = [];
    this.view.body.replaceChildren();
  }

  protected runCurrent(): Promise<ExperimentResult> {
    const panel = this.panels[this.active];
    if (!panel) return Promise.reject(new Error(t('widgets.error.nothingToRun')));
    return panel.run();
  }

  /** Reruns a control change asked for that have not ended: waiting out the rerun delay, or
   *  running. 0 once every change has done what it will (the e2e tests wait on it). */
  get pendingReruns(): number {
    return (this.rerun ? 1 : 0) + this.rerunsRunning;
  }

  private requestRun(panel: Panel): void {
    if (this.rerun) clearTimeout(this.rerun);
    if (this.panels[this.active] === panel) this.cancelForNewSettings();
    this.rerun = setTimeout(() => {
      this.rerun = null;
      if (this.panels[this.active] !== panel) return;
      this.rerunsRunning++;
      void this.run().catch(() => undefined).finally(() => this.rerunsRunning--);
    }, RERUN_DELAY_MS);
  }

  private buildTabs(decls: PanelDecl[]): void {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('widgets.lab.tabs') });
    decls.forEach((d, i) => {
      const tabId = nextId('tab');
      const sectionId = nextId('tabpanel');
      const tab = h('button', { type: 'button', role: 'tab', id: tabId, 'aria-controls': sectionId, class: 'tab', 'data-panel': d.id },
        `${i + 1}. ${d.title ?? d.id}`);
      tab.addEventListener('click', () => this.select(i, false));
      tab.addEventListener('keydown', (e) => this.tabKey(e, i));
      const section = h('div', { role: 'tabpanel', id: sectionId, 'aria-labelledby': tabId, class: 'tabpanel', tabindex: 0 },
        h('h4', {}, d.title ?? d.id), this.panels[i].element);
      this.tabs.push(tab);
      this.sections.push(section);
      list.append(tab);
    });
    this.view.body.replaceChildren(list, ...this.sections);
    this.show(this.active);
  }

  private tabKey(event: KeyboardEvent, index: number): void {
    const last = this.tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select((next + this.tabs.length) % this.tabs.length, true);
  }

  private select(index: number, focus: boolean): void {
    if (index === this.active) return;
    this.cancel();
    this.active = index;
    this.show(index);
    if (focus) this.tabs[index].focus();
    this.settings?.set('panel', this.panels[index].decl.id, this.panels[0].decl.id);
    // Once the learner has run something, opening another panel runs it too.
    if (!this.panels[index].hasRun && this.panels.some((p) => p.hasRun)) void this.run().catch(() => undefined);
  }

  private show(index: number): void {
    this.tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      this.sections[i].hidden = i !== index;
    });
  }
}
