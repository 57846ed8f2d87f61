// ONNX Runtime Web (npm onnxruntime-web, served from vendor/) in a module Worker: the anchor for
// the engine's inference latency. The wasm backend with one thread, as the engine runs; SIMD
// on. Times session.run on single rows (rows in turn) and on the whole test set, with the input
// tensors made beforehand and the output read back, in blocks like the TF.js worker's.
import * as ort from './vendor/ort.wasm.min.mjs';
import { serveOps } from './serve-ops.mjs';

ort.env.wasm.numThreads = 1;
ort.env.wasm.simd = true;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmPaths = new URL('./vendor/', import.meta.url).href;

const now = () => performance.now();

const ops = {
  /** model: the ONNX file's bytes (a number array); X: rows x cols float32, row-major. */
  async predict({ model, X, rows, cols, budgetMs = 300 }) {
    const session = await ort.InferenceSession.create(Uint8Array.from(model), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const x = Float32Array.from(X);
    const singles = Array.from({ length: rows }, (_, i) => new ort.Tensor('float32', x.subarray(i * cols, (i + 1) * cols), [1, cols]));
    const whole = new ort.Tensor('float32', x.subarray(0, rows * cols), [rows, cols]);
    const output = session.outputNames[0];  // 'probability' or 'value' (the model's head names it)
    const call = async (input) => (await session.run({ features: input }))[output].data[0];
    for (let i = 0; i < 20; i++) await call(singles[i % rows]);
    await call(whole);
    const timeCalls = async (input, block, minRuns, maxRuns) => {
      const times = [];
      const start = now();
      for (let k = 0; k < maxRuns && (k < minRuns || now() - start < budgetMs); k++) {
        const t0 = now();
        for (let b = 0; b < block; b++) await call(input(k * block + b));
        times.push(((now() - t0) * 1000) / block);
      }
      return times;
    };
    const single = await timeCalls((k) => singles[k % rows], 8, 20, 2000);
    const batch = await timeCalls(() => whole, 2, 10, 1000);
    await session.release();
    return { single_us: single, batch_us: batch, rows, version: ort.env.versions?.web ?? null };
  },
};

serveOps(ops);
