// The accessibility gate: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the front page, the
// lesson page (before and after both widgets ran) and widget.html (each widget), each at 1280 px and 360 px
// in the light and the dark colour scheme; any violation fails the test with its rule, impact
// and the elements (selectors, `>>>` entering a shadow root). At 360 px, also anything wider
// than the window outside a labelled scroll region (WCAG 1.4.10 reflow: tables scroll in their
// own region, never the page). Plus a widget run and a slider
// moved by keyboard alone. One browser; each page is loaded once and resized and recoloured in
// place (runs are not repeated per look), so the suite stays short.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openPage, runResult, startLab } from './harness.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LOOKS = [
  { width: 1280, height: 900, colorScheme: 'light' },
  { width: 1280, height: 900, colorScheme: 'dark' },
  { width: 360, height: 800, colorScheme: 'light' },
  { width: 360, height: 800, colorScheme: 'dark' },
];
// The static page, as the course page links it (static-lesson.test.mjs checks it with JavaScript off too).
const LESSON = 'lesson-ai-builder-ch3-lesson4.html';
const LAB_WIDGET = '/widgets/optimization_lab.titanic.json';
const EXPLORER_WIDGET = '/widgets/performance_tradeoff.titanic.json';
const KEYBOARD_WIDGET = '/fixtures/widgets/keyboard-lab.json';
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** A page whose context may run axe: the site's CSP forbids injected scripts, so the test's
 *  context (only) bypasses it. */
async function openChecked(path, ready) {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await openPage(lab, path, { context });
  page.setDefaultTimeout(120_000);
  await ready(page);
  return page;
}

/** axe's violations on the page as it is now: [{ id, impact, help, targets }]. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const report = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    const selector = (target) => target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' ');
    return report.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => selector(n.target)) }));
  }, TAGS);
}

/**
 * What is wider than the window and not inside a labelled scroll region (role="region" with a
 * name, in the tab order, scrolling sideways itself): the page would scroll sideways, or cut it
 * off. Looks into shadow roots. [] when everything fits or scrolls in its own region.
 */
function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const isRegion = (el) => el.matches('[role="region"][aria-label]:not([aria-label=""])') && el.getAttribute('tabindex') === '0'
      && /auto|scroll/.test(getComputedStyle(el).overflowX);
    const inRegion = (el) => {
      for (let n = el; n; n = n.parentElement ?? n.getRootNode().host) if (isRegion(n)) return true;
      return false;
    };
    const describe = (el) => {
      const parts = [];
      for (let n = el; n && parts.length < 4; n = n.parentElement ?? n.getRootNode().host) {
        parts.unshift(`${n.localName}${n.id ? `#${n.id}` : ''}${n.classList.length ? `.${[...n.classList].join('.')}` : ''}`);
      }
      return parts.join(' > ');
    };
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        // A box that clips its own content (a one-line label with an ellipsis) scrolls nothing
        // sideways: its own width is what must fit; any other box, its content's.
        const clips = ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
        const wide = clips ? Math.round(el.getBoundingClientRect().width) : el.scrollWidth;
        if (wide > width && !inRegion(el)) found.push(`${describe(el)} is ${wide}px wide in a ${width}px window`);
      }
    };
    walk(document);
    return found;
  });
}

/**
 * Every violation of the page in each look, one line per rule and element set with the looks
 * it appears in (so one problem is listed once, not four times).
 */
async function violationsInEveryLook(page, what) {
  const found = new Map();
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.colorScheme });
    // Charts redraw on resize from a ResizeObserver: let two frames pass so axe sees the new layout.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (const v of await violations(page)) {
      const key = `${v.id} (${v.impact}): ${v.help}\n      ${v.targets.join('\n      ')}`;
      found.set(key, [...(found.get(key) ?? []), `${look.width}px ${look.colorScheme}`]);
    }
    // On a phone nothing may be wider than the window unless it scrolls in its own labelled region.
    if (look.width <= 360) {
      for (const line of await sidewaysOverflow(page)) {
        const key = `sideways overflow outside a labelled scroll region: ${line}`;
        found.set(key, [...(found.get(key) ?? []), `${look.width}px ${look.colorScheme}`]);
      }
    }
  }
  return [...found].map(([key, looks]) => `${what} [${looks.join(', ')}]: ${key}`);
}

const assertNone = (lines) => assert.deepEqual(lines, [], `WCAG violations:\n${lines.join('\n')}`);

test('the front page has no WCAG 2.2 A/AA violation, wide and narrow, light and dark', async () => {
  const page = await openChecked('index.html', (p) => p.locator('.catalog-entry').first().waitFor());
  assertNone(await violationsInEveryLook(page, 'index.html'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the lesson page has no WCAG 2.2 A/AA violation, before and after both widgets ran', { timeout: 300_000 }, async () => {
  const page = await openChecked(LESSON, async (p) => {
    await p.locator('#lesson-title').waitFor();
    for (const tag of ['optimization-lab', 'performance-tradeoff-explorer']) await p.locator(`${tag} button.run:not([disabled])`).waitFor();
  });
  const found = await violationsInEveryLook(page, 'lesson, before the runs');
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const tag of ['optimization-lab', 'performance-tradeoff-explorer']) {
    await runResult(page, tag, () => page.locator(`${tag} button.run`).click());
  }
  found.push(...await violationsInEveryLook(page, 'lesson, after both runs'));
  assertNone(found);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('widget.html has no WCAG 2.2 A/AA violation, before and after a run', { timeout: 300_000 }, async () => {
  const path = `widget.html?src=${encodeURIComponent(LAB_WIDGET)}`;
  const page = await openChecked(path, (p) => p.locator('optimization-lab button.run:not([disabled])').waitFor());
  const found = await violationsInEveryLook(page, 'widget.html, before the run');
  await page.setViewportSize({ width: 1280, height: 900 });
  await runResult(page, 'optimization-lab', () => page.locator('optimization-lab button.run').click());
  found.push(...await violationsInEveryLook(page, 'widget.html, after the run'));
  assertNone(found);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the explorer\'s widget.html has no WCAG 2.2 A/AA violation, before and after a run', { timeout: 300_000 }, async () => {
  const path = `widget.html?src=${encodeURIComponent(EXPLORER_WIDGET)}`;
  const tag = 'performance-tradeoff-explorer';
  const page = await openChecked(path, (p) => p.locator(`${tag} button.run:not([disabled])`).waitFor());
  const found = await violationsInEveryLook(page, 'explorer widget.html, before the run');
  await page.setViewportSize({ width: 1280, height: 900 });
  await runResult(page, tag, () => page.locator(`${tag} button.run`).click());
  found.push(...await violationsInEveryLook(page, 'explorer widget.html, after the run'));
  assertNone(found);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The focused element, looking into shadow roots: { className, type, value }. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? { className: String(el.className), type: el.getAttribute('type'), value: el.value } : null;
});

/** Presses Tab until `wanted(focused)` holds; fails after `limit` presses. */
async function tabTo(page, wanted, what, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  assert.fail(`${what} was not reached in ${limit} presses of Tab`);
}

test('by keyboard alone: Tab reaches Run, Enter and Space run the widget, arrows move a slider and the result follows', { timeout: 120_000 }, async () => {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(KEYBOARD_WIDGET)}`);
  const tag = 'optimization-lab';
  await page.locator(`${tag} button.run:not([disabled])`).waitFor({ timeout: 15_000 });
  await tabTo(page, (f) => /\brun\b/.test(f?.className ?? ''), 'the Run button');
  const first = await runResult(page, tag, () => page.keyboard.press('Enter'));
  const loss = (detail) => detail.result.experiments.dropout.history.at(-1).loss;
  assert.ok(Number.isFinite(loss(first)), 'Enter ran the widget');
  const again = await runResult(page, tag, () => page.keyboard.press('Space'));
  assert.equal(loss(again), loss(first), 'Space ran it again with the same settings (the engine is deterministic)');

  await tabTo(page, (f) => f?.type === 'range', 'the dropout slider');
  const before = Number((await focused(page)).value);
  const moved = await runResult(page, tag, () => page.keyboard.press('ArrowRight'));
  const after = Number((await focused(page)).value);
  assert.ok(Math.abs(after - before - 0.1) < 1e-9, `ArrowRight moves the slider one step: ${before} → ${after}`);
  assert.notEqual(loss(moved), loss(first), 'the run with the new dropout rate has other numbers');
  assert.match(page.url(), /model\.dropout=0\.2/, 'the new value is the widget\'s setting');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
