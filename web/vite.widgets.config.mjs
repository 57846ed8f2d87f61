// lab-widgets.js (the one module script course sites embed) and lab-engine-worker.js (the
// module Worker that runs the wasm engine). Fixed names at the site root, next to engine.mjs:
// embedders and the pages find the worker and the engine relative to these files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../build/site', import.meta.url)),
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: { 'lab-widgets': src('lab-widgets.ts'), 'lab-engine-worker': src('runtime/engine-worker.ts') },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { output: { chunkFileNames: 'assets/[name]-[hash].js' } },
  },
});
