// The hooks behind i18n-node.mjs (they run on Node's loader thread).
import { readFile } from 'node:fs/promises';

const catalogs = new URL('../../../web/i18n/', import.meta.url);
const compiled = /\/i18n\/([A-Za-z-]+)\/([a-z-]+)\.json$/;

export async function resolve(specifier, context, next) {
  const match = compiled.exec(specifier);
  if (match && context.parentURL?.includes('/build/js-test/')) {
    return { url: new URL(`${match[1]}/${match[2]}.json`, catalogs).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(catalogs.href) && url.endsWith('.json')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${text};`, shortCircuit: true };
  }
  return next(url, context);
}
