// Pruning and quantization together: the widget file's controls act on one MLP variant. The
// first stepped number control (the pruned share) is swept: one engine run trains the variant
// at every step of it, so the slider then only reads the sweep and the score (accuracy, or R²
// for a numeric target) and size move together at once. The other controls (bits per weight) pick which sweep; changing them runs
// a new one. Each sweep is kept, so going back to a bit width is instant.
import { h, nextId } from '../../dom.ts';
import type { ExperimentResult } from '../../runtime/engine-api.ts';
import { SweepChart } from '../charts/sweep-chart.ts';
import { FrameThrottle } from '../frame-throttle.ts';
import { type ControlView, createControl, formatValue } from '../controls/control-view.ts';
import type { RunHandlers } from '../lab-widget.ts';
import { getPath } from '../model/experiments.ts';
import { type ControlModel, type OptionSchema, type WidgetControl, controlModel, declaredAt, parseControlValue } from '../model/options.ts';
import {
  type ScoreInfo, type VariantRow, compressible, formatBytes, isTimed, formatChange, formatMicros, scoreInfo, scoreText, steppedValues, sweepLabel, sweepSpec,
} from '../model/tradeoff.ts';
import type { WidgetSettings } from '../widget-settings.ts';
import { t } from '../widget-i18n.ts';
import { percent, whole } from '../model/locale-number.ts';
import { inSentence, splitMetric } from '../model/words.ts';

type Json = Record<string, unknown>;

export interface CompressionHost {
  readonly hostElement: Element;
  readonly settings: WidgetSettings;
  effectiveSpec(): Json;
  dataKey(): string;
  runSpec(spec: Json, handlers: RunHandlers, detail: Json): Promise<ExperimentResult>;
  /** The main score of the explorer's last run (null before one): names it before a sweep. */
  score(): ScoreInfo | null;
  /** A variant's name as the learner reads it. */
  variantName(name: string): string;
}

const OFF = 'off';

export class CompressionView {
  readonly element: HTMLElement;
  readonly chart: SweepChart | null = null;
  private readonly variant = h('select', {});
  private readonly fixed: { model: ControlModel; select: HTMLSelectElement }[] = [];
  private sweepControl: ControlView | null = null;
  private sweepValues: number[] = [];
  private readonly readout = h('p', { class: 'readout', 'aria-live': 'polite' });
  private readonly sweeps = new Map<string, (VariantRow | undefined)[]>();
  private rows: (VariantRow | undefined)[] = [];
  /** The score each finished sweep's result names (a sweep in flight reads its rows'). */
  private readonly scores = new Map<(VariantRow | undefined)[], ScoreInfo>();
  /** The bit width each sweep ran at (its steps' names for the learner). */
  private readonly bitsOf = new Map<(VariantRow | undefined)[], number>();

  constructor(private readonly host: CompressionHost, schema: OptionSchema, controls: WidgetControl[], rejected: string[]) {
    const spec = host.effectiveSpec();
    const variants = compressible(spec);
    const models = controls.map((c) => {
      try {
        return controlModel(declaredAt(schema, `variants.${c.option}`), c);
      } catch (e) {
        rejected.push((e as Error).message);
        return null;
      }
    }).filter((m): m is ControlModel => m !== null);
    const sweepModel = models.find((m) => m.kind === 'number');
    if (!variants.length || !sweepModel) {
      this.element = h('p', { class: 'muted' }, t('widgets.sweep.nothing'));
      return;
    }
    const names = variants.map((v) => String(v.name));
    const preferred = variants.find((v) => getPath(v, sweepModel.option) !== undefined) ?? variants[0];
    this.variant.append(...names.map((n) => h('option', { value: n }, host.variantName(n))));
    this.variant.value = host.settings.take('variant', (v) => (names.includes(v) ? v : undefined), rejected) ?? String(preferred.name);
    this.variant.addEventListener('change', () => { host.settings.set('variant', this.variant.value, String(preferred.name)); this.startSweep(); });

    const variantId = nextId('variant');
    this.variant.id = variantId;
    const fixedBox = h('div', { class: 'panel-controls' }, h('div', { class: 'control' }, h('label', { for: variantId }, t('widgets.sweep.variant')), this.variant));
    for (const model of models.filter((m) => m !== sweepModel)) {
      const id = nextId('fixed');
      const values = model.kind === 'integer' || model.kind === 'number' ? steppedValues(model.min, model.max, model.step) : model.choices;
      const select = h('select', { id }, ...(model.option.startsWith('compress.') ? [h('option', { value: OFF }, t('widgets.sweep.off'))] : []),
        ...values.map((v) => h('option', { value: String(v) }, String(v))));
      const fileValue = getPath(this.selected(), model.option);
      const start = host.settings.take(model.option, (v) => (v === OFF || parseControlValue(model, v) !== undefined ? v : undefined), rejected);
      select.value = start ?? (fileValue === undefined ? OFF : String(fileValue));
      select.addEventListener('change', () => { host.settings.set(model.option, select.value); this.startSweep(); });
      this.fixed.push({ model, select });
      fixedBox.append(h('div', { class: 'control' }, h('label', { for: id }, model.label), select));
    }
    this.sweepValues = steppedValues(sweepModel.min, sweepModel.max, sweepModel.step);
    const fileSweep = Number(getPath(this.selected(), sweepModel.option) ?? sweepModel.declaredDefault ?? sweepModel.min);
    const start = host.settings.take(sweepModel.option, (v) => parseControlValue(sweepModel, v) as number | undefined, rejected) ?? fileSweep;
    this.sweepControl = createControl(sweepModel, start, {
      input: () => this.show(),
      change: (v) => {
        host.settings.set(sweepModel.option, v, fileSweep);
        if (!this.rows.length) this.startSweep();
      },
    });
    fixedBox.append(this.sweepControl.element);
    (this as { chart: SweepChart | null }).chart = new SweepChart(host.hostElement, inSentence(sweepModel.label, true));
    this.element = h('div', { class: 'compression' },
      h('h4', {}, t('widgets.sweep.heading')),
      h('p', { class: 'muted' }, t('widgets.sweep.help')),
      fixedBox,
      h('button', { type: 'button', class: 'secondary sweep', onclick: () => this.startSweep() }, t('widgets.sweep.run')),
      this.readout, this.chart!.chart.element);
    this.show();
  }

  get ready(): boolean {
    return this.rows.some(Boolean);
  }

  /** sweep() for event handlers: a failed sweep is already on the status line (runSpec shows
   *  it), and one cancelled by a newer run is no error; neither may be an unhandled rejection. */
  private startSweep(): void {
    this.sweep().catch(() => undefined);
  }

  /** Runs (or recalls) the sweep for the current variant and fixed settings. */
  async sweep(): Promise<void> {
    if (!this.sweepControl) return;
    const bits = this.fixed.find((f) => f.model.option.endsWith('quantize.bits'));
    const bitValue = bits && bits.select.value !== OFF ? Number(bits.select.value) : 0;
    const spec = sweepSpec(this.host.effectiveSpec(), this.selected(), this.sweepValues, bitValue);
    const key = JSON.stringify(spec) + this.host.dataKey();
    const known = this.sweeps.get(key);
    if (known) {
      this.rows = known;
      this.show();
      return;
    }
    const rows: (VariantRow | undefined)[] = new Array(this.sweepValues.length).fill(undefined);
    this.bitsOf.set(rows, bitValue);
    this.rows = rows;
    this.show();
    // Steps arrive faster than frames: the chart follows at most once a frame.
    const showLive = new FrameThrottle(() => this.rows === rows && this.show());
    await this.host.runSpec(spec, {
      onProgress: (p) => {
        if (p.stage !== 'variant' || !isTimed(p.data)) return;
        rows[p.done - 1] = p.data;
        showLive.request();
      },
      onResult: (result) => {
        showLive.cancel();
        const variants = (result.variants ?? []) as VariantRow[];
        variants.forEach((v, i) => { rows[i] = v; });
        this.scores.set(rows, scoreInfo(result, variants));
        this.sweeps.set(key, rows);
        if (this.rows === rows) this.show();
      },
    }, { part: 'sweep' }).catch((e: unknown) => {
      showLive.cancel();
      if (this.rows === rows) this.rows = [];
      this.show();
      throw e;
    });
  }

  private selected(): Json {
    const variants = compressible(this.host.effectiveSpec());
    return variants.find((v) => v.name === this.variant.value) ?? variants[0] ?? {};
  }

  /** The explorer's run finished: a chart without a sweep yet names its score. */
  scoreKnown(): void {
    if (!this.rows.length) this.show();
  }

  private show(): void {
    if (!this.sweepControl || !this.chart) return;
    const x = Number(this.sweepControl.value());
    this.chart.chart.element.hidden = !this.rows.length;
    const streamed = this.rows.filter((r): r is VariantRow => r !== undefined);
    const score = this.scores.get(this.rows) ?? (streamed.length ? scoreInfo(null, streamed) : this.host.score());
    this.chart.update(this.sweepValues, this.rows, x, score);
    const index = this.sweepValues.reduce((best, v, i) => (Math.abs(v - x) < Math.abs(this.sweepValues[best] - x) ? i : best), 0);
    const row = this.rows[index];
    const base = this.rows[0];
    if (!this.rows.length) {
      this.readout.textContent = t('widgets.sweep.before', {
        metric: score ? splitMetric('test', score.label) : t('widgets.sweep.testScore'), control: inSentence(this.sweepControl.model.label, true),
        from: formatValue(this.sweepValues[0]), to: formatValue(this.sweepValues.at(-1)),
      });
    } else if (!row) {
      this.readout.textContent = t('widgets.sweep.training');
    } else {
      const rowScore = score ?? scoreInfo(null, streamed);
      const bits = this.bitsOf.get(this.rows) ?? 0;
      const label = (i: number) => sweepLabel(this.sweepValues[i], bits);
      const change = base && base !== row && row.score !== null && base.score !== null
        ? t('widgets.sweep.change', { change: formatChange(rowScore.name, row.score - base.score), points: rowScore.name === 'accuracy' ? 'yes' : 'no', base: label(0) }) : '';
      const size = base && base !== row ? t('widgets.sweep.sizeShare', { share: percent(row.size_bytes / base.size_bytes, 0), base: label(0) }) : '';
      this.readout.textContent = t('widgets.sweep.row', {
        name: label(index), score: scoreText(rowScore, row.score), change, size: formatBytes(row.size_bytes), sizeShare: size,
        nonzero: whole(row.nonzero), parameters: whole(row.parameters), latency: formatMicros(row.latency.single_median_us),
      });
    }
    this.chart.chart.describe(this.readout.textContent);
  }
}

