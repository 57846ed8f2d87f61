// Widget file chart names (docs/widgets.md) → the chart modules that draw them: one for each
// chart kind the engine declares (ChartKind, generated from lab::chart_kinds()), no more.
import type { ChartKind } from '../../generated/engine-types.ts';
import { LearningCurves } from '../charts/learning-curves.ts';
import { MetricsChart } from '../charts/metrics-chart.ts';
import { ScheduleChart } from '../charts/schedule-chart.ts';
import type { PanelChart } from './panel-view.ts';
import { RegularizationChart } from './regularization-chart.ts';

const CHARTS: Record<ChartKind, (host: Element) => PanelChart> = {
  coefficient_path: (host) => new RegularizationChart(host),
  cv_curve: (host) => new RegularizationChart(host),
  loss_curves: (host) => new LearningCurves(host),
  learning_rate: (host) => new ScheduleChart(host),
  metrics: (host) => new MetricsChart(host),
};

export function createPanelChart(kind: string, host: Element): PanelChart {
  return ((CHARTS as Record<string, (host: Element) => PanelChart>)[kind] ?? CHARTS.metrics)(host);
}
