// The learner's progress on the lesson page: the store's notice (saved progress unreadable, a
// save that failed, e.g. a full storage) kept current as saves fail and work again, and in the
// footer "Download my progress" (a JSON file) and "Load progress from a file" (merged into
// the progress here; a bad file changes nothing and says what is wrong with it).
import { h, nextId } from '../dom.ts';
import type { ImportSummary, LearnerStore } from '../state/learner-store.ts';
import { downloadText } from '../widgets/export.ts';

/** Progress files are small (a few KB per lesson); anything this big is not one. */
const MAX_PROGRESS_FILE_BYTES = 10 * 1024 * 1024;

/** A notice line that shows the store's notice now and whenever it changes. */
export function renderStoreNotice(store: LearnerStore): HTMLElement {
  const line = h('p', { class: 'notice store-notice', role: 'status' });
  const show = (notice: string | null) => {
    line.textContent = notice ?? '';
    line.hidden = !notice;
  };
  show(store.notice);
  store.onNotice(show);
  return line;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeImport(fileName: string, s: ImportSummary): string {
  const parts = [`${plural(s.fromFile, 'lesson')} taken from the file`];
  if (s.keptHere) parts.push(`${plural(s.keptHere, 'lesson')} kept as saved here (changed more recently here)`);
  if (s.widgets) parts.push(`settings of ${plural(s.widgets, 'widget')}`);
  if (s.dropped) parts.push(`${plural(s.dropped, 'entry', 'entries')} of the wrong shape skipped`);
  return `Loaded your progress from ${fileName}: ${parts.join('; ')}.`;
}

/**
 * "Your progress": download it, or load a file. `loaded` gets a sentence saying what loading
 * changed (the page then redraws the lesson from the store).
 */
export function renderProgressMenu(store: LearnerStore, loaded: (message: string) => void): HTMLElement {
  const fileId = nextId('progress-file');
  const helpId = nextId('progress-help');
  const file = h('input', { type: 'file', id: fileId, class: 'progress-file', accept: '.json,application/json', 'aria-describedby': helpId });
  const message = h('p', { class: 'progress-message', role: 'alert' });
  const download = () => {
    const day = new Date().toISOString().slice(0, 10);
    downloadText(store.exportFile(), `ml-lab-progress-${day}.json`, 'application/json');
  };
  const load = async () => {
    const picked = file.files?.[0];
    message.textContent = '';
    if (!picked) return;
    try {
      if (picked.size > MAX_PROGRESS_FILE_BYTES) {
        throw new Error(`${picked.name}: not a progress file (${(picked.size / 1048576).toFixed(0)} MB; progress files are a few KB)`);
      }
      const summary = store.importFile(await picked.text(), picked.name);
      loaded(describeImport(picked.name, summary));
    } catch (e) {
      message.textContent = `Nothing was loaded. ${(e as Error).message}`;
    } finally {
      file.value = '';  // the same file can be picked again
    }
  };
  file.addEventListener('change', () => void load());
  return h('details', { class: 'progress-menu' },
    h('summary', {}, 'Your progress: download it or load it from a file'),
    h('p', { class: 'small muted' }, 'Your answers, cards, reflections and widget settings are saved in this browser only. Download them to keep a copy or to continue on another device.'),
    h('p', {}, h('button', { type: 'button', class: 'button secondary download-progress', onclick: download }, 'Download my progress')),
    h('p', { class: 'progress-load' }, h('label', { for: fileId }, 'Load progress from a file'), ' ', file),
    h('p', { class: 'small muted', id: helpId }, 'Loading adds the file to your progress here: for each lesson, the more recently saved progress is kept.'),
    message);
}
