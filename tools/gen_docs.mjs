// The generated docs: docs/options.md from `lab-cli options` and docs/limits.md from
// engine/src/core/limits.hpp (+ the wasm memory settings in bindings/CMakeLists.txt).
//   node tools/gen_docs.mjs [--cli PATH]   rewrites both (tools/lab docs builds lab-cli first)
// tests/js/generated-docs.test.mjs regenerates them in memory and compares with the committed copies.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { limitsDoc, parseLimits, parseWasmMemory } from './docs/limits-doc.mjs';
import { optionsDoc } from './docs/options-doc.mjs';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const defaultCli = join(root, 'build/native/engine/lab-cli');

export function optionsPage(cli = defaultCli) {
  return optionsDoc(JSON.parse(execFileSync(cli, ['options'], { encoding: 'utf8' })));
}

export function limitsPage() {
  const header = 'engine/src/core/limits.hpp';
  const groups = parseLimits(readFileSync(join(root, header), 'utf8'), header);
  const memory = parseWasmMemory(readFileSync(join(root, 'bindings/CMakeLists.txt'), 'utf8'));
  return limitsDoc(groups, memory, engineSources());
}

// {repo-relative path: text} of every C++ file of the engine, its CLI and the bindings.
function engineSources() {
  const sources = {};
  for (const dir of ['engine', 'bindings']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(cpp|hpp|h)$/.test(entry.name)) continue;
      const path = join(entry.parentPath ?? entry.path, entry.name);
      sources[relative(root, path)] = readFileSync(path, 'utf8');
    }
  }
  return sources;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--cli');
  const cli = at > 0 ? process.argv[at + 1] : defaultCli;
  writeFileSync(join(root, 'docs/options.md'), optionsPage(cli));
  writeFileSync(join(root, 'docs/limits.md'), limitsPage());
  console.log('wrote docs/options.md and docs/limits.md');
}
