// The two widget elements. Their full screens (charts, controls per experiment) are issue 7;
// here each loads its widget JSON and runs it through the worker.
import { LabWidgetElement } from './lab-widget.ts';

export class OptimizationLabElement extends LabWidgetElement {
  protected readonly widgetType = 'optimization_lab';
  protected readonly defaultTitle = 'Optimization Lab';
}

export class PerformanceTradeoffExplorerElement extends LabWidgetElement {
  protected readonly widgetType = 'performance_tradeoff_explorer';
  protected readonly defaultTitle = 'Performance Trade-off Explorer';
}

/** Widget type (lesson front matter, widget JSON) → custom element name. */
export const WIDGET_ELEMENTS: Record<string, string> = {
  optimization_lab: 'optimization-lab',
  performance_tradeoff_explorer: 'performance-tradeoff-explorer',
};

/** Defines the elements once, even if two bundles on one page both try. */
export function defineLabWidgets(): void {
  if (!customElements.get('optimization-lab')) customElements.define('optimization-lab', OptimizationLabElement);
  if (!customElements.get('performance-tradeoff-explorer')) customElements.define('performance-tradeoff-explorer', PerformanceTradeoffExplorerElement);
}
