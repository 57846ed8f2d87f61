// The one module script course sites embed:
//   <script type="module" src="https://lab.example/lab-widgets.js"></script>
//   <optimization-lab src="https://lab.example/widgets/optimization_lab.titanic.json"></optimization-lab>
// engine.mjs, engine.wasm and lab-engine-worker.js are found next to this file.
// Its default export is an anywidget front-end module (anywidget.ts): a notebook's `_esm` or a
// MyST page's {anywidget} directive can name this same file.
import anywidget from './anywidget.ts';
import { setSiteRoot } from './runtime/browser-engine.ts';
import { defineLabWidgets } from './widgets/elements.ts';

setSiteRoot(import.meta.url.replace(/[^/]*$/, ''));
defineLabWidgets();

export { OptimizationLabElement, PerformanceTradeoffExplorerElement, widgetElement } from './widgets/elements.ts';
export { LabWidgetElement } from './widgets/lab-widget.ts';
export { type LabWidgetModel, type ResultSummary, render } from './anywidget.ts';
export default anywidget;
