// What a panel's chart sees: the panel's experiments, their results (complete, or the history
// streamed so far), and the current control values. Charts only read it.
import type { ExperimentResult } from '../../runtime/engine-api.ts';
import type { LabChart } from '../charts/lab-chart.ts';

/** One definition (runtime/engine-api.ts), re-exported for the charts that import it from here. */
export type { ExperimentResult };

export interface PanelView {
  /** The panel's experiment names, in the widget file's order. */
  experiments: string[];
  /** Each experiment's latest result; while one streams, its partial {history}. */
  results: Record<string, ExperimentResult | undefined>;
  /** The experiment training right now, if any. */
  live: string | null;
  /** A control's current value by its option path (`model.lambda`). */
  value(option: string): unknown;
  /** The experiment's name for people ("no dropout (reference)"). */
  label(name: string): string;
  /** Epochs the experiment is set to train (before early stopping). */
  plannedEpochs(name: string): number;
  /** Pinned runs, oldest first: drawn faint (dash PIN_DASHES[i]) under the live run. */
  pins: PinView[];
}

export interface PinView {
  /** "Pinned: dropout rate 0.3". */
  label: string;
  /** Results of the experiments the controls change (others are the live run's). */
  results: Record<string, ExperimentResult | undefined>;
  /** The pin's value of a control, by option path. */
  value(option: string): unknown;
  /** Epochs the pin's experiment was set to train. */
  plannedEpochs(name: string): number;
}

export interface PanelChart {
  readonly element: HTMLElement;
  /** Every chart in it (for PNG export and theme changes). */
  readonly charts: LabChart[];
  update(view: PanelView): void;
  destroy(): void;
}
