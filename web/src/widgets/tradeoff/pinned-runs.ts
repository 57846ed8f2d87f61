// The explorer's pinned runs: "Pin this run" keeps the run setup on screen (model size, batch
// rows) with its variants' numbers, so a learner can set the medium model against the large one
// side by side: one column per run in a comparison table (each variant's score, one-row
// latency and size). Pins hold the setup only (learner store and link, state/pins.ts); a
// restored pin is trained and timed again on this device after the live run.
import { t } from '../widget-i18n.ts';
import { h, tableScroller } from '../../dom.ts';
import { type PinRecord, MAX_PINS, samePin } from '../../state/pins.ts';
import type { WidgetSettings } from '../widget-settings.ts';
import { type ScoreInfo, type TradeoffResult, type VariantRow, formatBytes, formatMicros, scoreText } from '../model/tradeoff.ts';
import { PinBar, pinLabel } from '../optimization-lab/panel-pins.ts';

/** The settings key the explorer's pins use (one "panel": the run setup). */
const PANEL = 'setup';

interface Pin { record: PinRecord; label: string; settings: string; data: TradeoffResult | null }

export interface ExplorerPinHost {
  readonly settings: WidgetSettings;
  /** The setup on screen, by setting name. */
  setup(): Record<string, string | number | boolean>;
  /** A setup in words. */
  describe(values: Record<string, unknown>): string;
  /** Runs the explorer with a pinned setup; null if it was cancelled or failed. */
  runPinned(values: Record<string, unknown>, label: string): Promise<TradeoffResult | null>;
  /** A variant's name as the learner reads it (results name variants by the file's names). */
  variantName(name: string): string;
}

export class ExplorerPins {
  readonly element: HTMLElement;
  private readonly bar = new PinBar({ pin: () => this.pin(), remove: (i) => this.remove(i) });
  private readonly table = h('div', {});
  private pins: Pin[] = [];
  private live: TradeoffResult | null = null;

  constructor(private readonly host: ExplorerPinHost, names: readonly string[], rejected: string[]) {
    this.element = h('div', { class: 'explorer-pins' }, this.bar.element, this.table);
    const taken = host.settings.takePins(PANEL, names);
    for (const raw of taken.pins) {
      const values: PinRecord['values'] = {};
      for (const [k, v] of Object.entries(raw.values)) values[k] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
      this.pins.push({ record: { values }, ...this.label(values), data: null });
    }
    if (taken.rejected) rejected.push(`pins.${PANEL}`);
    if (this.pins.length || taken.rejected) this.save();
    this.render();
  }

  /** The live run's numbers are on screen (null: a new run started). */
  shown(data: TradeoffResult | null): void {
    this.live = data;
    this.render();
  }

  /** Trains and times the restored pins, one run each (a newer run cancels it). */
  async computeMissing(): Promise<void> {
    for (const pin of [...this.pins]) {
      if (pin.data) continue;
      const data = await this.host.runPinned(pin.record.values, pin.label);
      if (!data) return;
      pin.data = data;
      this.render();
    }
  }

  private label(values: Record<string, unknown>): { label: string; settings: string } {
    const settings = this.host.describe(values) || t('widgets.pins.fileSetup');
    return { label: pinLabel(settings), settings };
  }

  private current(): PinRecord {
    return { values: this.host.setup() };
  }

  private pin(): void {
    const record = this.current();
    if (!this.live || this.pins.some((p) => samePin(p.record, record))) return;
    const { label, settings } = this.label(record.values);
    this.pins.push({ record, label, settings, data: this.live });
    if (this.pins.length > MAX_PINS) this.pins.shift();
    this.save();
    this.render();
    this.bar.announce(t('widgets.pins.pinnedSetup', { label }));
  }

  private remove(index: number): void {
    const [gone] = this.pins.splice(index, 1);
    this.save();
    this.render();
    if (gone) this.bar.announce(t('widgets.pins.removed', { label: gone.label }));
  }

  private save(): void {
    this.host.settings.setPins(PANEL, this.pins.map((p) => p.record));
  }

  private render(): void {
    const record = this.current();
    this.bar.render(this.pins.map((p) => ({ record: p.record, label: p.label, settings: p.settings, results: p.data ? { run: {} } : {} })),
      !!this.live && !this.pins.some((p) => samePin(p.record, record)));
    const runs: { heading: string; data: TradeoffResult; pinned: boolean }[] = [
      ...(this.live ? [{ heading: t('widgets.pins.thisRun', { settings: this.host.describe(record.values) }), data: this.live, pinned: false }] : []),
      ...this.pins.filter((p) => p.data).map((p) => ({ heading: p.label, data: p.data!, pinned: true })),
    ];
    this.table.replaceChildren(...(this.pins.length && runs.length ? [comparisonTable(runs, (n) => this.host.variantName(n))] : []));
  }
}

function cell(row: VariantRow | undefined, score: ScoreInfo): string {
  return row ? `${scoreText(score, row.score)} · ${formatMicros(row.latency.single_median_us)} · ${formatBytes(row.size_bytes)}` : '–';
}

/** One row per variant, one column per run: score · one-row latency · size. */
function comparisonTable(runs: { heading: string; data: TradeoffResult; pinned: boolean }[], shown: (name: string) => string): HTMLElement {
  const names = [...new Set(runs.flatMap((r) => r.data.variants.map((v) => v.name)))];
  return tableScroller(h('table', { class: 'metrics pinned-runs' },
    h('caption', {}, t('widgets.pins.tableCaption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('widgets.table.variant')),
      ...runs.map((r) => h('th', { scope: 'col', class: r.pinned ? 'pinned-column' : null }, r.heading)))),
    h('tbody', {}, ...names.map((name) => h('tr', {}, h('th', { scope: 'row' }, shown(name)),
      ...runs.map((r) => h('td', {}, cell(r.data.variants.find((v) => v.name === name), r.data.score))))))));
}
