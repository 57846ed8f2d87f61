// The site in other locales, in one browser: (a) the German lesson page speaks German (its
// chrome, quiz and widgets: no visible text is an English message that German words
// differently) with German numbers in a widget; (b) the en-XA pseudo-locale: every visible
// word of the interface carries the pseudo marks (⟦…⟧, accents), so a string that skipped the
// catalog shows up, the author's own words (marked with their `lang`), the widget files' text and
// the data's names and numbers excepted; (c) ar-XB: the page runs right to left, nothing
// overflows sideways at 360 and 1280 px, a widget's Run button is reachable and its run ends,
// and the widget mirrors: its start-edge marks sit on the right, its sticky name column sticks
// to the right with its edge line on its left, while its sliders and plots keep left to right.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openPage, runResult, startLab } from './harness.mjs';
import { readCatalog } from '../../web/scripts/i18n-catalogs.mjs';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const LESSON = 'ai-builder-ch3-lesson4';
let lab;
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** Every visible text node of the page, shadow roots included: its text, the nearest `lang`
 *  (crossing into the host of a shadow root) and whether it is in an element that is English by
 *  nature (code). */
function visibleTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const langOf = (el) => {
      for (let n = el; n; n = n.parentElement ?? n.getRootNode().host) if (n.hasAttribute?.('lang')) return n.getAttribute('lang');
      return null;
    };
    const walk = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.shadowRoot) walk(node.shadowRoot);
          continue;
        }
        const el = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !el || ['SCRIPT', 'STYLE', 'TITLE', 'OPTION'].includes(el.tagName)) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) || el.closest('.visually-hidden')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        out.push({ text, lang: langOf(el), code: !!el.closest('code, pre, kbd, samp'), widget: el.getRootNode() !== document });
      }
    };
    walk(document);
    return out;
  });
}

/** English messages (shell and widgets) as patterns: a message's literal text with anything for
 *  its placeholders; plurals and selects are skipped (their wording varies by count). */
function englishPatterns(differingFrom) {
  const english = readCatalog('en');
  const other = differingFrom ? readCatalog(differingFrom) : {};
  const patterns = [];
  for (const [key, source] of Object.entries(english)) {
    if (differingFrom && other[key] === source) continue;  // the same words in both
    const ast = parse(source);
    if (ast.some((el) => el.type === TYPE.plural || el.type === TYPE.select || el.type === TYPE.tag)) continue;
    const body = ast.map((el) => (el.type === TYPE.literal ? el.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '.+')).join('');
    if (body.replace(/\.\+/g, '').trim().length < 3) continue;  // "{title} · ML Lab"-like: too little of its own
    patterns.push({ key, re: new RegExp(`^${body.trim()}$`) });
  }
  return patterns;
}

/** Every string value of a widget file (its titles, notices, labels: the author's words). */
function widgetFileStrings() {
  const strings = new Set();
  const walk = (v) => {
    if (typeof v === 'string') strings.add(v.trim());
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  for (const f of ['optimization_lab.titanic.json', 'performance_tradeoff.titanic.json']) walk(JSON.parse(readFileSync(join(ROOT, 'widgets', f), 'utf8')));
  return strings;
}

/** The page with its two widgets ready and a run of the lab ended (its result on screen). */
async function lessonWithResults(page) {
  await page.locator('#lesson-title').waitFor({ timeout: 60_000 });
  for (const tag of ['optimization-lab', 'performance-tradeoff-explorer']) {
    await page.locator(tag).scrollIntoViewIfNeeded();
    await page.locator(`${tag} button.run:not([disabled])`).waitFor({ timeout: 120_000 });
  }
  await runResult(page, 'optimization-lab', () => page.locator('optimization-lab button.run').click());
}

test('(a) the German lesson page: <html lang="de">, no English interface text, German numbers in a widget', { timeout: 300_000 }, async () => {
  // The build wrote the page in German: its HTML reads German before any script runs.
  const html = readFileSync(join(ROOT, `build/site/lesson-${LESSON}.de.html`), 'utf8');
  assert.match(html, /<html lang="de" dir="ltr">/);
  assert.match(html, /<summary>Antwort anzeigen<\/summary>/);
  assert.match(html, /data-i18n="page.skipLink">Zum Inhalt springen</);
  const page = await openPage(lab, `lesson-${LESSON}.de.html`);
  await lessonWithResults(page);
  // The explorer's result too (it starts by itself once in view): its reasons and latency notes
  // are worded on the page from the engine's parts.
  await page.locator('performance-tradeoff-explorer table.variants tbody tr').first().waitFor({ timeout: 180_000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  // Made live, not drawn again: the text the build wrote was current.
  assert.equal(await page.evaluate(() => document.getElementById('lesson-layout').dataset.lessonId), LESSON);
  assert.equal(await page.locator('button.quiz-check').first().textContent(), 'Antwort prüfen');
  // The interface's own words are German ones: no text node is an English message that German
  // words differently.
  const patterns = englishPatterns('de');
  const english = [];
  for (const { text, code } of await visibleTexts(page)) {
    if (code) continue;
    const hit = patterns.find((p) => p.re.test(text));
    if (hit) english.push(`${JSON.stringify(text)} (${hit.key})`);
  }
  assert.deepEqual(english, [], `English interface text on the German page:\n${english.join('\n')}`);
  // The other language of the lesson is offered (the catalog lists the translation).
  const listed = JSON.parse(readFileSync(join(ROOT, 'lessons/index.json'), 'utf8')).lessons.find((e) => e.id === LESSON)?.translations ?? [];
  const switchLinks = await page.locator('.lesson-languages a').evaluateAll((links) => links.map((a) => [a.getAttribute('lang'), a.textContent]));
  assert.deepEqual(switchLinks, listed.some((tr) => tr.lang === 'de') ? [['en', 'English']] : []);
  // Numbers in German: a decimal comma in a widget's result (0,81 rather than 0.81).
  const widgetNumbers = (await page.evaluate(() => [...document.querySelectorAll('optimization-lab, performance-tradeoff-explorer')]
    .map((el) => el.shadowRoot?.textContent ?? '').join('\n')));
  // (a thousands comma of English, "1,309", would not match: a German fraction starts "0,".)
  assert.match(widgetNumbers, /(^|[^\d.,])0,\d{2}/, 'a German decimal comma in the widgets (0,47 rather than 0.47)');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('(b) en-XA: every visible interface text carries the pseudo-locale\'s marks', { timeout: 300_000 }, async () => {
  const page = await openPage(lab, `lesson.html?id=${LESSON}&lang=en-XA`);
  await lessonWithResults(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-XA');
  const authorText = widgetFileStrings();
  const csvHeader = readFileSync(join(ROOT, 'widgets/data/titanic.csv'), 'utf8').split('\n')[0].split(',').map((s) => s.replace(/"/g, '').trim());
  const marked = /[⟦⟧ÁáÉéÍíÓóÚúÇçÑñŠšŕĝĥĵķļɱƀðƒǫţṽŵẋýžŔ]/;
  // The data's own words: a column's name, a feature made of one ("gender=male").
  const dataWord = (text) => csvHeader.includes(text) || csvHeader.includes(text.split('=')[0]);
  // A widget file's title as a panel shows it, numbered ("2. Dropout").
  const authored = (text) => authorText.has(text) || authorText.has(text.replace(/^\d+\.\s+/, ''));
  const unmarked = [];
  for (const { text, lang, code, widget } of await visibleTexts(page)) {
    if (lang && lang !== 'en-XA') continue;  // the author's words, in the lesson's language
    if (code || !/\p{L}{2}/u.test(text)) continue;  // code, numbers, marks
    if (authored(text) || dataWord(text)) continue;
    if (!marked.test(text)) unmarked.push(`${widget ? 'widget' : 'shell'}: ${JSON.stringify(text)}`);
  }
  unmarked.sort();  // the shell's first
  assert.deepEqual(unmarked, [], `interface text without the pseudo-locale's marks (a string that skipped the catalog):\n${unmarked.join('\n')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('(c) ar-XB: right to left, nothing wider than the window at 360 and 1280 px, a widget runs', { timeout: 300_000 }, async () => {
  const page = await openPage(lab, `lesson.html?id=${LESSON}&lang=ar-XB`, { width: 360, height: 800 });
  await lessonWithResults(page);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar-XB');
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const overflow = await page.evaluate(() => {
      const client = document.documentElement.clientWidth;
      // What reaches past either edge (in rtl the page scrolls towards the left one).
      const outside = [...document.querySelectorAll('body *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < -1 || r.right > client + 1) && !el.closest('[role="region"][tabindex="0"]');
      }).slice(0, 5).map((el) => `${el.localName}.${[...el.classList].join('.')} [${Math.round(el.getBoundingClientRect().left)}, ${Math.round(el.getBoundingClientRect().right)}]`);
      return { scroll: document.documentElement.scrollWidth, client, outside };
    });
    assert.ok(overflow.scroll <= overflow.client, `at ${width}px the page is ${overflow.scroll}px wide in a ${overflow.client}px window: ${overflow.outside.join(', ')}`);
  }
  // The lab's Run button, reached by the keyboard as a learner would, starts a run that ends.
  const run = page.locator('optimization-lab button.run');
  await run.scrollIntoViewIfNeeded();
  await run.focus();
  const detail = await runResult(page, 'optimization-lab', () => page.keyboard.press('Enter'));
  assert.ok(detail.result, 'the run gave a result');
  // Mirrored by widget.css's logical properties: each is the physical side a rtl page puts it on.
  const sides = await page.locator('optimization-lab').evaluate((host) => {
    const root = host.shadowRoot;
    const style = (selector) => {
      const el = [...root.querySelectorAll(selector)].find((e) => e.getClientRects().length);
      return el ? getComputedStyle(el) : null;
    };
    const notice = style('.what-to-notice');
    const name = style('.table-scroll td:first-child, .table-scroll th:first-child');
    return {
      widget: getComputedStyle(host).direction,
      notice: notice && [notice.borderLeftWidth, notice.borderRightWidth],
      name: name && [name.position, name.left, name.right, name.boxShadow.replace(/^rgba?\([^)]*\) /, '')],
      slider: style('input[type="range"]')?.direction,
      plot: style('.u-wrap')?.direction,
    };
  });
  assert.deepEqual(sides, { widget: 'rtl', notice: ['0px', '3px'], name: ['sticky', 'auto', '0px', '1px 0px 0px 0px inset'], slider: 'ltr', plot: 'ltr' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('(d) the course page lists each translation; lesson.html?id=&lang= opens it; the course page in German', { timeout: 120_000 }, async () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'lessons/index.json'), 'utf8'));
  const translated = catalog.lessons.filter((e) => e.available && e.translations?.length);
  const page = await openPage(lab, 'index.html');
  await page.locator('.catalog-entry').first().waitFor();
  for (const entry of translated) {
    const links = await page.locator(`.catalog-entry[data-lesson="${entry.id}"] .lesson-translations a`)
      .evaluateAll((as) => as.map((a) => [a.getAttribute('lang'), a.getAttribute('href'), a.textContent]));
    assert.deepEqual(links, entry.translations.map((tr) => [tr.lang, `lesson-${entry.id}.${tr.lang}.html`, new Intl.DisplayNames([tr.lang], { type: 'language' }).of(tr.lang)]));
  }
  // The address form of a translation loads the translation's file.
  const de = catalog.lessons.find((e) => e.id === LESSON).translations.find((tr) => tr.lang === 'de');
  await page.goto(new URL(`lesson.html?id=${LESSON}&lang=de`, lab.url).href);
  await page.locator('#lesson-title').waitFor();
  assert.equal((await page.locator('#lesson-title').textContent()).trim(), de.title);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  // The course page's own words in German.
  await page.goto(new URL('index.html?lang=de', lab.url).href);
  await page.locator('.catalog-entry').first().waitFor();
  assert.equal(await page.locator('#catalog-title').textContent(), 'Lektionen');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
