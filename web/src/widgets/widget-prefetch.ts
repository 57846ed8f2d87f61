// Widget files a page knows it will show before their elements exist (the lesson page knows its
// widgets once the lesson is parsed, before it renders): fetched at once, and handed to the
// element that asks for the same URL first.
const started = new Map<string, Promise<Response>>();

export function prefetchWidgetFile(url: URL): void {
  if (started.has(url.href)) return;
  const response = fetch(url);
  response.catch(() => undefined);  // an element that takes it reports the failure
  started.set(url.href, response);
}

/** The prefetched response for `url` (once), else a new fetch. */
export function fetchWidgetFile(url: URL): Promise<Response> {
  const response = started.get(url.href);
  started.delete(url.href);
  return response ?? fetch(url);
}

/** A widget file the page has read already (widget.html reads it for its type): the element
 *  that asks for `url` first takes these bytes instead of fetching them again. */
export function offerWidgetFile(url: URL, text: string): void {
  started.set(url.href, Promise.resolve(new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } })));
}
