// A small element builder, so pages never assemble HTML strings: text goes in as text nodes,
// attributes through setAttribute, listeners through addEventListener. The only HTML that
// reaches the page is Markdown that DOMPurify has sanitized (lesson/markdown.ts).

type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
type Listener = (event: Event) => void;
export type Attrs = Record<string, AttrValue | Listener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

let uid = 0;
/** Unique ids for label/aria wiring within one document or shadow root. */
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A table that may be wider than the screen, in a scroller the keyboard can reach: a region
 *  in the tab order named by the table's caption (WCAG 2.1.1; axe's scrollable-region-focusable). */
export function tableScroller(table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': table.caption?.textContent || 'Table', tabindex: 0 }, table);
}

/** Sets the document's meta description (search results show it), adding the element if the
 *  page has none. */
export function setMetaDescription(doc: Document, text: string): void {
  let meta = doc.head.querySelector<HTMLMetaElement>('meta[name="description"]');
  if (!meta) {
    meta = doc.createElement('meta');
    meta.name = 'description';
    const title = doc.querySelector('head > title');
    if (title) title.before(meta);
    else doc.head.append(meta);
  }
  meta.content = text;
}
