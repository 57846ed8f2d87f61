// Lets Node load the compiled web modules that import the i18n catalogs. The web code imports
// web/i18n/LANG/AREA.json as Vite does (a plain import, bundled); tsc leaves that import as it is
// in build/js-test, where no catalog is and where Node would want a JSON import attribute. This
// hook answers such an import with the catalog from web/i18n as a module whose default export is
// its object, so the modules run in Node unchanged. Import it before the modules under test
// (`await import(...)` after it, since static imports are hoisted).
import { register } from 'node:module';

register(new URL('./i18n-node-hooks.mjs', import.meta.url));
