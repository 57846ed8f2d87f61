// The module Worker that owns the wasm engine. Loaded as lab-engine-worker.js next to
// engine.mjs; the page never runs training on its main thread. Requests are handled one at a
// time, in order: the engine's calls are synchronous, and the client sends one job at a time.
/// <reference lib="webworker" />
import type { EngineFactory, EngineModule } from './engine-api.ts';
import { EngineHost } from './engine-host.ts';
import type { InitRequest, WorkerMessage, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

async function compileWasm(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // compileStreaming needs the application/wasm MIME type; fall back for hosts without it.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function loadEngine(init: InitRequest): Promise<{ engine: EngineModule; compiled?: WebAssembly.Module }> {
  // engine.wasm (compiled while it downloads) and its JS glue load side by side.
  const [module, { default: createEngine }] = await Promise.all([
    init.module ?? compileWasm(init.wasmUrl),
    import(/* @vite-ignore */ init.engineUrl) as Promise<{ default: EngineFactory }>,
  ]);
  let failed: (reason: unknown) => void = () => undefined;
  const instantiateFailed = new Promise<never>((_, reject) => { failed = reject; });
  const engine = createEngine({
    // Instantiate from the already compiled module: a replacement worker after a cancel
    // starts without fetching or compiling engine.wasm again.
    instantiateWasm(imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), failed);
      return {};
    },
  });
  return { engine: await Promise.race([engine, instantiateFailed]), compiled: init.module ? undefined : module };
}

const host = new EngineHost({
  post: (message: WorkerMessage) => self.postMessage(message),
  fetchText: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
    return response.text();
  },
  loadEngine,
});

let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // A prefetch only starts fetches: it need not wait for the engine or the job before it.
  if (request.type === 'prefetch') void host.handle(request);
  else queue = queue.then(() => host.handle(request));
};
