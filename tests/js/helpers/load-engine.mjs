// Loads the browser's engine.mjs under Node. Emscripten 3.1.6's ES-module output still reads
// `__dirname` and `require` on its Node path, which ES modules lack, so both are provided
// before the import; the wasm binary is passed in directly, not fetched
// (docs/toolchain.md, "Node cannot fetch the wasm file"). The browser never runs this path.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const wasmDir = fileURLToPath(new URL('../../../build/wasm/bindings/', import.meta.url));
export const wasmBuilt = existsSync(`${wasmDir}engine.mjs`) && existsSync(`${wasmDir}engine.wasm`);

export async function loadEngine() {
  globalThis.__dirname ??= wasmDir;
  globalThis.require ??= createRequire(import.meta.url);
  const { default: createEngine } = await import(`${wasmDir}engine.mjs`);
  return createEngine({ wasmBinary: readFileSync(`${wasmDir}engine.wasm`) });
}
