// The bench's programs outside the browser: the engine_bench driver (tools/bench/native),
// built natively and with Emscripten against the engine's own build folders under the
// project's build lock, and scikit-learn's side (Debian's /usr/bin/python3).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function locked(root, command, args, env = process.env) {
  const result = spawnSync('flock', [join(root, 'build/.lock'), command, ...args], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Builds build/bench-native/engine_bench and build/bench-wasm/bench_engine.{mjs,wasm}. */
export function buildDrivers(root) {
  const source = join(root, 'tools/bench/native');
  const native = join(root, 'build/bench-native');
  const wasm = join(root, 'build/bench-wasm');
  if (!existsSync(join(root, 'build/native/engine/libengine.a')) || !existsSync(join(root, 'build/wasm/engine/libengine.a')))
    throw new Error('the engine is not built natively and as wasm: run tools/lab build');
  if (!existsSync(join(native, 'build.ninja')))
    locked(root, 'cmake', ['-S', source, '-B', native, '-G', 'Ninja', '-DLAB_ENGINE_BUILD=build/native']);
  locked(root, 'cmake', ['--build', native, '-j2']);
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };  // docs/toolchain.md, "emcc needs NODE_PATH for acorn"
  if (!existsSync(join(wasm, 'build.ninja')))
    locked(root, 'emcmake', ['cmake', '-S', source, '-B', wasm, '-G', 'Ninja', '-DLAB_ENGINE_BUILD=build/wasm',
      '-DEigen3_DIR=/usr/share/eigen3/cmake'], env);
  locked(root, 'cmake', ['--build', wasm, '-j2'], env);
  return { nativeBinary: join(native, 'engine_bench'), wasmDir: wasm };
}

/** Writes `spec` and its files to a temporary folder; returns the spec's path. */
function specFile(spec, files) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return join(dir, 'spec.json');
}

/** In-process times of run_experiment in the native build (after one warm-up run). */
export function nativeRuns(binary, spec, files, repeats) {
  const out = execFileSync(binary, ['run', specFile(spec, files), '--repeats', String(repeats + 1)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out).times_ms.slice(1);
}

export function nativeLatency(binary, spec, files, budgetMs) {
  const out = execFileSync(binary, ['latency', specFile(spec, files), '--budget-ms', String(budgetMs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

export const PYTHON = '/usr/bin/python3';

/** scikit-learn's side (tools/bench/sklearn_reference.py) on a job; null when unavailable. */
export function sklearnReference(root, job) {
  if (!existsSync(PYTHON)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-sk-'));
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
  const result = spawnSync(PYTHON, [join(root, 'tools/bench/sklearn_reference.py'), join(dir, 'job.json')],
    { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) {
    if (/No module named '(sklearn|numpy|pandas)'/.test(result.stderr)) return null;
    throw new Error(`sklearn_reference.py failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

export function commandVersion(command, args = ['--version']) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
  } catch {
    return null;
  }
}
