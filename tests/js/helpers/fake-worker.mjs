// An in-process stand-in for the engine Worker: the real EngineHost (compiled from web/src by
// `npm run test:js`) behind asynchronous message passing, with a fake engine. Runs can be
// held back (`gate`) so a test can cancel a job while it is "busy".
import { datasetText } from '../../../build/js-test/runtime/dataset-files.js';
import { EngineHost } from '../../../build/js-test/runtime/engine-host.js';

/** The metrics every run of the fake engine answers: a test asserts them to know a run was
 *  computed (EngineClient.run resolves with `{}` when an answer holds no result). */
export const FAKE_METRICS = Object.freeze({ test: Object.freeze({ accuracy: 0.75 }) });

/** A fake engine with the embind module's API. Specs may hold `fake` instructions. */
export function fakeEngine(log = []) {
  return {
    version: () => '0.0.0-fake',
    options: () => JSON.stringify({ ok: true, options: { name: 'spec' } }),
    validateWidget: () => JSON.stringify({ ok: true, diagnostics: [] }),
    countPieces: () => JSON.stringify({ ok: true, pieces: 0 }),  // nothing to split across a pool
    parseLesson: (text, filename) => JSON.stringify({ ok: true, lesson: { id: filename, title: text.slice(0, 10), body: '', sections: [] }, diagnostics: [] }),
    runExperiment(specText, filesText, onProgress) {
      const spec = JSON.parse(specText);
      // The host passes an object; fetched files arrive as UTF-8 bytes (the fake reads them as text).
      const given = typeof filesText === 'string' ? JSON.parse(filesText) : filesText;
      const files = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? v : new TextDecoder().decode(v)]));
      log.push({ spec, files, bytes: Object.keys(given).filter((k) => given[k] instanceof Uint8Array) });
      if (spec.fake?.error) return JSON.stringify({ ok: false, error: { kind: 'input', message: 'must be > 0', field: spec.fake.error } });
      if (spec.fake?.throw) throw 5243120;  // what a C++ exception looks like across embind
      const epochs = spec.fake?.epochs ?? 3;
      for (let epoch = 1; epoch <= epochs; epoch++) {
        if (onProgress && onProgress(JSON.stringify({ stage: 'train', done: epoch, total: epochs, data: { epoch, loss: 1 / epoch } })) === false) {
          return JSON.stringify({ ok: false, error: { kind: 'cancelled', message: 'cancelled' } });
        }
      }
      const rows = Object.values(files).map((t) => t.trim().split('\n').length - 1);
      return JSON.stringify({ ok: true, result: { metrics: FAKE_METRICS, rows } });
    },
  };
}

export class FakeWorker {
  static instances = [];

  constructor({ files = {}, engine = fakeEngine(), loadFails = false, gate = null, httpStatus = 404 } = {}) {
    this.onmessage = null;
    this.onerror = null;
    this.terminated = false;
    this.received = [];
    this.fetched = [];  // URLs fetchText was asked for, in order
    this.posted = [];  // what the host posted to the page, in order
    this.gate = gate;  // a promise that runs wait for
    this.gateOnly = null;  // which runs wait (all when null)
    this.queue = Promise.resolve();
    this.host = new EngineHost({
      post: (message) => {
        this.posted.push(message);
        setImmediate(() => !this.terminated && this.onmessage?.({ data: message }));
      },
      fetchText: async (url) => {
        this.fetched.push(url.href);
        // The worker's reading of the response; a file not in `files` gets `httpStatus`.
        const response = url.href in files ? new Response(files[url.href]) : new Response('no', { status: httpStatus });
        return datasetText(response, url);
      },
      loadEngine: async (init) => {
        if (loadFails) throw new Error('engine.mjs: HTTP 404');
        return { engine, compiled: init.module || init.moduleFromPage ? undefined : { compiledBy: FakeWorker.instances.indexOf(this) } };  // as engine-worker.ts: it reports only a module it compiled
      },
    });
    FakeWorker.instances.push(this);
  }

  postMessage(message) {
    if (this.terminated) return;
    this.received.push(message);
    this.queue = this.queue.then(async () => {
      if (message.type === 'run' && this.gate && (!this.gateOnly || this.gateOnly(message))) await this.gate;
      if (!this.terminated) await this.host.handle(message);
    });
  }

  terminate() {
    this.terminated = true;
  }
}

export function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}
