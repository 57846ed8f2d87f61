// The site's pages (course, lesson, standalone widget). Built into build/site with relative
// URLs, so the folder works from any path on any static host. The embeddable module script and
// the engine worker are a second build (vite.widgets.config.mjs) with fixed file names.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { i18nVitePlugin } from './scripts/i18n-catalogs.mjs';

const web = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: web,
  base: './',
  publicDir: false,
  // English messages arrive precompiled and the ICU parser stays out of the pages.
  plugins: [i18nVitePlugin()],
  build: {
    outDir: fileURLToPath(new URL('../build/site', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: `${web}index.html`,
        lesson: `${web}lesson.html`,
        widget: `${web}widget.html`,
      },
    },
  },
});
