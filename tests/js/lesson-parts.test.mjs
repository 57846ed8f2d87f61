// Parts of the lesson page a learner met at their worst, in a jsdom window with the page's own
// code (web/src/lesson/, built by `tsc -p web/tsconfig.node.json`): lessons not written yet are
// named, not linked; reflection questions the body restates in prose show once; the contents
// follow the section being read; the video's placeholder says it needs a connection instead of
// loading a player that cannot play.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resetBody, setOnline, window } from './helpers/dom-env.mjs';

const { renderHeader, lessonLink } = await import('../../build/js-test/lesson/lesson-header.js');
const { renderLessonText } = await import('../../build/js-test/lesson/lesson-page.js');
const { followCurrentSection, renderToc } = await import('../../build/js-test/lesson/toc.js');
const { renderVideo } = await import('../../build/js-test/lesson/video.js');

const entry = (id, title, available, extra = {}) => ({ id, title, chapter: null, prerequisites: [], duration_min: 5, tags: [], path: `/lessons/${id}.md`, available, ...extra });
const catalog = [entry('one', 'Lesson one', false), entry('two', 'Lesson two', true), entry('three', 'Lesson three', true, { prerequisites: ['one', 'two'] })];

const lesson = (extra) => ({
  id: 'three', title: 'Lesson three', duration_min: 10, prereqs: [], tags: [], video: null, widgets: [], goals: [], quiz: [], flashcards: [],
  reflection: [], next: null, body: '', sections: [], ...extra,
});

const textInput = (l) => ({
  lesson: l, progressId: l.id, lessonUrl: new URL('http://lab.test/lessons/three.md'), siteRoot: new URL('http://lab.test/'), catalog, diagnostics: [],
});

test('a prerequisite not written yet is its title marked "coming soon", not a link; a written one is a link', () => {
  const header = renderHeader(lesson({ prereqs: ['one', 'two'] }), catalog);
  const items = [...header.querySelectorAll('.prereqs li')];
  assert.deepEqual(items.map((li) => li.textContent), ['Lesson one (coming soon)', 'Lesson two']);
  assert.equal(items[0].querySelector('a'), null, 'no link to a lesson that does not exist yet');
  assert.equal(items[1].querySelector('a').getAttribute('href'), 'lesson.html?id=two');
  // A lesson the catalog does not know is still linked (its page may exist).
  assert.equal(lessonLink('elsewhere', catalog).tagName, 'A');
});

test('reflection questions the body asks again in prose show once, as the prompts with their boxes', () => {
  const prompts = ['Where would you put your model between speed and accuracy?', 'Which technique would you try first, and why?'];
  const body = '## Intro\n\nText? Questions elsewhere stay.\n\n## Reflection\nThink about who pays for each mistake.\n\n'
    + 'Where would you put your model between speed and accuracy? Which technique would you try first?\n\n## References\n\n- a link\n';
  const [, main] = renderLessonText(textInput(lesson({ body, reflection: prompts })));
  const article = main.querySelector('article');
  const section = [];
  for (let el = article.querySelector('#reflection').nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) section.push(el);
  const text = section.map((el) => el.textContent).join('\n');
  for (const prompt of prompts) assert.equal(text.split(prompt).length - 1, 1, `"${prompt}" shows once`);
  assert.doesNotMatch(text, /Which technique would you try first\?/, 'the prose restating the questions is gone');
  assert.match(text, /Think about who pays for each mistake\./, 'the section\'s introduction stays');
  assert.equal(section.filter((el) => el.matches('[data-live="reflection"]')).length, 1);
  assert.match(article.textContent, /Text\? Questions elsewhere stay\./, 'other sections are untouched');
});

test('a body without a Reflection section gets one, with the prompts once', () => {
  const [, main] = renderLessonText(textInput(lesson({ body: '## Intro\n\nText.\n', reflection: ['Why?'] })));
  assert.equal(main.querySelectorAll('.reflection-text li').length, 1);
  assert.equal(main.querySelector('article').textContent.split('Why?').length - 1, 1);
});

/** An IntersectionObserver the test drives: `fire` reports headings as a browser would. */
class FakeObserver {
  static last = null;
  constructor(callback, options) { this.callback = callback; this.options = options; this.targets = []; FakeObserver.last = this; }
  observe(target) { this.targets.push(target); }
  disconnect() { this.targets = []; }
  /** `tops`: heading id -> its top in px, in a window 1000 px high; the observed area is all
   *  above the reading line at 300 px (the top 30%), however far up. */
  fire(tops) {
    this.callback(this.targets.filter((t) => t.id in tops).map((target) => ({
      target, boundingClientRect: { top: tops[target.id] }, rootBounds: { top: -1e6, bottom: 300 },
      isIntersecting: tops[target.id] < 300,
    })), this);
  }
}

test('the contents mark the section being read as the learner scrolls (aria-current="location")', () => {
  resetBody();
  const article = document.createElement('article');
  article.innerHTML = '<h2 id="intro">Intro</h2><p>a</p><h2 id="core">Core</h2><h3 id="core-l1">L1</h3><p>b</p><h2 id="quiz">Quiz</h2>';
  const toc = renderToc(article);
  document.body.append(toc, article);
  globalThis.IntersectionObserver = FakeObserver;
  try {
    const stop = followCurrentSection(toc, article);
    // Everything above the line 30% down the window, however far up: a heading is reported
    // each time it crosses the line, even in a jump past the window.
    assert.match(FakeObserver.last.options.rootMargin, /^\d{6,}px 0px -70% 0px$/);
    assert.equal(FakeObserver.last.targets.length, 4);
    const current = () => [...toc.querySelectorAll('a[aria-current]')].map((a) => [a.getAttribute('href'), a.getAttribute('aria-current')]);
    // The top of the page: no heading reached yet.
    FakeObserver.last.fire({ intro: 400, core: 900, 'core-l1': 1000, quiz: 1600 });
    assert.deepEqual(current(), []);
    FakeObserver.last.fire({ intro: 100 });
    assert.deepEqual(current(), [['#intro', 'location']]);
    // Scrolled on: Intro has gone above the window, Core's h3 has reached the line.
    FakeObserver.last.fire({ intro: -500, core: -100, 'core-l1': 50 });
    assert.deepEqual(current(), [['#core-l1', 'location']]);
    // Back up: L1 below the line again, Core is the section being read.
    FakeObserver.last.fire({ 'core-l1': 500, core: 120 });
    assert.deepEqual(current(), [['#core', 'location']]);
    FakeObserver.last.fire({ intro: 20, core: 600 });
    assert.deepEqual(current(), [['#intro', 'location']]);
    // A jump to the end (past the window in one step): every heading crossed the line.
    FakeObserver.last.fire({ core: -2000, 'core-l1': -1500, quiz: 100 });
    assert.deepEqual(current(), [['#quiz', 'location']]);
    stop();
    assert.equal(FakeObserver.last.targets.length, 0);
  } finally {
    delete globalThis.IntersectionObserver;
  }
});

const VIDEO = { platform: 'youtube', id: 'abc123', start: 0, end: 720 };

test('offline, the video placeholder says it needs a connection and loads no player; online, the button loads it', () => {
  resetBody();
  setOnline(false);
  const section = renderVideo(VIDEO, 'A lesson');
  document.body.append(section);
  const button = section.querySelector('button.video-play');
  assert.match(button.textContent, /Play the video \(0:00 to 12:00\)/);
  assert.match(button.textContent, /Needs an internet connection/);
  assert.match(section.querySelector('.video-offline').textContent, /offline: the video needs a connection/);
  button.click();
  assert.equal(section.querySelector('iframe'), null, 'no player that cannot load');
  assert.ok(section.querySelector('button.video-play'));

  setOnline(true);
  assert.equal(section.querySelector('.video-offline').textContent, '');
  assert.match(button.textContent, /Loads the player from youtube-nocookie\.com/);
  button.click();
  const iframe = section.querySelector('iframe');
  assert.ok(iframe, 'the player loads on click');
  assert.match(iframe.getAttribute('src'), /^https:\/\/www\.youtube-nocookie\.com\/embed\/abc123\?/);

  // The connection goes while the player is shown: the placeholder comes back and says why.
  setOnline(false);
  assert.equal(section.querySelector('iframe'), null);
  assert.match(section.querySelector('button.video-play').textContent, /Needs an internet connection/);
  setOnline(true);
});

test('a player that fails to load gives way to the placeholder', () => {
  resetBody();
  const section = renderVideo(VIDEO, 'A lesson');
  document.body.append(section);
  section.querySelector('button.video-play').click();
  section.querySelector('iframe').dispatchEvent(new window.Event('error'));
  assert.equal(section.querySelector('iframe'), null);
  assert.ok(section.querySelector('button.video-play'));
  assert.match(section.querySelector('.video-offline').textContent, /could not be loaded: it needs an internet connection/);
});
