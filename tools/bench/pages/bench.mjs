// The bench page's script. tools/bench/run.mjs drives it through Playwright: every measurement
// runs in a Worker (the engine's wasm, or TensorFlow.js) and is timed there with
// performance.now(); the page only forwards calls. Served with COOP/COEP, so the page is
// cross-origin isolated and the workers' clocks have 5 us resolution instead of 100 us.

/** A worker answering {id, op, payload} with {id, ok, value | error}. */
function rpcWorker(url, options) {
  const worker = new Worker(url, options);
  const pending = new Map();
  let next = 0;
  worker.onmessage = (event) => {
    const { id, ok, value, error } = event.data;
    const call = pending.get(id);
    pending.delete(id);
    if (ok) call.resolve(value);
    else call.reject(new Error(error));
  };
  worker.onerror = (event) => {
    for (const call of pending.values()) call.reject(new Error(event.message || 'worker error'));
    pending.clear();
  };
  return {
    call(op, payload) {
      return new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, op, payload });
      });
    },
    terminate: () => worker.terminate(),
  };
}

const workers = {};
const workerUrls = {
  engine: [new URL('./engine-worker.mjs', import.meta.url), { type: 'module' }],
  tfjs: [new URL('./tfjs-worker.js', import.meta.url), {}],
  ort: [new URL('./ort-worker.mjs', import.meta.url), { type: 'module' }],
};

window.labBench = {
  isolated: self.crossOriginIsolated,
  /** Calls `op` in the named worker ('engine', 'tfjs' or 'ort'), starting it if needed. */
  call(name, op, payload) {
    workers[name] ??= rpcWorker(...workerUrls[name]);
    return workers[name].call(op, payload);
  },
  /** Ends a worker (its wasm memory with it); the next call starts a fresh one. */
  reset(name) {
    workers[name]?.terminate();
    delete workers[name];
  },
};
document.getElementById('status').textContent = `ready (cross-origin isolated: ${self.crossOriginIsolated})`;
