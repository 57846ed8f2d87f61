// The engine's warm-up: a small run through the code paths a widget's first run takes (a
// regularization path with cross-validation, an MLP's epochs), on rows made here. V8 compiles
// a wasm function the first time it is called and optimizes the hot ones in the background, so
// a page's first real run took ~3x its later runs (the lesson lab's path + CV: ~150 ms cold,
// ~50 ms warm, under Node); after this ~25 ms job it takes ~55 ms. Compiled code is shared by
// every worker instantiated from the same WebAssembly.Module, so one warm-up serves the pool.
// A widget asks for it once the page is idle after loading (EngineClient.warmUp: a background
// job), so it runs while a reader reads, not while the widgets start; a run queued behind it
// waits at most its length.
import type { EngineModule } from './engine-api.ts';

const ROWS = 300;

/** ROWS rows of six numeric features and a yes/no target, the same every time. */
export function warmUpCsv(): string {
  let seed = 1;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = ['a,b,c,d,e,f,y'];
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: 6 }, next);
    lines.push(`${x.map((v) => v.toFixed(3)).join(',')},${x[0] + x[1] - x[2] + 0.3 * next() > 0.6 ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

const COMMON = { dataset: { csv: 'warm-up.csv', target: 'y', positive: 'yes' }, split: { test: 0.2, validation: 0.2, seed: 1 } };
export const WARM_UP_SPECS = [
  { ...COMMON, model: { type: 'logistic_regression', l1_ratio: 0.5, path: { n_lambda: 20 }, cv: { folds: 3 } } },
  { ...COMMON, model: { type: 'mlp', hidden: [16] }, train: { epochs: 3, batch_size: 32, seed: 1 } },
];

/** Runs the warm-up; answers how long it took. Its results are not used (nor are its errors). */
export function warmUp(engine: EngineModule): { ok: true; ms: number } {
  const started = performance.now();
  const files = { 'warm-up.csv': warmUpCsv() };
  for (const spec of WARM_UP_SPECS) {
    try {
      engine.runExperiment(JSON.stringify(spec), files, undefined);
    } catch {
      // a warm-up that fails changes nothing: the real run reports its own errors
    }
  }
  return { ok: true, ms: performance.now() - started };
}
