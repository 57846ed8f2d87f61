// Soak: a learner moving the controls of both widgets of the lesson page for a long while, on
// one page and one engine client. Seeded random changes (sliders at random positions of their
// declared ranges, switches, selects, scenario choices), some in quick bursts that cancel the
// run before them, some left to finish. Then: no console error, every run finished or was
// cancelled by the next one, the engine's wasm memory below its ceiling, and the numbers of a
// final run equal those of a fresh page opened on the same settings (the URL).
// CI runs LAB_SOAK_CHANGES (default 150) changes; `tools/lab soak MINUTES` keeps going for that
// long and writes its figures to build/e2e-artifacts/soak.json (then docs/reliability.md).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, openPage, runResult, startLab, waitUntil } from './harness.mjs';

const CHANGES = Number(process.env.LAB_SOAK_CHANGES ?? 150);
const MINUTES = Number(process.env.LAB_SOAK_MINUTES ?? 0);
const SEED = Number(process.env.LAB_SOAK_SEED ?? 16);
const CEILING_BYTES = 2 ** 30;  // kMaxRunMemoryBytes (engine/src/core/limits.hpp) = -sMAXIMUM_MEMORY
const LESSON = 'lesson.html?id=ai-builder-ch3-lesson4&lab-test-hooks';
const WIDGETS = ['optimization-lab', 'performance-tradeoff-explorer'];
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed with its seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openLesson(path) {
  const page = await openPage(lab, path);
  page.setDefaultTimeout(300_000);
  // Where an uncaught error came from (the harness keeps only its message).
  page.stacks = [];
  page.on('pageerror', (error) => page.stacks.push(error.stack));
  for (const tag of WIDGETS) await page.locator(`${tag} button.run:not([disabled])`).waitFor();
  // Every run of each widget, by how it ended.
  await page.evaluate((tags) => {
    window.soak = {};
    for (const tag of tags) {
      const record = { started: 0, results: 0, cached: 0, cancelled: 0, errors: [] };
      window.soak[tag] = record;
      const el = document.querySelector(tag);
      el.addEventListener('lab-run-start', () => record.started++);
      // A result shown again from the lab's cache (settings seen before) has no lab-run-start.
      el.addEventListener('lab-run-result', (e) => (e.detail.cached ? record.cached++ : record.results++));
      el.addEventListener('lab-run-cancel', () => record.cancelled++);
      el.addEventListener('lab-run-error', (e) => record.errors.push(e.detail.error.message));
    }
  }, WIDGETS);
  return page;
}

/** Waits until both widgets' runs have ended: no rerun of the lab pending (waiting out its
 *  rerun delay or running: the element's pendingReruns) and no job in the engine client. */
async function idle(page) {
  await waitUntil(page, (tags) => tags.every((tag) => !(document.querySelector(tag).pendingReruns > 0)) && !window.labEngineTestHooks.counters().busy,
    WIDGETS, 'both widgets to have no rerun pending and the engine client no job', { timeout: 120_000 });
}

/** One change of a control, chosen with `r` (a number in [0, 1)) among the enabled controls
 *  of both widgets; returns what was changed, for the log of a failing run. */
function change(page, r1, r2) {
  return page.evaluate(([tags, a, b]) => {
    const controls = tags.flatMap((tag) => [...document.querySelector(tag).shadowRoot
      .querySelectorAll('.control input[type=range], .control input[role=switch], .control select, .scenario-list input[type=radio], [role=tab]')]
      .filter((el) => !el.disabled).map((el) => ({ tag, el })));
    const { tag, el } = controls[Math.floor(a * controls.length)];
    if (el.getAttribute('role') === 'tab') {  // the lab's panels: opening one runs it
      el.click();
      return `${tag} panel ${el.dataset.panel}`;
    }
    if (el.type === 'range') {
      const min = Number(el.min), max = Number(el.max), step = Number(el.step) || (max - min) / 100;
      el.value = String(min + Math.round((b * (max - min)) / step) * step);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (el.type === 'checkbox') {
      el.checked = !el.checked;
    } else if (el.tagName === 'SELECT') {
      el.selectedIndex = Math.floor(b * el.options.length);
    } else {
      el.checked = true;
    }
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return `${tag} ${el.closest('.control')?.dataset.option ?? el.value}=${el.type === 'checkbox' ? el.checked : el.value}`;
  }, [WIDGETS, r1, r2]);
}

/** The numbers of a result without what a clock measured (latency, and the ranking built on it). */
function deterministic(value) {
  if (Array.isArray(value)) return value.map(deterministic);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    // Timing and what follows from it: the kernel a form runs is the faster one measured, its
    // comparison with its base and the sentences on it, and the rounds' spread.
    .filter(([k]) => !/latency|_us$|_ms$|elapsed|pareto|scenarios|ranking|best|^kernel$|^vs_base$|^rounds$|^spread$|^busy$|^note$/i.test(k))
    .map(([k, v]) => [k, deterministic(v)]));
}

/** Runs both widgets as they are set (the lab on its current panel) and returns their numbers. */
async function finalRun(page) {
  const out = {};
  for (const tag of WIDGETS) {
    const { result } = await runResult(page, tag, () => page.locator(`${tag} button.run`).click());
    out[tag] = deterministic(result);
  }
  return out;
}

test(`soak: ${CHANGES} seeded control changes${MINUTES ? ` for ${MINUTES} min` : ''} across both widgets`, { timeout: Math.max(600_000, MINUTES * 60_000 * 2) }, async () => {
  const page = await openLesson(LESSON);
  for (const tag of WIDGETS) await runResult(page, tag, () => page.locator(`${tag} button.run`).click());
  const next = random(SEED);
  const log = [];
  const start = Date.now();
  let changes = 0;
  while (changes < CHANGES || Date.now() - start < MINUTES * 60_000) {
    log.push(await change(page, next(), next()));
    changes++;
    // Mostly quick bursts (each change cancels the run before it); now and then the run is
    // left to finish.
    if (next() < 0.1) await idle(page);
    else await page.waitForTimeout(Math.floor(next() * 150));
  }
  await idle(page);
  const runs = await page.evaluate(() => window.soak);
  const counters = await page.evaluate(() => window.labEngineTestHooks.counters());
  const figures = { seed: SEED, changes, minutes: (Date.now() - start) / 60_000, runs, ...counters,
    liveWorkers: page.workers().filter((w) => w.url().includes('lab-engine-worker')).length };
  writeFileSync(join(ARTIFACTS, 'soak.json'), `${JSON.stringify(figures, null, 2)}\n`);

  assert.deepEqual(page.errors, [], `console errors (changes: ${log.slice(-5).join('; ')}; stacks: ${page.stacks.join(' | ')})`);
  for (const tag of WIDGETS) {
    const r = runs[tag];
    assert.deepEqual(r.errors, [], `${tag}: runs that failed`);
    assert.ok(r.started > 1, `${tag}: the changes started runs`);
    assert.equal(r.started, r.results + r.cancelled, `${tag}: every run finished or was cancelled (${JSON.stringify(r)})`);
  }
  assert.ok(counters.lastMemoryBytes > 0 && counters.lastMemoryBytes < CEILING_BYTES, `wasm memory ${counters.lastMemoryBytes} B`);

  // The final numbers equal a fresh page's on the same settings (and the same lab panel).
  const panel = await page.locator('optimization-lab [role=tab][aria-selected=true]').getAttribute('data-panel');
  const soaked = await finalRun(page);
  const fresh = await openLesson(page.url());
  await fresh.locator(`optimization-lab [role=tab][data-panel="${panel}"]`).click();
  const again = await finalRun(fresh);
  // The soaked lab reruns only the panel's experiments whose settings changed (the rest it
  // reuses); the fresh one runs them all: every experiment the soaked run has must match.
  const names = Object.keys(soaked['optimization-lab'].experiments ?? {});
  assert.ok(names.length >= 1, 'the lab\'s final run has an experiment');
  for (const name of names) {
    assert.deepEqual(again['optimization-lab'].experiments[name], soaked['optimization-lab'].experiments[name], `lab experiment ${name}: a fresh page on ${page.url()} gives other numbers`);
  }
  assert.deepEqual(again['performance-tradeoff-explorer'], soaked['performance-tradeoff-explorer'], `explorer: a fresh page on ${page.url()} gives other numbers`);
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
  await page.context().close();
});
