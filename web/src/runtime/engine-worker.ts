// The module Worker that owns the wasm engine. Loaded as lab-engine-worker.js next to
// engine.mjs; the page never runs training on its main thread. Requests are handled one at a
// time, in order: the engine's calls are synchronous, and the client sends one job at a time.
/// <reference lib="webworker" />
import type { AuthoringFactory, AuthoringModule, EngineFactory, EngineModule } from './engine-api.ts';
import { EngineHost } from './engine-host.ts';
import type { InitRequest, WorkerMessage, WorkerRequest } from './protocol.ts';
import { datasetText } from './dataset-files.ts';
import { compileWasm } from './wasm-compile.ts';

declare const self: DedicatedWorkerGlobalScope;

// engine.mjs sits next to this file: its download starts now, before the page's init message
// arrives (the import in loadEngine then finds the module already loading). A worker started
// from a blob (a cross-origin embed) learns the URL from the init message.
if (/^https?:$/.test(self.location.protocol)) {
  import(/* @vite-ignore */ new URL('engine.mjs', self.location.href).href).catch(() => undefined);
}

/** The module the page compiled (a `module` message), when the init says one is coming. */
let receiveModule: (module: WebAssembly.Module | null) => void = () => undefined;
const pageModule = new Promise<WebAssembly.Module | null>((resolve) => { receiveModule = resolve; });

/** An Emscripten module from its factory and an already compiled (or compiling) wasm module:
 *  a replacement worker after a cancel starts without fetching or compiling it again. */
async function instantiate<M>(factory: (args: Record<string, unknown>) => Promise<M>, module: WebAssembly.Module): Promise<M> {
  let failed: (reason: unknown) => void = () => undefined;
  const instantiateFailed = new Promise<never>((_, reject) => { failed = reject; });
  const created = factory({
    instantiateWasm(imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), failed);
      return {};
    },
  });
  return Promise.race([created, instantiateFailed]);
}

async function loadEngine(init: InitRequest): Promise<{ engine: EngineModule; compiled?: WebAssembly.Module }> {
  let compiledHere = false;
  const compileHere = () => {
    compiledHere = true;
    return compileWasm(init.wasmUrl);
  };
  // engine.wasm (compiled while it downloads, here or by the page) and its JS glue load side by side.
  const [module, { default: createEngine }] = await Promise.all([
    init.module ?? (init.moduleFromPage ? pageModule.then((m) => m ?? compileHere()) : compileHere()),
    import(/* @vite-ignore */ init.engineUrl) as Promise<{ default: EngineFactory }>,
  ]);
  return { engine: await instantiate(createEngine, module), compiled: compiledHere ? module : undefined };
}

/** engine-authoring.mjs and its wasm, next to engine.mjs: fetched on the first call for a
 *  lesson or catalog the site build has not parsed. */
async function loadAuthoring(): Promise<AuthoringModule> {
  const [module, { default: createAuthoring }] = await Promise.all([
    compileWasm(new URL('engine-authoring.wasm', engineUrl).href),
    import(/* @vite-ignore */ new URL('engine-authoring.mjs', engineUrl).href) as Promise<{ default: AuthoringFactory }>,
  ]);
  return instantiate(createAuthoring, module);
}

/** engine.mjs's URL, from the init message: lab-onnx.js (the ONNX graph builder with its
 *  protobuf library, ~100 KB) sits next to it and is fetched only for the first export. */
let engineUrl = '';

const host = new EngineHost({
  post: (message: WorkerMessage) => self.postMessage(message),
  fetchText: async (url) => datasetText(await fetch(url), url),
  loadEngine: (init) => {
    engineUrl = init.engineUrl;
    return loadEngine(init);
  },
  loadAuthoring,
  buildOnnx: async (exported, name) => {
    const { onnxModel } = await import(/* @vite-ignore */ new URL('lab-onnx.js', engineUrl).href) as typeof import('../export/onnx-model.ts');
    return onnxModel(exported as Parameters<typeof onnxModel>[0], name);
  },
});

/** Holds the page's life lock until this worker ends (terminated, crashed or out of memory): the
 *  browser then releases it, and the page, waiting for the lock, learns that the worker is gone. */
function holdLifeLock(name: string): void {
  if (!('locks' in navigator)) return;  // (not a secure context: no death watch, as before)
  void navigator.locks.request(name, () => {
    self.postMessage({ type: 'alive' } satisfies WorkerMessage);
    return new Promise<never>(() => undefined);
  });
}

let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'init' && request.lifeLock) holdLifeLock(request.lifeLock);
  // The page's module and a prefetch need not wait for the engine or the job before them.
  if (request.type === 'module') receiveModule(request.module);
  else if (request.type === 'prefetch') void host.handle(request);
  else queue = queue.then(() => host.handle(request));
};
