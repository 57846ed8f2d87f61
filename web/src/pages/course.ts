// index.html: the course page, listing the lessons of lessons/index.json.
import '../styles/site.css';
import { h } from '../dom.ts';
import { lessonHref } from '../lesson/lesson-header.ts';
import { loadCatalog, loadParsedIndex } from '../lesson/lesson-source.ts';
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { registerOfflineSupport } from '../offline/register.ts';

registerOfflineSupport();

async function main(): Promise<void> {
  const list = document.getElementById('catalog')!;
  const siteRoot = new URL('./', document.baseURI);
  // The build's parse of the catalog normally answers; the engine starts only if the file changed.
  const catalog = await loadCatalog(siteRoot, loadParsedIndex(siteRoot), (text, filename) => sharedEngineClient().call('parseCatalog', [text, filename]));
  if (!catalog.length) {
    list.replaceChildren(h('p', { class: 'notice' }, 'The lesson list could not be loaded. The featured lesson above still works.'));
    return;
  }
  list.replaceChildren(h('ol', { class: 'catalog' }, ...catalog.map((entry) => {
    const title = entry.available ? h('a', { href: lessonHref(entry.id) }, entry.title) : h('span', {}, entry.title);
    return h('li', { class: `catalog-entry${entry.available ? '' : ' unavailable'}` },
      h('h3', {}, title),
      h('p', { class: 'lesson-meta' },
        entry.duration_min !== null ? h('span', { class: 'duration' }, `${entry.duration_min} min`) : null,
        ...entry.tags.map((tag) => h('span', { class: 'tag' }, tag)),
        entry.available ? null : h('span', { class: 'badge' }, 'coming soon')));
  })));
}

void main();
