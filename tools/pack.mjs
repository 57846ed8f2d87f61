#!/usr/bin/env node
// tools/lab pack --scorm LESSON_ID [--out DIR] [--site DIR]: one lesson as a SCORM 1.2 zip, by
// tools/scorm/pack-scorm.mjs (docs/lms.md).
// tools/lab pack [--out DIR] [--site DIR]: the files a course site copies in to embed the
// widgets, as a folder and as an npm-style tarball (npm pack over that folder):
//   DIR/ml-lab-widgets/  lab-widgets.js lab-engine-worker.js engine.mjs engine.wasm
//                        engine-authoring.mjs engine-authoring.wasm lab-onnx.js
//                        lab-widgets.d.ts package.json README.md
//   DIR/ml-lab-widgets-VERSION.tgz
// The widgets' styles are constructed stylesheets inside lab-widgets.js (Shadow DOM), so there
// is no CSS file to copy. Files come from the built site (default build/site; tools/lab pack
// builds it first). Bad input is one line on stderr naming the path, exit 2, nothing half-written
// left behind: the folder is assembled next to its destination and renamed into place.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PACKAGE_NAME = 'ml-lab-widgets';
// The runtime a page needs: the module script, the worker it starts and the engine it loads.
// engine-authoring.*: the lesson parser, which widgets never ask for (kept so the runtime is
// whole); lab-onnx.js: the explorer's ONNX exporter, fetched only on a learner's first "Download".
export const RUNTIME_FILES = ['lab-widgets.js', 'lab-engine-worker.js', 'engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm', 'lab-onnx.js'];

class Refusal extends Error {}
const refuse = (message) => { throw new Refusal(message); };
// Paths in messages as the user would type them: relative inside the checkout, else absolute.
const show = (path) => { const r = relative(process.cwd(), path); return r.startsWith('..') ? path : r || '.'; };

function parseArgs(args) {
  const out = { out: join(ROOT, 'build/pack'), site: join(ROOT, 'build/site') };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag !== '--out' && flag !== '--site') refuse(`unknown argument '${args[i]}' (usage: tools/lab pack [--out DIR] [--site DIR])`);
    const value = inline ?? args[++i];
    if (!value) refuse(`${flag} needs a folder`);
    out[flag.slice(2)] = resolve(value);
  }
  return out;
}

const TYPES = `// Types of lab-widgets.js (ml-lab-widgets). The elements register themselves on import.
export interface LabError { kind: 'input' | 'fetch' | 'engine' | 'resource' | 'internal'; message: string; field?: string; file?: string; line?: number; column?: number; }
export interface LabRunResultDetail { result: Record<string, unknown>; elapsedMs: number; panel?: string; part?: 'sweep'; cached?: boolean; }
export interface LabRunProgressDetail { stage: string; done: number; total: number; data: unknown; }
export interface LabWidgetEventMap extends HTMLElementEventMap {
  'lab-widget-load': CustomEvent<{ spec: Record<string, unknown>; widget: Record<string, unknown> }>;
  'lab-run-start': CustomEvent<{ spec: Record<string, unknown>; experiments?: Record<string, unknown>; values?: Record<string, unknown>; panel?: string; part?: string }>;
  'lab-run-progress': CustomEvent<LabRunProgressDetail>;
  'lab-run-result': CustomEvent<LabRunResultDetail>;
  'lab-run-error': CustomEvent<{ error: LabError }>;
  'lab-run-cancel': CustomEvent<Record<string, never>>;
  'lab-settings-change': CustomEvent<{ settings: Record<string, string | number | boolean> }>;
}
export declare class LabWidgetElement extends HTMLElement {
  /** Runs what the widget shows; a second call cancels the first (AbortError). */
  run(): Promise<Record<string, unknown>>;
  cancel(): void;
  readonly result: Record<string, unknown> | null;
  readonly spec: Record<string, unknown> | null;
  /** Settings by the names a shared link uses ({panel, seed, "dropout/model.dropout": 0.45}); the widget runs them. */
  applySettings(settings: Record<string, string | number | boolean>): void;
  currentSettings(): Record<string, string | number | boolean>;
  addEventListener<K extends keyof LabWidgetEventMap>(type: K, listener: (this: LabWidgetElement, ev: LabWidgetEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
export declare class OptimizationLabElement extends LabWidgetElement {}
export declare class PerformanceTradeoffExplorerElement extends LabWidgetElement {}
export declare function widgetElement(type: string): string | undefined;
/** anywidget's ES-module contract (docs/embedding.md): traits type, src, settings?, lang?, autorun?; writes result. */
export declare function render(props: { model: unknown; el: HTMLElement; signal?: AbortSignal }): () => void;
declare const _default: { render: typeof render };
export default _default;
declare global {
  interface HTMLElementTagNameMap {
    'optimization-lab': OptimizationLabElement;
    'performance-tradeoff-explorer': PerformanceTradeoffExplorerElement;
  }
}
`;

const README = (version) => `# ${PACKAGE_NAME} ${version}

The ML lab's embeddable widgets: \`<optimization-lab>\` and \`<performance-tradeoff-explorer>\`,
with the WebAssembly engine they run in a Web Worker. Copy this folder into a static site
(e.g. as \`lab/\`) and load one module script:

\`\`\`html
<script type="module" src="/lab/lab-widgets.js"></script>
<optimization-lab src="/widgets/optimization_lab.titanic.json"></optimization-lab>
<performance-tradeoff-explorer src="/widgets/performance_tradeoff.titanic.json"></performance-tradeoff-explorer>
\`\`\`

\`lab-widgets.js\` finds \`lab-engine-worker.js\`, \`engine.mjs\`, \`engine.wasm\` and the
engine's second module (\`engine-authoring.mjs\`, \`engine-authoring.wasm\`: the lesson parser)
next to itself; keep the files together. Styles live inside \`lab-widgets.js\` (Shadow DOM), so
the host page's CSS neither reaches the widgets nor is changed by them. Serve \`.wasm\` as
\`application/wasm\`. A page with a Content-Security-Policy needs \`'wasm-unsafe-eval'\` in
\`script-src\`. Widget files and their CSVs are the course's own (the lab's \`widgets/\` folder
holds examples). Attributes, events and the MkDocs and Sphinx recipes: docs/embedding.md of the
ML lab repository. Types: \`lab-widgets.d.ts\`.
`;

export function pack({ out, site }) {
  for (const f of RUNTIME_FILES) {
    if (!existsSync(join(site, f))) refuse(`${show(join(site, f))} is missing: build the site first (tools/lab build)`);
  }
  if (existsSync(out) && !statSync(out).isDirectory()) refuse(`--out ${show(out)} is not a folder`);
  // Not recursive: a missing parent is a typo worth naming, and Node's recursive mkdir spins
  // forever under /proc (seen: node 20, --out /proc/x).
  try {
    if (!existsSync(out)) mkdirSync(out);
  } catch (e) {
    refuse(`cannot create folder ${show(out)} (${e.code ?? e.message})`);
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const dest = join(out, PACKAGE_NAME);
  const staging = join(out, `.${PACKAGE_NAME}.${process.pid}`);
  try {
    mkdirSync(staging);
  } catch (e) {
    refuse(`cannot write to folder ${show(out)} (${e.code ?? e.message})`);
  }
  try {
    for (const f of RUNTIME_FILES) copyFileSync(join(site, f), join(staging, f));
    writeFileSync(join(staging, 'lab-widgets.d.ts'), TYPES);
    writeFileSync(join(staging, 'README.md'), README(version));
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify({
      name: PACKAGE_NAME,
      version,
      description: 'Embeddable in-browser ML lab widgets (custom elements) with their WebAssembly engine.',
      type: 'module',
      module: './lab-widgets.js',
      types: './lab-widgets.d.ts',
      exports: { '.': { types: './lab-widgets.d.ts', default: './lab-widgets.js' }, './*': './*' },
      files: [...RUNTIME_FILES, 'lab-widgets.d.ts', 'README.md'],
      sideEffects: true,
    }, null, 2)}\n`);
    // npm itself makes the tarball (its file list, its tar format), scripts never run.
    const npm = spawnSync('npm', ['pack', staging, '--pack-destination', out, '--ignore-scripts', '--json'], { encoding: 'utf8' });
    if (npm.status !== 0) refuse(`npm pack failed: ${(npm.stderr || npm.stdout).trim().split('\n').pop()}`);
    const [{ filename }] = JSON.parse(npm.stdout);
    rmSync(dest, { recursive: true, force: true });
    renameSync(staging, dest);
    return { folder: dest, tarball: join(out, filename) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === new URL(`file://${resolve(process.argv[1] ?? '')}`).href;
const wantsScorm = process.argv.slice(2).some((a) => a === '--scorm' || a.startsWith('--scorm='));
if (isMain && wantsScorm) {
  const { main } = await import('./scorm/pack-scorm.mjs');
  main(process.argv.slice(2));
} else if (isMain) {
  try {
    const { folder, tarball } = pack(parseArgs(process.argv.slice(2)));
    console.log(`pack: wrote ${show(folder)}/ and ${show(tarball)}`);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    console.error(`lab pack: ${e.message}`);
    process.exit(2);
  }
}
