// The two widget elements and their tag names.
import { OptimizationLabElement } from './optimization-lab/optimization-lab.ts';
import { PerformanceTradeoffExplorerElement } from './tradeoff/tradeoff-explorer.ts';
import { widgetElement } from './widget-types.ts';

export { OptimizationLabElement, PerformanceTradeoffExplorerElement };
export { widgetElement } from './widget-types.ts';

/** Defines the elements once, even if two bundles on one page both try. */
export function defineLabWidgets(): void {
  const define = (type: string, element: CustomElementConstructor) => {
    if (!customElements.get(widgetElement(type))) customElements.define(widgetElement(type), element);
  };
  define('optimization_lab', OptimizationLabElement);
  define('performance_tradeoff_explorer', PerformanceTradeoffExplorerElement);
}
