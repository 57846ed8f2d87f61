// lab-widgets.js (the one module script course sites embed), lab-engine-worker.js (the
// module Worker that runs the wasm engine), lab-sw.js (the offline cache) and lab-onnx.js (the
// ONNX exporter the worker imports on a learner's first export), each one
// self-contained file with a fixed name at the site root, next to engine.mjs: embedders and
// the pages find the worker and the engine relative to them. Built once per file
// (`--mode widgets|worker|sw|onnx`) so none imports a shared chunk.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { i18nVitePlugin } from './scripts/i18n-catalogs.mjs';

const ENTRIES = {
  widgets: ['lab-widgets', 'lab-widgets.ts'],
  worker: ['lab-engine-worker', 'runtime/engine-worker.ts'],
  sw: ['lab-sw', 'offline/service-worker.ts'],
  onnx: ['lab-onnx', 'export/onnx-model.ts'],
};

export default defineConfig(({ mode }) => {
  const entry = ENTRIES[mode];
  if (!entry) throw new Error(`vite.widgets.config.mjs: --mode must be one of ${Object.keys(ENTRIES).join(', ')}`);
  const [name, file] = entry;
  return {
    publicDir: false,
    logLevel: 'warn',
    // The catalogs precompiled and the ICU parser left out, as in the pages' build.
    plugins: [i18nVitePlugin()],
    build: {
      outDir: fileURLToPath(new URL('../build/site', import.meta.url)),
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: { [name]: fileURLToPath(new URL(`./src/${file}`, import.meta.url)) },
        formats: ['es'],
        fileName: (_format, entryName) => `${entryName}.js`,
      },
      // One file each, as embedders copy them: code the pages load later (widget-text.ts) is
      // inlined here.
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  };
});
