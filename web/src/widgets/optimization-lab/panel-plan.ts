// What a panel needs from the engine before it is built: each experiment's normalized spec (the
// experiment's patch applied, defaults filled) and, for each control, the declaration its path
// names and where a spec holds its value, for the model type of the panel's first experiment.
// Asked once per widget file, all at once: the worker answers the calls back to back, right
// after the option declarations the widget waits for anyway.
import { type EngineResponse, describeEngineError } from '../../runtime/engine-api.ts';
import type { EngineClient } from '../../runtime/engine-client.ts';
import type { OptionDecl } from '../model/options.ts';

type Json = Record<string, unknown>;

/** A control's option path as the engine resolves it; `problem` when it names no option. */
export interface ControlPath { decl: OptionDecl | null; specPath: string; problem?: string }

export interface PanelPlan {
  /** Each experiment's normalized spec, by name ('' is the spec's own single run). */
  specs: Record<string, Json>;
  /** Each control's path, by its option as the widget file writes it. */
  controls: Record<string, ControlPath>;
}

const problemOf = (answer: EngineResponse): string =>
  answer.ok ? '' : describeEngineError(answer.error);

/** The engine calls of one widget file, each asked once however many panels share it. */
export class PlanCalls {
  private readonly asked = new Map<string, Promise<EngineResponse>>();
  constructor(private readonly client: Pick<EngineClient, 'call'>, readonly specText: string) {}

  call(fn: 'experimentSpec' | 'optionPath', args: string[]): Promise<EngineResponse> {
    const key = JSON.stringify([fn, args]);
    let answer = this.asked.get(key);
    if (!answer) this.asked.set(key, answer = this.client.call(fn, args));
    return answer;
  }
}

/** Asks the engine for the specs of `experiments` and the paths of `options`. */
export async function planPanel(calls: PlanCalls, experiments: string[], options: string[]): Promise<PanelPlan> {
  const first = experiments[0] ?? '';
  const [specs, paths] = await Promise.all([
    Promise.all(experiments.map((name) => calls.call('experimentSpec', [calls.specText, name, '']))),
    Promise.all(options.map((option) => calls.call('optionPath', [option, calls.specText, first]))),
  ]);
  const plan: PanelPlan = { specs: {}, controls: {} };
  specs.forEach((answer, i) => {
    if (!answer.ok) throw new Error(problemOf(answer));
    plan.specs[experiments[i]] = (answer as { spec?: Json }).spec ?? {};
  });
  paths.forEach((answer, i) => {
    const found = answer as { option?: OptionDecl | null; spec_path?: string };
    plan.controls[options[i]] = answer.ok
      ? { decl: found.option ?? null, specPath: found.spec_path ?? options[i] }
      : { decl: null, specPath: options[i], problem: problemOf(answer) };
  });
  return plan;
}
