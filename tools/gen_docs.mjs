// The generated docs: docs/options.md from `lab-cli options`, docs/limits.md from
// engine/src/core/limits.hpp (+ the wasm memory settings in bindings/CMakeLists.txt), and the
// JSON Schemas in schema/ from `lab-cli options` and `lab-cli formats` (docs/schema.md), and the
// web shell's engine types and vocabulary, web/src/generated/engine-types.ts, from
// `lab-cli vocabulary`, `lab-cli options` and `lab-cli results` (tools/docs/engine-types.mjs).
//   node tools/gen_docs.mjs [--cli PATH]   rewrites them all (tools/lab docs builds lab-cli first)
// tests/js/generated-docs.test.mjs regenerates them in memory and compares with the committed copies.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { engineTypes } from './docs/engine-types.mjs';
import { schemaFiles } from './docs/json-schema.mjs';
import { limitsDoc, parseLimits, parseRecycleThreshold, parseWasmMemory } from './docs/limits-doc.mjs';
import { optionsDoc } from './docs/options-doc.mjs';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const defaultCli = join(root, 'build/native/engine/lab-cli');

/** What `lab-cli ARGS...` prints, parsed as JSON (options, formats, preview). */
export function cliJson(args, cli = defaultCli) {
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

export function optionsPage(cli = defaultCli) {
  return optionsDoc(cliJson(['options'], cli));
}

/** {file name: text} of the schema/ folder: spec, widget and lesson schemas. */
export function schemaTexts(cli = defaultCli) {
  const files = schemaFiles(cliJson(['options'], cli), cliJson(['formats'], cli));
  return Object.fromEntries(Object.entries(files).map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]));
}

/** web/src/generated/engine-types.ts: the engine's vocabulary and declared spec sections as TypeScript. */
export const engineTypesPath = 'web/src/generated/engine-types.ts';
export function engineTypesText(cli = defaultCli) {
  return engineTypes(cliJson(['vocabulary'], cli), cliJson(['options'], cli), cliJson(['results'], cli), cliJson(['formats'], cli));
}

export function limitsPage() {
  const header = 'engine/src/core/limits.hpp';
  const groups = parseLimits(readFileSync(join(root, header), 'utf8'), header);
  const memory = parseWasmMemory(readFileSync(join(root, 'bindings/CMakeLists.txt'), 'utf8'));
  memory.recycle = parseRecycleThreshold(readFileSync(join(root, 'web/src/runtime/engine-client.ts'), 'utf8'));
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
  mkdirSync(join(root, 'schema'), { recursive: true });
  const schemas = schemaTexts(cli);
  for (const [name, text] of Object.entries(schemas)) writeFileSync(join(root, 'schema', name), text);
  mkdirSync(join(root, 'web/src/generated'), { recursive: true });
  writeFileSync(join(root, engineTypesPath), engineTypesText(cli));
  console.log(`wrote docs/options.md, docs/limits.md, schema/{${Object.keys(schemas).join(',')}} and ${engineTypesPath}`);
}
