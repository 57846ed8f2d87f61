// The learner's progress on the lesson page: the store's notice (saved progress unreadable, a
// save that failed, e.g. a full storage) kept current as saves fail and work again, and in the
// footer "Download my progress" (a JSON file) and "Load progress from a file" (merged into
// the progress here; a bad file changes nothing and says what is wrong with it).
import { h, nextId } from '../dom.ts';
import { onLocaleChange, t } from '../i18n/i18n.ts';
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
  onLocaleChange(() => show(store.notice));  // its words follow the page's language
  return line;
}

export function describeImport(fileName: string, s: ImportSummary): string {
  const parts = [t('lesson.progressMenu.fromFile', { count: s.fromFile })];
  if (s.keptHere) parts.push(t('lesson.progressMenu.keptHere', { count: s.keptHere }));
  if (s.widgets) parts.push(t('lesson.progressMenu.widgets', { count: s.widgets }));
  if (s.dropped) parts.push(t('lesson.progressMenu.dropped', { count: s.dropped }));
  return t('lesson.progressMenu.loaded', { name: fileName, parts: parts.join('; ') });
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
        throw new Error(t('lesson.progressMenu.tooBig', { name: picked.name, megabytes: Math.round(picked.size / 1048576) }));
      }
      const summary = store.importFile(await picked.text(), picked.name);
      loaded(describeImport(picked.name, summary));
    } catch (e) {
      message.textContent = t('lesson.progressMenu.nothingLoaded', { message: (e as Error).message });
    } finally {
      file.value = '';  // the same file can be picked again
    }
  };
  file.addEventListener('change', () => void load());
  return h('details', { class: 'progress-menu' },
    h('summary', {}, t('lesson.progressMenu.summary')),
    h('p', { class: 'small muted' }, t('lesson.progressMenu.about')),
    h('p', {}, h('button', { type: 'button', class: 'button secondary download-progress', onclick: download }, t('lesson.progressMenu.download'))),
    h('p', { class: 'progress-load' }, h('label', { for: fileId }, t('lesson.progressMenu.load')), ' ', file),
    h('p', { class: 'small muted', id: helpId }, t('lesson.progressMenu.loadHelp')),
    message);
}
