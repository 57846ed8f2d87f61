// Finds a SCORM 1.2 LMS's API object the way the standard (ADL's run-time environment) says a
// SCO looks for it: `API` in this window, then in each parent up to 7 levels, then in the
// window that opened this one and its parents. Only this search is in the lesson page's first
// script; the rest of the LMS code (scorm12.ts) loads only when an API was found. A frame of
// another origin cannot be read: the search goes on past it rather than failing.

/** The SCORM 1.2 run-time API an LMS provides (all values are strings). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string | number): string;
}

const MAX_PARENTS = 7;

function apiOf(win: Window): Scorm12Api | null {
  try {
    const api = (win as Window & { API?: unknown }).API as Partial<Scorm12Api> | undefined;
    return api && typeof api.LMSInitialize === 'function' && typeof api.LMSSetValue === 'function' ? api as Scorm12Api : null;
  } catch {
    return null;  // another origin's window
  }
}

function parentOf(win: Window): Window | null {
  try {
    return win.parent && win.parent !== win ? win.parent : null;
  } catch {
    return null;
  }
}

function searchUp(start: Window): Scorm12Api | null {
  let win: Window | null = start;
  for (let level = 0; win && level <= MAX_PARENTS; level++, win = parentOf(win)) {
    const api = apiOf(win);
    if (api) return api;
  }
  return null;
}

/** The LMS's API around `win`, or null (the page then works on its own). */
export function findScormApi(win: Window): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  let opener: Window | null = null;
  try {
    opener = win.opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener) : null;
}
