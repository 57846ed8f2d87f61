// What a panel needs from the engine before it is built: each experiment's normalized spec (the
// experiment's patch applied, defaults filled) and, for each control, the declaration its path
// names and where a spec holds its value, for the model type of the panel's first experiment.
// Asked once per widget file in two calls (the spec crosses once each), answered by the worker
// right after the option declarations the widget waits for anyway.
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

/** Asks the engine, in two calls, for what the panels of one widget file need. */
export async function planPanels(client: Pick<EngineClient, 'call'>, specText: string,
  panels: { experiments: string[]; options: string[] }[]): Promise<PanelPlan[]> {
  const names = [...new Set(panels.flatMap((p) => p.experiments))];
  const requests = panels.flatMap((p) => p.options.map((o) => [o, p.experiments[0] ?? '']));
  const [specsAnswer, pathsAnswer] = await Promise.all([
    client.call('experimentSpecs', [specText, JSON.stringify(names)]),
    client.call('optionPaths', [specText, JSON.stringify(requests)]),
  ]);
  if (!specsAnswer.ok) throw new Error(problemOf(specsAnswer));
  if (!pathsAnswer.ok) throw new Error(problemOf(pathsAnswer));
  const specs = (specsAnswer as { specs?: Record<string, Json> }).specs ?? {};
  const paths = (pathsAnswer as { paths?: EngineResponse[] }).paths ?? [];
  let next = 0;
  return panels.map((p) => {
    const plan: PanelPlan = { specs: {}, controls: {} };
    for (const name of p.experiments) plan.specs[name] = specs[name] ?? {};
    for (const option of p.options) {
      const answer = paths[next++] ?? { ok: false, error: { kind: 'internal', message: 'no answer' } };
      const found = answer as { option?: OptionDecl | null; spec_path?: string };
      plan.controls[option] = answer.ok
        ? { decl: found.option ?? null, specPath: found.spec_path ?? option }
        : { decl: null, specPath: option, problem: problemOf(answer) };
    }
    return plan;
  });
}
