// TensorFlow.js in a classic Worker, the reference the engine is compared with in the same
// browser: tf.min.js and tf-backend-wasm.min.js from the pinned npm packages, served locally
// from vendor/ (no CDN). Ops train the bench's MLP with model.fit and time model.predict.
/* global tf */
importScripts('vendor/tf.min.js', 'vendor/tf-backend-wasm.min.js');
tf.wasm.setWasmPaths(new URL('vendor/', self.location.href).href);

const now = () => performance.now();

async function useBackend(name, threads) {
  // The engine is single-threaded; TF.js's wasm backend would start a thread pool when the page
  // is cross-origin isolated. `threads` chooses (the bench reports which).
  if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', Boolean(threads));
  if (tf.getBackend() !== name) {
    if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} did not start`);
  }
  await tf.ready();
}

function buildModel(inputs, hidden, dropout, learningRate) {
  const model = tf.sequential();
  hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: 'heUniform', ...(i === 0 ? { inputShape: [inputs] } : {}) }));
    if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout }));
  });
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', ...(hidden.length ? {} : { inputShape: [inputs] }) }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

const ops = {
  async version() {
    return { tfjs: tf.version.tfjs, wasm: tf.wasm?.version_wasm ?? null };
  },

  /** Trains the MLP `repeats` times with model.fit (shuffled batches, Adam); times each fit. */
  async train({ backend, threads = false, X, rows, cols, y, hidden, dropout, epochs, batchSize, learningRate, repeats }) {
    await useBackend(backend, threads);
    const xs = tf.tensor2d(X, [rows, cols]);
    const ys = tf.tensor2d(y, [rows, 1]);
    const fitOptions = { batchSize, shuffle: true, verbose: 0, yieldEvery: 'never' };
    // Warm-up: kernels set up, the first epoch's one-off costs paid before timing.
    const warm = buildModel(cols, hidden, dropout, learningRate);
    await warm.fit(xs, ys, { ...fitOptions, epochs: 1 });
    warm.dispose();
    const times = [];
    let last = null;
    for (let r = 0; r < repeats; r++) {
      const model = buildModel(cols, hidden, dropout, learningRate);
      const t0 = now();
      const history = await model.fit(xs, ys, { ...fitOptions, epochs });
      times.push(now() - t0);
      last = { loss: history.history.loss.at(-1), accuracy: history.history.acc?.at(-1) ?? history.history.accuracy?.at(-1) };
      model.dispose();
    }
    xs.dispose();
    ys.dispose();
    return { times_ms: times, backend: tf.getBackend(), threads: backend === 'wasm' ? Boolean(threads) : false, final: last };
  },

  /** model.predict latency: single rows (rows in turn) and the whole batch,
   *  with input tensors made beforehand and the output read back with dataSync(). */
  async predict({ backend, threads = false, X, rows, cols, hidden, budgetMs = 300 }) {
    await useBackend(backend, threads);
    const model = buildModel(cols, hidden, 0, 1e-3);
    const parameters = model.countParams();
    const singles = Array.from({ length: rows }, (_, i) => tf.tensor2d(X.subarray(i * cols, (i + 1) * cols), [1, cols]));
    const whole = tf.tensor2d(X.subarray(0, rows * cols), [rows, cols]);
    const call = (input) => {
      const out = model.predict(input);
      const values = out.dataSync();
      out.dispose();
      return values[0];
    };
    for (let i = 0; i < 20; i++) call(singles[i % rows]);
    call(whole);
    // Blocks of `block` calls (per-call time = block time / block), so the 5 us clock step
    // stays small against what is measured.
    const timeCalls = (input, block, minRuns, maxRuns) => {
      const times = [];
      const start = now();
      for (let k = 0; k < maxRuns && (k < minRuns || now() - start < budgetMs); k++) {
        const t0 = now();
        for (let b = 0; b < block; b++) call(input(k * block + b));
        times.push(((now() - t0) * 1000) / block);
      }
      return times;
    };
    const single = timeCalls((k) => singles[k % rows], 8, 20, 2000);
    const batch = timeCalls(() => whole, 2, 10, 1000);
    singles.forEach((t) => t.dispose());
    whole.dispose();
    model.dispose();
    return { single_us: single, batch_us: batch, rows, backend: tf.getBackend(), parameters };
  },
};

self.onmessage = async (event) => {
  const { id, op, payload } = event.data;
  try {
    if (!ops[op]) throw new Error(`unknown op ${op}`);
    self.postMessage({ id, ok: true, value: await ops[op](payload ?? {}) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
