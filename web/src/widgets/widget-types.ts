// Widget type (lesson front matter, widget JSON) → custom element name. Apart from the
// elements themselves, so a page can place widget tags before the widget code has loaded.
export const WIDGET_ELEMENTS: Record<string, string> = {
  optimization_lab: 'optimization-lab',
  performance_tradeoff_explorer: 'performance-tradeoff-explorer',
};
