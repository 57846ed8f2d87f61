// The bench's module Workers answer {id, op, payload} with {id, ok, value | error}: the loop
// they share (tfjs-worker.js is a classic worker, for TF.js's importScripts, and keeps its own).
export function serveOps(ops) {
  self.onmessage = async (event) => {
    const { id, op, payload } = event.data;
    try {
      if (!ops[op]) throw new Error(`unknown op ${op}`);
      self.postMessage({ id, ok: true, value: await ops[op](payload ?? {}) });
    } catch (e) {
      self.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
