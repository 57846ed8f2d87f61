// The frame inside a widget element's shadow root: title, description, the toolbar (data
// source, seed, run, share), the progress bar with cancel, a status line, and the body where
// each widget draws its own screen. The element drives it; it holds no run state.
import { h, nextId } from '../dom.ts';
import { t } from './widget-i18n.ts';
import type { Progress } from '../runtime/engine-api.ts';
import { fixed, significant } from './model/locale-number.ts';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import css from './widget.css?inline';

let sheet: CSSStyleSheet | null = null;
/** One constructed stylesheet shared by every widget (allowed by a CSP without 'unsafe-inline'). */
function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${uplotCss}\n${css}`);
  }
  return sheet;
}

export interface WidgetActions {
  run(): void;
  cancel(): void;
  seedChanged(seed: number): void;
  share(): void;
}

/** The run stages the engine reports, worded (another stage shows its own name). */
const STAGES = new Set(['train', 'path', 'cv', 'variant', 'experiment', 'timing']);

export function progressLabel(p: Progress | null): string {
  if (!p) return t('widgets.progress.starting');
  // Step counts stay ungrouped ("60 of 5000"): a counter that gains a separator at 1000 jumps.
  const stage = STAGES.has(p.stage) ? t(`widgets.progress.stage.${p.stage}`)
    : p.stage ? p.stage[0].toUpperCase() + p.stage.slice(1) : t('widgets.progress.working');
  const data = (p.data ?? {}) as { lambda?: unknown; nonzero?: unknown; name?: unknown; epoch?: unknown; val_loss?: unknown; rows?: unknown };
  if (p.stage === 'read') return typeof data.rows === 'number' ? t('widgets.progress.read', { rows: data.rows }) : t('widgets.progress.reading');
  if (p.stage === 'fit') return t('widgets.progress.fit');
  let detail = '';
  if (p.stage === 'path' && typeof data.lambda === 'number') detail = t('widgets.progress.pathDetail', { lambda: significant(data.lambda, 2), nonzero: Number(data.nonzero) });
  else if (p.stage === 'train' && typeof data.val_loss === 'number') detail = t('widgets.progress.trainDetail', { loss: fixed(data.val_loss, 3) });
  else if ((p.stage === 'variant' || p.stage === 'experiment') && typeof data.name === 'string') detail = `: ${data.name}`;
  return p.total > 0 ? t('widgets.progress.step', { stage, done: String(p.done), total: String(p.total), detail }) : t('widgets.progress.stageOnly', { stage });
}

export class WidgetView {
  private readonly title = h('h3', {});
  private readonly description = h('p', { class: 'muted' });
  private readonly runButton = h('button', { type: 'button', class: 'run', disabled: true });
  /** "Copy link": a link to a file that did not load, or that the engine refused, would share nothing. */
  private readonly shareButton = h('button', { type: 'button', class: 'share secondary', disabled: true });
  private readonly cancelButton = h('button', { type: 'button', class: 'cancel secondary' });
  private readonly seedLabel = h('label', {});
  private running = false;
  private readonly seed = h('input', { type: 'number', step: 1, inputmode: 'numeric' });
  private readonly progressRow = h('div', { class: 'progress-row', hidden: true });
  private readonly progress = h('progress', { max: 1 });
  private readonly progressText = h('span', { class: 'progress-text' });
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly notice = h('p', { class: 'notice', role: 'alert', hidden: true });
  /** What the last run left out of the data (result.warnings), beside its result. */
  private readonly warnings = h('ul', { class: 'warnings', hidden: true });
  /** Where the data-source picker goes (filled by the element). */
  readonly dataSlot = h('div', { class: 'data-slot' });
  /** The widget's own screen. */
  readonly body = h('div', { class: 'body' });
  private readonly output = h('div', { class: 'output' });
  private readonly frame: HTMLElement;

  constructor(root: ShadowRoot, actions: WidgetActions) {
    root.adoptedStyleSheets = [widgetSheet()];
    const titleId = nextId('widget-title');
    this.title.id = titleId;
    const seedId = nextId('widget-seed');
    this.seed.id = seedId;
    this.seedLabel.htmlFor = seedId;
    this.runButton.addEventListener('click', () => actions.run());
    this.seed.addEventListener('change', () => {
      const value = Number(this.seed.value);
      if (Number.isInteger(value) && this.seed.checkValidity()) actions.seedChanged(value);
    });
    this.cancelButton.addEventListener('click', () => actions.cancel());
    this.shareButton.addEventListener('click', () => actions.share());
    this.progressRow.append(this.progress, this.progressText, this.cancelButton);
    root.append(this.frame = h('section', { class: 'widget', 'aria-labelledby': titleId, 'data-loading': '' },
      this.title, this.description, this.dataSlot,
      h('div', { class: 'controls toolbar' },
        this.seedLabel, this.seed, this.runButton, this.shareButton),
      // The progress bar lies over the status line (one place, both always laid out), so
      // neither a run's start nor its end moves the screen under them.
      this.notice, h('div', { class: 'run-line' }, this.progressRow, this.status), this.warnings, this.body, this.output));
    this.localize();
  }

  /** Words the frame's own parts in the active locale (the element calls it again once its
   *  language is known). */
  localize(): void {
    this.progress.setAttribute('aria-label', t('widgets.frame.progress'));
    this.warnings.setAttribute('aria-label', t('widgets.frame.warnings'));
    this.seedLabel.textContent = t('widgets.frame.seed');
    this.shareButton.textContent = t('widgets.frame.share');
    this.cancelButton.textContent = t('widgets.frame.cancel');
    this.setRunning(this.running);
  }

  /** The frame's contents are hidden (their places kept) until the widget file's title,
   *  description and data picker are in place, or an error says why they are not: painted
   *  earlier, the toolbar and status would be pushed down in view when they arrive. */
  reveal(): void { delete this.frame.dataset.loading; }

  setTitle(text: string): void { this.title.textContent = text; }
  setDescription(text: string): void {
    this.description.textContent = text;
    this.description.hidden = !text;
  }
  setSeed(seed: number | undefined): void { this.seed.value = seed === undefined ? '' : String(seed); }
  /** The seed's range, as the engine declares split.seed. */
  setSeedRange(min: number, max: number): void {
    this.seed.min = String(min);
    this.seed.max = String(max);
  }
  /** Whether the loaded file can run (and so be shared). */
  setReady(ready: boolean): void {
    this.runButton.disabled = !ready;
    this.shareButton.disabled = !ready;
  }
  setRunning(running: boolean): void {
    this.running = running;
    this.runButton.textContent = t(running ? 'widgets.frame.runAgain' : 'widgets.frame.run');
  }
  setRunLabel(text: string): void { this.runButton.textContent = text; }

  setStatus(text: string): void {
    this.status.classList.remove('error');
    this.status.textContent = text;
  }

  /** Clears the status line if it shows an error (a status that is not one stays). */
  clearError(): void {
    if (this.status.classList.contains('error')) this.setStatus('');
  }

  showError(text: string): void {
    this.reveal();
    this.status.classList.add('error');
    this.status.textContent = text;
  }

  /** A lasting message (e.g. settings of a link that were not valid), apart from the run status. */
  showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = !text;
  }

  /** The run's warnings as `field: message` items; an empty list hides them. */
  showWarnings(list: { field: string; message: string }[]): void {
    this.warnings.replaceChildren(...list.map((w) => h('li', {}, w.field ? `${w.field}: ${w.message}` : w.message)));
    this.warnings.hidden = !list.length;
  }

  showProgress(p: Progress | null): void {
    this.progressRow.hidden = false;
    // The data read is a step before the run's own steps: the bar stays indeterminate until those report.
    if (p && p.total > 0 && p.stage !== 'read') {
      this.progress.max = p.total;
      this.progress.value = p.done;
    } else {
      this.progress.removeAttribute('value');  // indeterminate until the first step reports
    }
    this.progressText.textContent = progressLabel(p);
  }

  hideProgress(): void { this.progressRow.hidden = true; }

  clearResult(): void { this.output.replaceChildren(); }

  /** Generic result (tables) below the body, for widget files without a screen of their own. */
  showResult(content: HTMLElement | null, status: string): void {
    this.output.replaceChildren(...(content ? [content] : []));
    this.setStatus(status);
  }
}
