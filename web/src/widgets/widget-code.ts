// Each widget type's element class in a chunk of its own (beside the code the types share), so
// that a lesson page downloads a widget's code when the page needs it: the lab a learner is
// looking at comes before the trade-off explorer two screens further down. lab-widgets.js and
// the widget page take every type at once (elements.ts).
import type { WidgetType } from '../generated/engine-types.ts';
import { NEAR_VIEWPORT } from './autorun.ts';
import { widgetElement } from './widget-types.ts';

const CODE: Record<WidgetType, () => Promise<CustomElementConstructor>> = {
  optimization_lab: () => import('./optimization-lab/optimization-lab.ts').then((m) => m.OptimizationLabElement),
  performance_tradeoff_explorer: () => import('./tradeoff/tradeoff-explorer.ts').then((m) => m.PerformanceTradeoffExplorerElement),
};
const TYPES = Object.keys(CODE) as WidgetType[];
const loading = new Map<WidgetType, Promise<CustomElementConstructor>>();

/** A type's element class (its code loads once; a failed load may be tried again). */
export function loadWidgetCode(type: WidgetType): Promise<CustomElementConstructor> {
  let pending = loading.get(type);
  if (!pending) {
    pending = CODE[type]();
    pending.catch(() => loading.delete(type));
    loading.set(type, pending);
  }
  return pending;
}

/** Defines a type's element once its code is here (once, even if another bundle did). */
export async function defineWidgetType(type: WidgetType): Promise<void> {
  const element = await loadWidgetCode(type);
  if (!customElements.get(widgetElement(type))) customElements.define(widgetElement(type), element);
}

/** Every type's code, loading now: resolves per type. */
export function loadAllWidgetCode(): Map<WidgetType, Promise<CustomElementConstructor>> {
  return new Map(TYPES.map((type) => [type, loadWidgetCode(type)]));
}

/**
 * The code of each widget type with an element under `root`: the first widget's type (the one a
 * reader meets first) at once; any other when one of its elements comes as near the viewport
 * as a widget that starts by itself (autorun.ts), or when `soon` settles, whichever is first (a
 * lesson page passes its first widget result, or a few seconds): a widget further down does
 * not compete with the first result for the network. `starting` is called with the elements of
 * a type as its code starts to load (their files can be asked for then). Resolves per type when
 * its element class is here.
 */
export function loadWidgetCodeWhenNear(root: ParentNode, soon: Promise<unknown>, starting: (elements: Element[]) => void): Map<WidgetType, Promise<CustomElementConstructor>> {
  const out = new Map<WidgetType, Promise<CustomElementConstructor>>();
  const first = root.querySelector(TYPES.map(widgetElement).join(','));
  for (const type of TYPES) {
    const elements = [...root.querySelectorAll(widgetElement(type))];
    if (!elements.length) continue;
    if (first?.localName === widgetElement(type)) {
      starting(elements);
      out.set(type, loadWidgetCode(type));
      continue;
    }
    out.set(type, new Promise<void>((resolve) => {
      const observer = typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) near(); }, { rootMargin: NEAR_VIEWPORT })
        : null;
      function near() {
        observer?.disconnect();
        resolve();
      }
      for (const el of elements) observer?.observe(el);
      if (!observer) near();
      void soon.then(near, near);
    }).then(() => {
      starting(elements);
      return loadWidgetCode(type);
    }));
  }
  return out;
}
