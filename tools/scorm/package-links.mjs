// The packaged copy of a lesson page keeps no link that leads out of the package (pack-scorm.mjs).
// Inside an LMS the package is all there is: the course page, the other lessons, a translation's
// page and a widget's own page are not in it, and a link to them would open a dead page in the
// LMS's frame. What the learner sees instead depends on the link:
//   - the lesson's other languages (nav.lesson-languages): the whole list goes when none of its
//     pages is packaged: "Also in: Deutsch" with nothing to open only invites a dead click;
//   - "Open this widget on its own page" (the paragraph after each widget): goes with its
//     paragraph; the widget is right there;
//   - any other link (the brand/home link, previous/next lesson, prerequisites, an author's link
//     to another page of the site): its words stay, as a <span> with the link's classes and
//     language, without the href; "Next lesson: X" still tells the learner what comes next.
// Fragment links (the contents, "#" anchors) and absolute links to other sites stay as they are.
// The page is parsed and written back by jsdom, which wrote it in the first place
// (web/scripts/static-lessons.mjs), so the rest of it comes out as it went in.
import { posix } from 'node:path';
import { JSDOM } from 'jsdom';

/** What `href` in the page `from` names in the package, or null when it is not a reference to a
 *  file by a relative or root path (another site, a fragment, mailto:, …). */
export function packagePath(from, href) {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href)) return null;
  const clean = href.split(/[?#]/)[0];
  if (!clean) return null;  // "?x" or "" is the page itself
  const base = clean.startsWith('/') ? '' : posix.dirname(from);
  return posix.normalize(posix.join(base, clean.replace(/^\/+/, '')));
}

/** Attributes that only mean something on a link. */
const LINK_ONLY = ['href', 'hreflang', 'rel', 'target', 'download', 'ping', 'referrerpolicy', 'type'];

/**
 * `html` (the page at `page` in the package) with every link to a file not in `files` unlinked as
 * described above.
 */
export function unlinkOutside(html, page, files) {
  const inPackage = new Set(files);
  // Text after </html> would be parsed into <body>: it is put back after the page instead.
  const dom = new JSDOM(html.trimEnd());
  const doc = dom.window.document;
  const leadsOut = (a) => {
    const path = packagePath(page, a.getAttribute('href') ?? '');
    return path !== null && !inPackage.has(path);
  };
  for (const nav of doc.querySelectorAll('nav.lesson-languages')) {
    const links = [...nav.querySelectorAll('a[href]')];
    if (links.length && links.every(leadsOut)) nav.remove();
  }
  for (const a of doc.querySelectorAll('.lesson-widgets > p > a[href]')) {
    if (leadsOut(a)) a.parentElement.remove();
  }
  for (const a of doc.querySelectorAll('a[href]')) {
    if (!leadsOut(a)) continue;
    const span = doc.createElement('span');
    for (const { name, value } of a.attributes) if (!LINK_ONLY.includes(name)) span.setAttribute(name, value);
    span.append(...a.childNodes);
    a.replaceWith(span);
  }
  return dom.serialize() + html.slice(html.trimEnd().length);
}
