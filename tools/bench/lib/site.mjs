// The bench's web side: a copy of the built site with the bench pages (tools/bench/pages) under
// /bench/, TensorFlow.js and uPlot from node_modules under /bench/vendor/ (no CDN), the
// bench-only wasm module and the bench's data files; served by tools/lib/site-server.mjs (the
// server tools/serve.mjs runs: its MIME types and CSP), optionally cross-origin isolated; Debian's Chromium driven by
// playwright-core as the end-to-end tests do.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { CSP, createSiteServer } from '../../lib/site-server.mjs';

export { launchChromium } from '../../lib/chromium.mjs';

const VENDOR = {
  'node_modules/@tensorflow/tfjs/dist/tf.min.js': 'tf.min.js',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js': 'tf-backend-wasm.min.js',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm': 'tfjs-backend-wasm.wasm',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm': 'tfjs-backend-wasm-simd.wasm',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm': 'tfjs-backend-wasm-threaded-simd.wasm',
  'node_modules/onnxruntime-web/dist/ort.wasm.min.mjs': 'ort.wasm.min.mjs',
  'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs': 'ort-wasm-simd-threaded.mjs',
  'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm': 'ort-wasm-simd-threaded.wasm',
  'node_modules/uplot/dist/uPlot.esm.js': 'uPlot.esm.js',
  'node_modules/uplot/dist/uPlot.min.css': 'uPlot.min.css',
};

/** build/bench-site/<pid>: build/site (or another built site) + tools/bench/pages at /bench/ + vendor
 *  files + the bench module (if built). One folder per run, so a CI smoke and a full run never
 *  share files. */
export function prepareSite(root, benchWasmDir, site = join(root, 'build/site')) {
  if (!existsSync(join(site, 'lesson.html')) || !existsSync(join(site, 'engine.wasm')))
    throw new Error(`${site} is not a built site: run tools/lab build`);
  const out = join(root, 'build/bench-site', String(process.pid));
  rmSync(out, { recursive: true, force: true });
  cpSync(site, out, { recursive: true });
  cpSync(join(root, 'tools/bench/pages'), join(out, 'bench'), { recursive: true });
  mkdirSync(join(out, 'bench/vendor'), { recursive: true });
  mkdirSync(join(out, 'bench/data'), { recursive: true });
  for (const [from, to] of Object.entries(VENDOR)) cpSync(join(root, from), join(out, 'bench/vendor', to));
  // Without the drivers (`--cases=4,6`) the bench page has no engine of its own; the site does.
  if (benchWasmDir) for (const f of ['bench_engine.mjs', 'bench_engine.wasm']) cpSync(join(benchWasmDir, f), join(out, 'bench', f));
  return out;
}

export function removeSite(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export function writeData(siteDir, name, text) {
  writeFileSync(join(siteDir, 'bench/data', name), text);
  return `/bench/data/${name}`;
}

// TF.js 4.22's tf.min.js evaluates a string while loading (its bundled regenerator-runtime's
// fallback `Function("r", "regeneratorRuntime = r")`), which the site's CSP forbids; only the
// bench's TF.js worker gets 'unsafe-eval'. The engine runs under the site's CSP unchanged.
const TFJS_WORKER = '/bench/tfjs-worker.js';

/** Serves `dir` on a free 127.0.0.1 port; `isolated` adds COOP/COEP (5 us timer resolution). */
export function serve(dir, { isolated }) {
  const handler = createSiteServer(dir).listeners('request')[0];
  const server = createServer((req, res) => {
    if (isolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    if ((req.url ?? '').split('?')[0] === TFJS_WORKER) {
      const writeHead = res.writeHead.bind(res);
      res.writeHead = (status, headers = {}) => writeHead(status, { ...headers,
        'Content-Security-Policy': CSP.replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'") });
    }
    handler(req, res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

/** A fresh context's page; console errors of the page and its workers are collected. */
export async function openPage(browser, url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') page.errors.push(`worker: ${m.text()}`); }));
  if (url) await page.goto(url);
  return page;
}
