// "Use your own CSV": the learner picks a file and its target column; the widget then runs the
// same experiments on it. The file stays in the page (it is never uploaded) and is not put in
// links. The engine reads it first (previewCsv, in the worker: the page never parses the file)
// and its verdict is shown here with file:line:col, as are bytes that are not UTF-8 (read as
// text they would be replaced silently); what only a run finds (a constant feature) comes
// through the widget's status line.
import { h, nextId } from '../dom.ts';
import { t } from './widget-i18n.ts';
import { describeEngineError } from '../runtime/engine-api.ts';
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { InvalidUtf8Error, decodeUtf8 } from '../text-file.ts';
import { EXAMPLE_DATA, type ExampleData } from './model/example-data.ts';
import type { CustomDataset } from './model/experiments.ts';
import { type CsvPreview, targetLabel, targetProblem } from './model/csv-target.ts';
import { whole } from './model/locale-number.ts';

/** Larger files are refused before reading: the engine's own limits are far below this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface CustomDataActions {
  use(data: CustomDataset): void;
  reset(): void;
  /** The learner picked another file or example: what was said about the last one is over. */
  picked?(): void;
  /** The text of an example table (fetched relative to the widget file). */
  fetchExample(example: ExampleData): Promise<string>;
}

export class CustomDataView {
  readonly element: HTMLElement;
  private readonly summary = h('summary', {});
  private readonly file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'csv-file' });
  private readonly target = h('select', { class: 'csv-target', disabled: true });
  private readonly useButton = h('button', { type: 'button', class: 'use-data', disabled: true }, t('widgets.data.runOnFile'));
  private readonly resetButton = h('button', { type: 'button', class: 'secondary reset-data', hidden: true }, t('widgets.data.backToLesson'));
  private readonly message = h('p', { class: 'data-message', role: 'alert' });
  private preview: CsvPreview | null = null;
  private text = '';
  private name = '';
  /** Counts the files picked, so an older file's late preview is dropped. */
  private picks = 0;

  constructor(private readonly lessonDataName: string, private readonly actions: CustomDataActions) {
    const fileId = nextId('csv-file');
    const targetId = nextId('csv-target');
    this.file.id = fileId;
    this.target.id = targetId;
    this.file.addEventListener('change', () => void this.read());
    this.target.addEventListener('change', () => this.checkTarget());
    this.useButton.addEventListener('click', () => this.use());
    this.resetButton.addEventListener('click', () => this.reset());
    this.element = h('details', { class: 'data-source' }, this.summary,
      h('div', { class: 'controls' },
        h('label', { for: fileId }, t('widgets.data.file')), this.file,
        h('label', { for: targetId }, t('widgets.data.target')), this.target,
        this.useButton, this.resetButton),
      h('div', { class: 'controls examples' }, h('span', {}, t('widgets.data.tryExample')),
        ...EXAMPLE_DATA.map((example) => {
          const button = h('button', { type: 'button', class: 'secondary use-example' }, t(example.title));
          button.addEventListener('click', () => void this.useExample(example));
          return button;
        })),
      h('p', { class: 'muted' }, t('widgets.data.help')),
      this.message);
    this.showSource(null);
  }

  /** Shows which data the runs use. */
  showSource(custom: CustomDataset | null): void {
    this.summary.textContent = custom
      ? t('widgets.data.summaryCustom', { name: custom.name, source: custom.example ? 'example' : 'file', target: custom.target })
      : t('widgets.data.summaryLesson', { name: this.lessonDataName });
    this.resetButton.hidden = !custom;
  }

  /** A problem with the learner's file, shown by the picker (e.g. the engine refused it). */
  showProblem(text: string): void {
    this.element.setAttribute('open', '');
    this.message.classList.remove('ok');
    this.message.textContent = text;
  }

  private async read(): Promise<void> {
    const file = this.file.files?.[0];
    this.clearPick();
    if (!file) return;
    await this.preview_(++this.picks, file.name, async () => {
      if (file.size > MAX_FILE_BYTES) throw new Error(t('widgets.data.tooLarge', { name: file.name, size: whole(file.size / 1048576), limit: whole(MAX_FILE_BYTES / 1048576) }));
      return decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name, t('widgets.data.utf8Hint'));
    });
  }

  /** An example table: read and checked by the engine like a learner's file, then run at once. */
  private async useExample(example: ExampleData): Promise<void> {
    this.file.value = '';
    this.clearPick();
    this.element.setAttribute('open', '');
    const pick = ++this.picks;
    const name = example.csv.split('/').pop()!;
    if (!(await this.preview_(pick, name, () => this.actions.fetchExample(example)))) return;
    this.target.value = example.target;
    this.checkTarget();
    this.use(true);
  }

  /** A new pick: nothing said about the previous file stays, here or in the widget's status. */
  private clearPick(): void {
    this.actions.picked?.();
    this.preview = null;
    this.target.replaceChildren();
    this.target.disabled = true;
    this.useButton.disabled = true;
    this.message.textContent = '';
    this.message.classList.remove('ok');
  }

  /** Reads a table through the engine's preview; false (with the reason shown) if it failed or a newer pick came. */
  private async preview_(pick: number, fileName: string, readText: () => Promise<string>): Promise<boolean> {
    let preview: CsvPreview;
    try {
      const text = await readText();
      const answer = await sharedEngineClient().call('previewCsv', [text, fileName]);
      if (pick !== this.picks) return false;
      if (!answer.ok) throw new Error(describeEngineError(answer.error));
      preview = (answer as unknown as { preview: CsvPreview }).preview;
      this.text = text;
      this.name = fileName.replace(/[^A-Za-z0-9._-]+/g, '_') || 'data.csv';
    } catch (e) {
      if (pick === this.picks) {
        this.message.classList.remove('ok');
        this.message.textContent = e instanceof InvalidUtf8Error ? e.message : (e as Error).message;
      }
      return false;
    }
    this.preview = preview;
    const names = preview.columns.map((c) => c.name);
    this.target.append(...preview.columns.map((c) => h('option', { value: c.name }, targetLabel(c))));
    this.target.value = preview.targets.at(-1) ?? names.at(-1)!;
    this.target.disabled = false;
    this.checkTarget();
    return true;
  }

  private checkTarget(): void {
    if (!this.preview) return;
    const problem = targetProblem(this.preview, this.target.value);
    const column = this.preview.columns.find((c) => c.name === this.target.value);
    this.message.textContent = problem ?? t('widgets.data.shape', {
      rows: this.preview.rows, features: this.preview.columns.length - 1, task: column?.task ?? 'binary', classes: column?.classes ?? 2,
    });
    this.message.classList.toggle('ok', problem === null);
    this.useButton.disabled = problem !== null;
  }

  private use(example = false): void {
    if (!this.preview || targetProblem(this.preview, this.target.value)) return;
    const task = this.preview.columns.find((c) => c.name === this.target.value)?.task ?? undefined;
    this.actions.use({ name: this.name, text: this.text, target: this.target.value, task, ...(example ? { example } : {}) });
  }

  private reset(): void {
    this.picks++;
    this.file.value = '';
    this.preview = null;
    this.target.replaceChildren();
    this.target.disabled = true;
    this.useButton.disabled = true;
    this.message.textContent = '';
    this.actions.reset();
  }
}
