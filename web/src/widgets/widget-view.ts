// The DOM inside a widget element's shadow root: title, description, controls, progress bar
// with cancel, a status line and the result. The element drives it; it holds no run state.
import { h, nextId } from '../dom.ts';
import type { Progress } from '../runtime/engine-api.ts';
import css from './widget.css?inline';

let sheet: CSSStyleSheet | null = null;
/** One constructed stylesheet shared by every widget (allowed by a CSP without 'unsafe-inline'). */
function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

export interface WidgetActions {
  run(): void;
  cancel(): void;
  seedChanged(seed: number): void;
}

export function progressLabel(p: Progress | null): string {
  if (!p) return 'Starting…';
  const stage = p.stage === 'train' ? 'Training' : p.stage ? p.stage[0].toUpperCase() + p.stage.slice(1) : 'Working';
  return p.total > 0 ? `${stage}: ${p.done} of ${p.total}` : `${stage}…`;
}

export class WidgetView {
  private readonly title = h('h3', {});
  private readonly description = h('p', { class: 'muted' });
  private readonly runButton = h('button', { type: 'button', class: 'run', disabled: true }, 'Run experiment');
  private readonly seed = h('input', { type: 'number', min: 0, max: 4294967295, step: 1, inputmode: 'numeric' });
  private readonly progressRow = h('div', { class: 'progress-row', hidden: true });
  private readonly progress = h('progress', { max: 1 });
  private readonly progressText = h('span', { class: 'progress-text' });
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly output = h('div', { class: 'output' });

  constructor(root: ShadowRoot, actions: WidgetActions) {
    root.adoptedStyleSheets = [widgetSheet()];
    const titleId = nextId('widget-title');
    this.title.id = titleId;
    const seedId = nextId('widget-seed');
    this.seed.id = seedId;
    this.progress.setAttribute('aria-label', 'Run progress');
    this.runButton.addEventListener('click', () => actions.run());
    this.seed.addEventListener('change', () => {
      const value = Number(this.seed.value);
      if (Number.isInteger(value) && value >= 0) actions.seedChanged(value);
    });
    const cancel = h('button', { type: 'button', class: 'cancel secondary', onclick: () => actions.cancel() }, 'Cancel');
    this.progressRow.append(this.progress, this.progressText, cancel);
    root.append(h('section', { class: 'widget', 'aria-labelledby': titleId },
      this.title, this.description,
      h('div', { class: 'controls' },
        h('label', { for: seedId }, 'Data split seed'), this.seed, this.runButton),
      this.progressRow, this.status, this.output));
  }

  setTitle(text: string): void { this.title.textContent = text; }
  setDescription(text: string): void {
    this.description.textContent = text;
    this.description.hidden = !text;
  }
  setSeed(seed: number | undefined): void { this.seed.value = seed === undefined ? '' : String(seed); }
  setReady(ready: boolean): void { this.runButton.disabled = !ready; }
  setRunning(running: boolean): void { this.runButton.textContent = running ? 'Run again' : 'Run experiment'; }

  setStatus(text: string): void {
    this.status.classList.remove('error');
    this.status.textContent = text;
  }

  showError(text: string): void {
    this.status.classList.add('error');
    this.status.textContent = text;
  }

  showProgress(p: Progress | null): void {
    this.progressRow.hidden = false;
    if (p && p.total > 0) {
      this.progress.max = p.total;
      this.progress.value = p.done;
    } else {
      this.progress.removeAttribute('value');  // indeterminate until the first step reports
    }
    this.progressText.textContent = progressLabel(p);
  }

  hideProgress(): void { this.progressRow.hidden = true; }

  clearResult(): void { this.output.replaceChildren(); }

  showResult(content: HTMLElement, status: string): void {
    this.output.replaceChildren(content);
    this.setStatus(status);
  }
}
