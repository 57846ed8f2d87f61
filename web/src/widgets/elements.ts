// The two widget elements and their tag names.
import { OptimizationLabElement } from './optimization-lab/optimization-lab.ts';
import { PerformanceTradeoffExplorerElement } from './tradeoff/tradeoff-explorer.ts';

export { OptimizationLabElement, PerformanceTradeoffExplorerElement };
export { WIDGET_ELEMENTS } from './widget-types.ts';

/** Defines the elements once, even if two bundles on one page both try. */
export function defineLabWidgets(): void {
  if (!customElements.get('optimization-lab')) customElements.define('optimization-lab', OptimizationLabElement);
  if (!customElements.get('performance-tradeoff-explorer')) customElements.define('performance-tradeoff-explorer', PerformanceTradeoffExplorerElement);
}
