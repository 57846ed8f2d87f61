// When a widget runs by itself: the `autorun` attribute. A lesson page sets "visible", so a
// learner scrolling to a widget meets its result instead of empty charts, while widgets further
// down do not compete for the engine before anyone looks at them. Embedders choose.

/** What `autorun` asks for: 'off' (no attribute, "off" or "false": wait for Run), 'load' (as
 *  soon as the widget file has loaded: the bare attribute or "load"), 'visible' (once the
 *  widget nears the viewport and the browser has a moment). */
export type AutorunMode = 'off' | 'load' | 'visible';

export function autorunMode(value: string | null): AutorunMode {
  if (value === null) return 'off';
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'false') return 'off';
  return v === 'visible' ? 'visible' : 'load';
}

/** How near the viewport a widget starts (its data and first run take a moment); a lesson
 *  page's widget code loads as near (widget-code.ts). */
export const NEAR_VIEWPORT = '300px 0px';
/** The longest an idle callback may wait once the widget is near (ms). */
const IDLE_TIMEOUT_MS = 500;

/** Calls `start` once `element` nears the viewport, when the browser is next idle (so the
 *  scroll that brought it in stays smooth). Returns a function that stops waiting. */
export function whenNearViewport(element: Element, start: () => void): () => void {
  let stopped = false;
  let idle: number | null = null;
  const begin = () => {
    if (stopped) return;
    stopped = true;
    observer?.disconnect();
    const later = () => { idle = null; start(); };
    idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(later, { timeout: IDLE_TIMEOUT_MS }) : window.setTimeout(later, 0);
  };
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) begin(); }, { rootMargin: NEAR_VIEWPORT })
    : null;
  if (observer) observer.observe(element);
  else begin();  // no observer (very old browsers): run as if seen
  return () => {
    stopped = true;
    observer?.disconnect();
    if (idle !== null) {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
      else clearTimeout(idle);
    }
  };
}
