// Shared set-up of the end-to-end tests: a copy of the built site plus test-only fixtures
// (build/e2e-site), served by tools/serve.mjs on a free 127.0.0.1 port, and Debian's Chromium
// driven by playwright-core (headless, fresh temporary profile per launch). Console errors
// and uncaught page errors of every page are collected so each test can demand zero.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../tools/lib/chromium.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(ROOT, 'build/e2e-artifacts');
const SITE = join(ROOT, 'build/site');
const E2E_SITE = join(ROOT, 'build/e2e-site');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export { launchChromium };

/** build/site + fixtures: lessons/xss-fixture.md, fixtures/widgets/ and the bad-input catalog
 *  (served, never shipped). */
function prepareSite() {
  if (!existsSync(join(SITE, 'lesson.html'))) throw new Error('build/site is not built: run `npm run build` first');
  rmSync(E2E_SITE, { recursive: true, force: true });
  cpSync(SITE, E2E_SITE, { recursive: true });
  cpSync(join(FIXTURES, 'lessons'), join(E2E_SITE, 'lessons'), { recursive: true });
  cpSync(join(FIXTURES, 'widgets'), join(E2E_SITE, 'fixtures/widgets'), { recursive: true });
  // The bad-input catalog, as a course author would publish it: the files under fixtures/,
  // its lessons also as lessons/<name>.md (bad-inputs.test.mjs).
  const badInputs = join(ROOT, 'tests/bad_inputs');
  cpSync(badInputs, join(E2E_SITE, 'fixtures/bad_inputs'), { recursive: true });
  for (const f of readdirSync(badInputs).filter((n) => n.endsWith('.md'))) cpSync(join(badInputs, f), join(E2E_SITE, 'lessons', f));
  // A developer may point the tests at another engine build (e.g. a debug one).
  const engineDir = process.env.LAB_E2E_ENGINE_DIR;
  if (engineDir) for (const f of ['engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm']) cpSync(join(engineDir, f), join(E2E_SITE, f));
  if (!existsSync(join(E2E_SITE, 'engine.mjs'))) throw new Error('build/site has no engine.mjs: build the wasm engine (tools/lab build)');
  // The same site again in a subfolder, as on a host that serves it from /course/.
  cpSync(E2E_SITE, join(ROOT, 'build/e2e-site-sub'), { recursive: true });
  rmSync(join(E2E_SITE, 'course'), { recursive: true, force: true });
  cpSync(join(ROOT, 'build/e2e-site-sub'), join(E2E_SITE, 'course'), { recursive: true });
  rmSync(join(ROOT, 'build/e2e-site-sub'), { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}

function startServer() {
  const server = spawn(process.execPath, [join(ROOT, 'tools/serve.mjs'), E2E_SITE, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (url) resolve({ server, url: url[0] });
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

export async function startLab() {
  prepareSite();
  const { server, url } = await startServer();
  const browser = await launchChromium();
  return {
    url,
    browser,
    /** Stops serving (the site "goes offline" for every page). */
    async stopServer() {
      if (server.exitCode !== null) return;
      await new Promise((resolve) => { server.once('exit', resolve); server.kill('SIGTERM'); });
    },
    async close() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
    },
  };
}

/** A page in a fresh context whose console errors and page errors land in `page.errors`. */
export async function openPage(lab, path, { width = 1280, height = 900, context = null } = {}) {
  const ctx = context ?? (await lab.browser.newContext({ viewport: { width, height } }));
  const page = await ctx.newPage();
  page.errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`worker console: ${msg.text()}`);
  }));
  if (path !== null) await page.goto(new URL(path, lab.url).href);
  return page;
}

/** page.waitForFunction(fn, arg) under a bounded timeout (`timeout` ms, else the page's default
 *  timeout: Playwright's 30 s unless the test set another); a timeout fails naming `what`. */
export async function waitUntil(page, fn, arg, what, { timeout } = {}) {
  try {
    return await page.waitForFunction(fn, arg, timeout === undefined ? {} : { timeout });
  } catch (e) {
    throw new Error(`waited for ${what}: ${e.message.split('\n')[0]}`, { cause: e });
  }
}

/** Saves a screenshot to build/e2e-artifacts/ (`npm run screenshots` copies the current ones
 *  to docs/screenshots/ for the README). `full` adds a whole-page capture. */
export async function saveScreenshot(page, name, { full = false } = {}) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  if (full) await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true });
}

/** Saves a screenshot of one element (a whole widget, however tall) to build/e2e-artifacts/. */
export async function saveElementScreenshot(locator, name) {
  await locator.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Keeps, in the page, every run of the widget `tag` (the first element of that tag):
 *  window.labRuns.started holds each run's experiment names (['run'] for a spec without
 *  experiments), .results each lab-run-result detail, .errors each lab-run-error's error.
 *  Installed once per page load and widget; asking for another tag (a page with two widgets)
 *  makes window.labRuns that widget's record. afterRun installs it when a test has not. */
export function recordRuns(page, tag) {
  return page.evaluate((t) => {
    if (window.labRuns?.tag === t) return;
    const el = document.querySelector(t);
    const runs = { tag: t, started: [], results: [], errors: [] };
    window.labRuns = runs;
    el.addEventListener('lab-run-start', (e) => runs.started.push(Object.keys(e.detail?.experiments ?? e.detail?.spec?.experiments ?? { run: 1 })));
    el.addEventListener('lab-run-result', (e) => runs.results.push(e.detail));
    el.addEventListener('lab-run-error', (e) => runs.errors.push(e.detail.error));
  }, tag);
}

/** Does `act` and waits until the widget `tag` has ended one more run. Returns
 *  { ok: true, detail } (the lab-run-result detail: result, elapsedMs) or { ok: false, error }
 *  (the lab-run-error's error: kind, message, ...). Counting from before `act` means a run
 *  that ends before this call looks is never missed. */
export async function afterRun(page, tag, act) {
  await recordRuns(page, tag);
  const seen = await page.evaluate(() => ({ results: window.labRuns.results.length, errors: window.labRuns.errors.length }));
  await act();
  await waitUntil(page, (s) => window.labRuns.results.length > s.results || window.labRuns.errors.length > s.errors, seen,
    `${tag} to end a run (a lab-run-result or lab-run-error after ${seen.results} results and ${seen.errors} errors)`);
  return page.evaluate((s) => (window.labRuns.results.length > s.results
    ? { ok: true, detail: window.labRuns.results[s.results] }
    : { ok: false, error: window.labRuns.errors[s.errors] }), seen);
}

/** afterRun for a run that must succeed: fails with the engine's message otherwise, and
 *  returns the lab-run-result detail. */
export async function runResult(page, tag, act) {
  const outcome = await afterRun(page, tag, act);
  if (!outcome.ok) throw new Error(`${tag}: the run failed: ${outcome.error?.message ?? JSON.stringify(outcome.error)}`);
  return outcome.detail;
}
