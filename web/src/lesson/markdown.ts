// The lesson body: Markdown rendered by marked, sanitized by DOMPurify into a fragment, then
// headings get the engine's anchors (so links are the same natively and on the web) and a
// visible "#" link. Raw HTML in lessons is allowed only as far as DOMPurify's safe set goes.
import DOMPurify, { type Config } from 'dompurify';
import { Marked } from 'marked';
import { t } from '../i18n/i18n.ts';
import { type Section, slug } from './lesson-model.ts';

const marked = new Marked({ gfm: true, async: false });

const PURIFY = {
  RETURN_DOM_FRAGMENT: true,
  // Forms, frames and embedded documents have no place in lesson prose; style attributes
  // would be refused by the CSP anyway; ids are set below from the engine's anchors.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'id', 'name', 'srcset'],
  ALLOW_DATA_ATTR: false,
} satisfies Config;

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement && node.hasAttribute('href')) {
      const url = new URL(node.getAttribute('href')!, document.baseURI);
      if (url.origin !== location.origin) node.setAttribute('rel', 'noopener noreferrer');
      node.removeAttribute('target');
    }
  });
}

/** Images from other hosts would break the page's CSP (img-src 'self'): link them instead. */
function linkForeignImages(root: DocumentFragment): void {
  for (const img of [...root.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? '';
    const url = src ? new URL(src, document.baseURI) : null;
    if (url && url.origin === location.origin) {
      img.setAttribute('loading', 'lazy');
      continue;
    }
    const link = document.createElement('a');
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
      link.href = url.href;
      link.rel = 'noopener noreferrer';
    }
    link.textContent = t('lesson.image', { alt: img.getAttribute('alt') || t('lesson.image.external') });
    img.replaceWith(link);
  }
}

export interface RenderedHeading { level: number; title: string; id: string; element: HTMLHeadingElement }

/** Gives each heading an id (the engine's anchor for the matching section) and a "#" link. */
export function anchorHeadings(root: ParentNode, sections: readonly Section[], used = new Set<string>()): RenderedHeading[] {
  const pending = [...sections];
  const headings: RenderedHeading[] = [];
  for (const element of root.querySelectorAll<HTMLHeadingElement>('h1, h2, h3, h4, h5, h6')) {
    const title = (element.textContent ?? '').trim();
    const match = pending.findIndex((s) => s.title.trim() === title);
    let id = match >= 0 && pending[match].anchor ? pending[match].anchor : slug(title);
    if (match >= 0) pending.splice(0, match + 1);
    for (let n = 2; used.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    used.add(id);
    element.id = id;
    const link = document.createElement('a');
    link.className = 'heading-anchor';
    link.href = `#${id}`;
    link.setAttribute('aria-label', t('lesson.anchor', { title }));
    link.textContent = '#';
    element.append(' ', link);
    headings.push({ level: Number(element.tagName[1]), title, id, element });
  }
  return headings;
}

/** Markdown → sanitized DOM fragment. Nothing in `markdown` can run script. */
export function renderMarkdown(markdown: string): DocumentFragment {
  hookLinks();
  const html = marked.parse(markdown) as string;
  const fragment = DOMPurify.sanitize(html, PURIFY);
  linkForeignImages(fragment);
  return fragment;
}

