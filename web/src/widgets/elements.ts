// The two widget elements and their tag names: one element for each widget type the engine
// declares (WidgetType, generated from its vocabulary), no more.
import type { WidgetType } from '../generated/engine-types.ts';
import { OptimizationLabElement } from './optimization-lab/optimization-lab.ts';
import { PerformanceTradeoffExplorerElement } from './tradeoff/tradeoff-explorer.ts';
import { widgetElement } from './widget-types.ts';

export { OptimizationLabElement, PerformanceTradeoffExplorerElement };
export { widgetElement } from './widget-types.ts';

/** Defines the elements once, even if two bundles on one page both try. */
export function defineLabWidgets(): void {
  const elements: Record<WidgetType, CustomElementConstructor> = {
    optimization_lab: OptimizationLabElement,
    performance_tradeoff_explorer: PerformanceTradeoffExplorerElement,
  };
  for (const [type, element] of Object.entries(elements)) {
    if (!customElements.get(widgetElement(type))) customElements.define(widgetElement(type), element);
  }
}
