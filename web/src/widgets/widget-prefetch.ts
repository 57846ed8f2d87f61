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
