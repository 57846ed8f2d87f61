// The table of contents: the article's h2/h3 headings (the body's, plus the sections the page
// adds for the quiz, flashcards and reflection), linking to their anchors; on the live page the
// link of the section being read is marked (followCurrentSection).
import { h } from '../dom.ts';
import { locale, t } from '../i18n/i18n.ts';

export const TOC_WIDE = '(min-width: 64rem)';

export function renderToc(article: HTMLElement): HTMLElement {
  const list = h('ul', {});
  let sublist: HTMLUListElement | null = null;
  for (const heading of article.querySelectorAll<HTMLHeadingElement>('h2[id], h3[id]')) {
    const title = [...heading.childNodes].filter((n) => !(n instanceof HTMLAnchorElement)).map((n) => n.textContent).join('').trim();
    const link = h('a', { href: `#${heading.id}` }, title);
    // A heading of the author's text in another language than the page's keeps its `lang`.
    const lang = heading.closest('[lang]')?.getAttribute('lang');
    if (lang && lang !== locale()) link.lang = lang;
    const item = h('li', {}, link);
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
    h('details', { open: wide }, h('summary', { id: 'toc-title' }, t('lesson.toc')), list));
}

/** Sections whose heading is above this share of the window's height count as reached. */
const READING_LINE = 0.3;
/** How far above the window the observed area reaches: further than any lesson is long. */
const ABOVE_PX = 1_000_000;

/**
 * Marks the contents' link of the section being read (aria-current="location"), following the
 * scroll: the last section whose heading has passed the reading line near the top of the window
 * (none above the first heading). An IntersectionObserver reports headings crossing that line,
 * so scrolling costs nothing in between. Returns a function that stops it.
 */
export function followCurrentSection(toc: HTMLElement, article: HTMLElement): () => void {
  if (typeof IntersectionObserver !== 'function') return () => undefined;
  const byId = new Map([...article.querySelectorAll('h2[id], h3[id]')].map((el) => [el.id, el]));
  const links = new Map<Element, HTMLAnchorElement>();
  for (const link of toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    const heading = byId.get(decodeURIComponent(link.getAttribute('href')!.slice(1)));
    if (heading) links.set(heading, link);
  }
  const headings = [...links.keys()];
  const passed = new Set<Element>();
  const mark = () => {
    const current = headings.filter((el) => passed.has(el)).at(-1);
    for (const [heading, link] of links) {
      if (heading === current) link.setAttribute('aria-current', 'location');
      else link.removeAttribute('aria-current');
    }
  };
  // The observed area is everything above the reading line (the window's top 30%, stretched far
  // up): a heading is reported each time it crosses the line, either way, even in a jump
  // (a link, Page Down, the scroll bar) that skips past the window in one frame.
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) passed.add(entry.target);
      else passed.delete(entry.target);
    }
    mark();
  }, { rootMargin: `${ABOVE_PX}px 0px -${Math.round((1 - READING_LINE) * 100)}% 0px` });
  for (const heading of headings) observer.observe(heading);
  return () => observer.disconnect();
}
