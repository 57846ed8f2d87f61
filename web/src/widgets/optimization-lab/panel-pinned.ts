// A panel's pinned runs: pinning the run on screen, removing a pin, restoring the pins of the
// link or the saved state (typed and checked against the panel's controls like any link value),
// and computing a restored pin again from its settings, one run per pin after the live run (the
// panel's result cache is shared, so a pin whose settings are on screen costs nothing).
import { MAX_PINS, type PinRecord, samePin } from '../../state/pins.ts';
import type { ControlValue, ControlView } from '../controls/control-view.ts';
import type { RunHandlers, RunSelection } from '../lab-widget.ts';
import { type CustomDataset, experimentKey } from '../model/experiments.ts';
import { parseControlValue } from '../model/options.ts';
import type { WidgetSettings } from '../widget-settings.ts';
import { t } from '../widget-i18n.ts';
import { PinBar, type PinnedRun, pinLabel, pinSettings } from './panel-pins.ts';
import type { ExperimentResult, PinView } from './panel-view.ts';

type Json = Record<string, unknown>;

export interface PinControl { view: ControlView; path: string; fileValue: ControlValue; readsResult: boolean }

export interface PinHost {
  readonly settings: WidgetSettings;
  learnerSeed(): number | undefined;
  specForSeed(seed: number | undefined): Json;
  customData(): CustomDataset | null;
  runSpec(spec: Json, handlers: RunHandlers, detail: Json, selection: RunSelection): Promise<ExperimentResult>;
}

export interface PinPanel {
  readonly id: string;
  readonly controls: readonly PinControl[];
  /** The experiments the controls change (a pin holds their results). */
  readonly changed: readonly string[];
  /** The panel runs the spec's own single run (selection by values, not experiments). */
  readonly single: string | null;
  readonly cache: Map<string, ExperimentResult>;
  /** The results on screen, by experiment. */
  results(): Record<string, ExperimentResult | undefined>;
  /** Counts the panel's runs: a pin computation stops once a newer run started. */
  runCount(): number;
  /** Epochs an experiment trains with these run values. */
  plannedEpochs(name: string, values: Record<string, unknown>): number;
  /** The pins changed (redraw). */
  changedPins(): void;
}

export class PinnedRuns {
  readonly bar: PinBar;
  private pins: PinnedRun[] = [];

  constructor(private readonly panel: PinPanel, private readonly host: PinHost, rejected: string[]) {
    this.bar = new PinBar({ pin: () => this.pin(), remove: (i) => this.unpin(i) });
    this.restore(rejected);
  }

  get list(): readonly PinnedRun[] {
    return this.pins;
  }

  /** Shows the pins; the button is on once a finished run is on screen that is not pinned. */
  render(complete: boolean): void {
    const record = this.current();
    this.bar.render(this.pins, complete && !this.pins.some((p) => samePin(p.record, record)));
  }

  /** Forgets every pin's results (the data changed); their settings stay. */
  clearResults(): void {
    for (const pin of this.pins) pin.results = {};
  }

  views(): PinView[] {
    return this.pins.map((pin) => ({
      label: pin.label,
      results: pin.results,
      value: (option) => {
        const c = this.panel.controls.find((x) => x.view.model.option === option || x.path === option);
        return c ? (pin.record.values[c.view.model.option] ?? c.fileValue) : undefined;
      },
      plannedEpochs: (name) => this.panel.plannedEpochs(name, this.runValues(pin.record)),
    }));
  }

  /** Computes the pins without results (restored ones), one run each, after the live run.
   *  A newer run cancels it (the engine runs one thing per widget); the next run resumes. */
  async computeMissing(): Promise<void> {
    const run = this.panel.runCount();
    const data = this.host.customData();
    for (const pin of [...this.pins]) {
      const spec = this.host.specForSeed(pin.record.seed);
      const specText = JSON.stringify(spec);
      const own = this.runValues(pin.record);
      const pending: Record<string, Json> = {};
      const keys: Record<string, string> = {};
      for (const name of this.panel.changed) {
        keys[name] = experimentKey(specText, name, own, data);
        const cached = this.panel.cache.get(keys[name]);
        if (cached) pin.results[name] = cached;
        else pending[name] = own;
      }
      const missing = Object.keys(pending);
      if (missing.length) {
        const single = this.panel.single;
        const selection: RunSelection = single ? { values: own } : { experiments: pending };
        let result: ExperimentResult;
        try {
          result = await this.host.runSpec(spec, { pinned: true }, { panel: this.panel.id, pin: pin.label }, selection);
        } catch {
          return;  // cancelled by a newer run, or refused: the pin stays, computed by a later run
        }
        const parts = single ? { [single]: result } : ((result.experiments ?? {}) as Record<string, ExperimentResult>);
        for (const name of missing) {
          if (parts[name]) this.panel.cache.set(keys[name], parts[name]);
          pin.results[name] = parts[name];
        }
      }
      if (run !== this.panel.runCount()) return;
      this.panel.changedPins();
    }
  }

  /** The current settings as a pin: values away from the file's, by option, and the seed. */
  private current(): PinRecord {
    const values: PinRecord['values'] = {};
    for (const c of this.panel.controls) if (c.view.value() !== c.fileValue) values[c.view.model.option] = c.view.value();
    const seed = this.host.learnerSeed();
    return seed === undefined ? { values } : { values, seed };
  }

  private settingsOf(record: PinRecord): string {
    return pinSettings(this.panel.controls.map((c) => ({ label: c.view.model.label, option: c.view.model.option, fileValue: c.fileValue })), record);
  }

  private pin(): void {
    const record = this.current();
    if (this.pins.some((p) => samePin(p.record, record))) return;
    const settings = this.settingsOf(record);
    const label = pinLabel(settings);
    const results = this.panel.results();
    this.pins.push({ record, label, settings, results: Object.fromEntries(this.panel.changed.map((n) => [n, results[n]])) });
    if (this.pins.length > MAX_PINS) this.pins.shift();
    this.save();
    this.bar.announce(t('widgets.pins.pinned', { label }));
  }

  private unpin(index: number): void {
    const [gone] = this.pins.splice(index, 1);
    this.save();
    if (gone) this.bar.announce(t('widgets.pins.removed', { label: gone.label }));
  }

  private save(): void {
    this.host.settings.setPins(this.panel.id, this.pins.map((p) => p.record));
    this.panel.changedPins();
  }

  /** The pins of the link or the saved state, typed and checked against the controls. */
  private restore(rejected: string[]): void {
    const controls = this.panel.controls;
    const taken = this.host.settings.takePins(this.panel.id, controls.map((c) => c.view.model.option));
    let bad = taken.rejected;
    for (const raw of taken.pins) {
      const record: PinRecord = raw.seed === undefined ? { values: {} } : { values: {}, seed: raw.seed };
      const ok = Object.entries(raw.values).every(([option, text]) => {
        const control = controls.find((c) => c.view.model.option === option);
        const value = control ? parseControlValue(control.view.model, text) : undefined;
        if (value !== undefined && value !== control!.fileValue) record.values[option] = value;
        return value !== undefined;
      });
      if (ok && !this.pins.some((p) => samePin(p.record, record))) {
        const settings = this.settingsOf(record);
        this.pins.push({ record, label: pinLabel(settings), settings, results: {} });
      }
      else if (!ok) bad++;
    }
    if (bad) rejected.push(`pins.${this.panel.id}`);
    if (this.pins.length || bad) this.host.settings.setPins(this.panel.id, this.pins.map((p) => p.record));
  }

  /** A pin's values as a run takes them (spec path -> value; λ reads the path, no run). */
  private runValues(record: PinRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of this.panel.controls) {
      const value = record.values[c.view.model.option];
      if (!c.readsResult && value !== undefined) out[c.path] = value;
    }
    return out;
  }
}
