// The words of a page's own HTML (web/*.html) in the page's locale. The HTML is written in
// English, each translatable text marked with its catalog key: `data-i18n="key"` for the
// element's text, `data-i18n-ATTR="key"` for an attribute (content, aria-label, …). An English
// page is left as it is (no work, nothing moves); another locale's text replaces it.
import { t } from './i18n.ts';

const PREFIX = 'data-i18n';

/** Puts the active locale's messages into every marked element under `root`. */
export function translatePage(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    for (const attr of [...el.attributes]) {
      if (!attr.name.startsWith(PREFIX)) continue;
      if (attr.name === PREFIX) el.textContent = t(attr.value);
      else el.setAttribute(attr.name.slice(PREFIX.length + 1), t(attr.value));
    }
  }
}

/** The message with some values as nodes (a link, an author's words in their own `lang`): the
 *  text parts and the nodes in the order the locale's message puts them. */
export function tNodes(key: string, values: Record<string, string | number>, nodes: Record<string, Node | string>): (Node | string)[] {
  const names = Object.keys(nodes);
  // Private-use marks stand in for the nodes; no message or value contains them.
  const marks = Object.fromEntries(names.map((name, i) => [name, String.fromCharCode(0xe000 + i)]));
  const text = t(key, { ...values, ...marks });
  const out: (Node | string)[] = [];
  let rest = text;
  for (;;) {
    const at = [...rest].findIndex((c) => c.charCodeAt(0) >= 0xe000 && c.charCodeAt(0) < 0xe000 + names.length);
    if (at < 0) break;
    const chars = [...rest];
    if (at) out.push(chars.slice(0, at).join(''));
    out.push(nodes[names[chars[at].charCodeAt(0) - 0xe000]]);
    rest = chars.slice(at + 1).join('');
  }
  if (rest) out.push(rest);
  return out;
}
