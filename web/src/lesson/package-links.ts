// A lesson page packaged for an LMS (tools/lab pack --scorm; data-lab-package on <html>) is the
// only page of its package: the course page, the other lessons, a translation's page and a
// widget's own page are not in it. The packer unlinks the page as the build wrote it
// (tools/scorm/package-links.mjs); a packaged page that draws itself again (after a reset or a
// loaded progress file) passes what it drew through here, with the same outcome:
//   - the lesson's other languages: the list goes (nothing in it can be opened);
//   - "Open this widget on its own page": goes with its paragraph;
//   - any other link to a page of the site: its words stay, without the link.
// The page cannot see the package's file list, so here every link to another path of the site
// counts as leading out (a link to a packaged data file included): a dead link is worse than
// one that is only text.

/** Whether this page runs from a package (docs/lms.md). */
export const isPackaged = (doc: Document = document): boolean => doc.documentElement.hasAttribute('data-lab-package');

/** Attributes that only mean something on a link. */
const LINK_ONLY = new Set(['href', 'hreflang', 'rel', 'target', 'download', 'ping', 'referrerpolicy', 'type']);

/** Whether `a` opens another file of this site (not a place on this page, not another site). */
function leadsOut(a: HTMLAnchorElement): boolean {
  const href = a.getAttribute('href');
  if (href === null || href.startsWith('#')) return false;
  const url = new URL(href, a.ownerDocument.baseURI);
  // A blob: URL (a download) has the page's origin too, but is no file of the site.
  return /^https?:$/.test(url.protocol) && url.origin === location.origin && url.pathname !== location.pathname;
}

/** Unlinks, in `root`, every link that would lead out of the package (see above). */
export function unlinkOtherPages(root: ParentNode): void {
  for (const nav of root.querySelectorAll<HTMLElement>('nav.lesson-languages')) {
    const links = [...nav.querySelectorAll<HTMLAnchorElement>('a[href]')];
    if (links.length && links.every(leadsOut)) nav.remove();
  }
  for (const a of root.querySelectorAll<HTMLAnchorElement>('.lesson-widgets > p > a[href]')) {
    if (leadsOut(a)) a.parentElement!.remove();
  }
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (!leadsOut(a)) continue;
    const span = a.ownerDocument.createElement('span');
    for (const { name, value } of a.attributes) if (!LINK_ONLY.has(name)) span.setAttribute(name, value);
    span.append(...a.childNodes);
    a.replaceWith(span);
  }
}
