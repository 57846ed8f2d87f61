// The browser's engine modules (engine.mjs and engine-authoring.mjs from the wasm build) under
// Node, as one object (web/scripts/node-engine.mjs). The browser never runs this path.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine } from '../../../web/scripts/node-engine.mjs';

export const wasmDir = fileURLToPath(new URL('../../../build/wasm/bindings/', import.meta.url));
export const wasmBuilt = ['engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm'].every((f) => existsSync(`${wasmDir}${f}`));

export const loadEngine = () => loadNodeEngine(wasmDir);
