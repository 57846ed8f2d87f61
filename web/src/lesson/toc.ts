// The table of contents: the article's h2/h3 headings (the body's, plus the sections the page
// adds for the quiz, flashcards and reflection), linking to their anchors.
import { h } from '../dom.ts';

export const TOC_WIDE = '(min-width: 64rem)';

export function renderToc(article: HTMLElement): HTMLElement {
  const list = h('ul', {});
  let sublist: HTMLUListElement | null = null;
  for (const heading of article.querySelectorAll<HTMLHeadingElement>('h2[id], h3[id]')) {
    const title = [...heading.childNodes].filter((n) => !(n instanceof HTMLAnchorElement)).map((n) => n.textContent).join('').trim();
    const item = h('li', {}, h('a', { href: `#${heading.id}` }, title));
    if (heading.tagName === 'H2' || !list.lastElementChild) {
      list.append(item);
      sublist = null;
    } else {
      if (!sublist) {
        sublist = h('ul', {});
        list.lastElementChild.append(sublist);
      }
      sublist.append(item);
    }
  }
  // Open beside the text on wide screens; folded above it on narrow ones. Where no screen is known
  // (the site build's static page), open: the page's script folds it on a narrow screen.
  const wide = typeof matchMedia !== 'function' || matchMedia(TOC_WIDE).matches;
  return h('nav', { class: 'toc', 'aria-labelledby': 'toc-title' },
    h('details', { open: wide }, h('summary', { id: 'toc-title' }, 'Contents'), list));
}
