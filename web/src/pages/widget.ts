// widget.html?src=/widgets/x.json: one widget alone on a page, for <iframe> embeds.
// The widget file must come from this site (the iframe runs with this site's origin).
import '../styles/site.css';
import { h, setMetaDescription } from '../dom.ts';
import { markDocument, t, useLocale } from '../i18n/i18n.ts';
import { translatePage } from '../i18n/page-text.ts';
import { renderStoreNotice } from '../lesson/progress-menu.ts';
import { registerOfflineSupport } from '../offline/register.ts';
import { setSiteRoot, sharedEngineClient } from '../runtime/browser-engine.ts';
import { sharedLearnerStore } from '../state/learner-store.ts';
import { defineLabWidgets, widgetElement } from '../widgets/elements.ts';
import { offerWidgetFile, prefetchWidgetFile } from '../widgets/widget-prefetch.ts';

const siteRoot = new URL('./', document.baseURI);
setSiteRoot(siteRoot);
const engine = sharedEngineClient();
engine.start({ compileHere: true });  // engine.wasm downloads and compiles while the widget file loads
// ?lang= (a lesson page's link passes its locale on): the page and its widget speak it. The
// element is defined once the locale is in place (it reads <html lang> as it starts).
const localeReady = useLocale(new URLSearchParams(location.search).get('lang') ?? 'en').then((lang) => {
  markDocument(lang);
  if (lang !== 'en') translatePage(document);
  defineLabWidgets();
});

async function main(): Promise<void> {
  await localeReady;
  // The widget's settings are saved in the learner store, as on the lesson page: its notice
  // (saved progress unreadable, a save that failed) shows here too.
  document.getElementById('notices')!.append(renderStoreNotice(sharedLearnerStore()));
  const host = document.getElementById('widget-host')!;
  const query = new URLSearchParams(location.search);
  const src = query.get('src') ?? '';
  const url = src ? new URL(src.replace(/^\/(?!\/)/, ''), siteRoot) : null;
  if (!url || url.origin !== location.origin) {
    host.replaceChildren(h('p', { class: 'notice error', role: 'alert' }, t('page.widget.noSource', { example: '?src=/widgets/<name>.json' })));
    return;
  }
  // A type this page has an element for; the widget file's own type otherwise.
  const drawn = (type: string) => type !== '' && customElements.get(widgetElement(type)) !== undefined;
  let type = query.get('type') ?? '';
  if (!drawn(type)) {
    try {
      const response = await fetch(url);
      const text = await response.text();
      // The element reads the same bytes at once (no second request), so its title and
      // description are in place in its first frame.
      if (response.ok) offerWidgetFile(url, text);
      type = String(JSON.parse(text)?.widget?.type ?? '');
    } catch {
      type = '';
    }
  } else {
    prefetchWidgetFile(url);
  }
  const element = document.createElement(drawn(type) ? widgetElement(type) : widgetElement('optimization_lab'));
  element.setAttribute('src', url.href);
  element.setAttribute('url-state', 'on');  // our own page: settings go into its URL
  // The embedder's choice (an iframe's host page cannot set the element's attribute):
  // ?autorun=visible | load | off, as the attribute (widgets/autorun.ts); waits for Run without.
  const autorun = query.get('autorun');
  if (autorun !== null) element.setAttribute('autorun', autorun);
  const loaded = new Promise<void>((resolve) => element.addEventListener('lab-widget-load', (event) => {
    const { title, description } = (event as CustomEvent<{ widget: { title?: string; description?: string } }>).detail.widget ?? {};
    if (title) document.title = t('page.title', { title });
    // The widget file's own words, for a crawler that runs scripts (the page's stays otherwise).
    if (typeof description === 'string' && description.trim()) setMetaDescription(document, description.trim());
    resolve();
  }));
  host.replaceChildren(element);
  // A widget that cannot load never says so; the offline cache then waits for the page's load.
  await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

registerOfflineSupport({ ready: main(), engine });
