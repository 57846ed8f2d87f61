// lab-widgets.js (the one module script course sites embed), lab-engine-worker.js (the
// module Worker that runs the wasm engine) and lab-sw.js (the offline cache), each one
// self-contained file with a fixed name at the site root, next to engine.mjs: embedders and
// the pages find the worker and the engine relative to them. Built once per file
// (`--mode widgets`, `--mode worker`, `--mode sw`) so none imports a shared chunk.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const ENTRIES = {
  widgets: ['lab-widgets', 'lab-widgets.ts'],
  worker: ['lab-engine-worker', 'runtime/engine-worker.ts'],
  sw: ['lab-sw', 'offline/service-worker.ts'],
};

export default defineConfig(({ mode }) => {
  const entry = ENTRIES[mode];
  if (!entry) throw new Error(`vite.widgets.config.mjs: --mode must be one of ${Object.keys(ENTRIES).join(', ')}`);
  const [name, file] = entry;
  return {
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: fileURLToPath(new URL('../build/site', import.meta.url)),
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: { [name]: fileURLToPath(new URL(`./src/${file}`, import.meta.url)) },
        formats: ['es'],
        fileName: (_format, entryName) => `${entryName}.js`,
      },
    },
  };
});
