// The engine's two wasm modules under Node, as one object: engine.mjs (what widgets run on)
// and engine-authoring.mjs (lesson and catalog parsing), from one folder (the
// build's bindings/ or a built site). For the site build, the live preview and the JS tests;
// a browser worker loads the authoring module only when it needs it.
// Emscripten 3.1.6's ES-module output still reads `__dirname` and `require` on its Node path,
// which ES modules lack, so both are provided before the import; the wasm binary is passed in
// directly, not fetched (docs/toolchain.md, "Node cannot fetch the wasm file").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const AUTHORING_CALLS = ['parseLesson', 'parseCatalog', 'validateWidgetText'];

async function instantiate(dir, name) {
  const { default: create } = await import(pathToFileURL(join(dir, `${name}.mjs`)).href);
  return create({ wasmBinary: readFileSync(join(dir, `${name}.wasm`)) });
}

export async function loadNodeEngine(dir) {
  globalThis.__dirname ??= dir;
  globalThis.require ??= createRequire(import.meta.url);
  const [engine, authoring] = await Promise.all([instantiate(dir, 'engine'), instantiate(dir, 'engine-authoring')]);
  const both = Object.create(engine);
  for (const call of AUTHORING_CALLS) both[call] = authoring[call];
  return both;
}
