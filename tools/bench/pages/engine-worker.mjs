// The engine in a module Worker, as the site runs it (../engine.mjs and ../engine.wasm, the
// shipped files), plus the bench-only module (bench_engine.mjs: in-process latency loops).
// Each op times itself with performance.now() around the synchronous engine call.
import createEngine from '../engine.mjs';
import { serveOps } from './serve-ops.mjs';

const compiled = new Map();  // wasm URL -> WebAssembly.Module (compiled once per worker)

/** A new instance of an Emscripten module (fresh wasm memory); `bytes()` is its memory's size. */
async function instantiate(factory, wasmUrl) {
  if (!compiled.has(wasmUrl.href)) compiled.set(wasmUrl.href, await WebAssembly.compileStreaming(fetch(wasmUrl)));
  const module = compiled.get(wasmUrl.href);
  let memory = null;
  const engine = await factory({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(module, imports).then((instance) => {
        memory = Object.values(instance.exports).find((x) => x instanceof WebAssembly.Memory);
        receive(instance, module);
      });
      return {};
    },
  });
  return { engine, bytes: () => memory.buffer.byteLength };
}

const freshEngine = () => instantiate(createEngine, new URL('../engine.wasm', import.meta.url));

/** {name: url} -> {name: text}, fetched before any timing starts. */
async function fetchFiles(urls = {}) {
  const out = {};
  for (const [name, url] of Object.entries(urls)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    out[name] = await response.text();
  }
  return out;
}

let shared = null;
let bench = null;

const ops = {
  /** Runs a spec `warmup` + `repeats` times: times of the timed runExperiment calls (spec text
   *  and the files in, JSON text out), and the wasm memory after the runs (fresh: one new instance per run, so
   *  this is a run's peak; wasm memory never shrinks). */
  async runs({ spec, files, fileUrls, repeats = 1, warmup = 0, warmupMs = 0, fresh = false, keepResult = false, marks = false }) {
    const specText = typeof spec === 'string' ? spec : JSON.stringify(spec);
    // The files as the widgets' worker hands them over (engine-host.ts): fetched files as
    // their UTF-8 bytes, encoded once before any timing; given ones as text.
    const encoder = new TextEncoder();
    const fetched = Object.entries(await fetchFiles(fileUrls)).map(([name, text]) => [name, encoder.encode(text)]);
    const filesArg = { ...Object.fromEntries(fetched), ...files };
    let peak = 0;
    let text = '';
    const stages = [];  // per run: [ms since the call, stage] of every progress report (with `marks`)
    const run = async () => {
      const instance = fresh ? await freshEngine() : (shared ??= await freshEngine());
      const seen = [];
      const t0 = performance.now();
      const onProgress = marks ? (json) => { seen.push([performance.now() - t0, JSON.parse(json).stage]); return true; } : undefined;
      text = instance.engine.runExperiment(specText, filesArg, onProgress);
      const t = performance.now() - t0;
      peak = Math.max(peak, instance.bytes());
      stages.push(seen);
      return t;
    };
    // Warm-up: V8 first runs wasm as Liftoff code and tiers hot functions up to TurboFan in the
    // background, so the first runs are slower; warm up for `warmup` runs and `warmupMs`.
    const first = await run();
    const answer = JSON.parse(text);
    if (!answer.ok) throw new Error(`engine: ${answer.error.message} (${answer.error.field ?? ''})`);
    const warmStart = performance.now();
    for (let i = 1; i < warmup || (warmup > 0 && performance.now() - warmStart < warmupMs && i < 50); i++) await run();
    const times = warmup > 0 ? [] : [first];
    while (times.length < repeats) times.push(await run());
    return { times_ms: times, first_ms: first, memory_bytes: peak, marks: marks ? stages.slice(-times.length) : undefined,
             result: keepResult ? JSON.parse(text).result : undefined };
  },
  /** Variant latency from the bench-only module (engine_bench.cpp's variant_latency). */
  async latency({ spec, files, fileUrls, budgetMs = 150 }) {
    files = { ...(await fetchFiles(fileUrls)), ...files };
    if (!bench) {
      const { default: createBenchEngine } = await import('./bench_engine.mjs');
      bench = await instantiate(createBenchEngine, new URL('./bench_engine.wasm', import.meta.url));
    }
    const answer = JSON.parse(bench.engine.variantLatency(JSON.stringify(spec), JSON.stringify(files ?? {}), budgetMs));
    if (!answer.ok) throw new Error(`bench engine: ${answer.error.message}`);
    return answer.variants;
  },
  async version() {
    shared ??= await freshEngine();
    return shared.engine.version();
  },
};

serveOps(ops);
