// tools/lab pack --scorm: the manifest check finds each kind of broken manifest (a missing file
// among them); the packer refuses an unknown lesson or a widget naming missing data with one
// line, exit 1, nothing written; on the built site it writes a zip whose manifest passes,
// holding exactly the lesson page's files, whose page has no link out of the package and keeps
// the lesson's words; and the same site packs to the same bytes wherever and whenever it is packed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { checkManifest, parseXml, readPackage } from '../../tools/scorm/check-manifest.mjs';
import { lessonFiles } from '../../tools/scorm/lesson-files.mjs';
import { packagePath } from '../../tools/scorm/package-links.mjs';
import { scormManifest, xmlId } from '../../tools/scorm/manifest.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACK = join(ROOT, 'tools/pack.mjs');
const SITE = join(ROOT, 'build/site');
const work = mkdtempSync(join(tmpdir(), 'lab-scorm-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
const pack = (...args) => spawnSync(process.execPath, [PACK, ...args], { encoding: 'utf8' });
const packWith = (env, ...args) => spawnSync(process.execPath, [PACK, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const unzipText = (zip, file) => spawnSync('unzip', ['-p', zip, file], { encoding: 'utf8' }).stdout;
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Each entry's date as zip stores it (yyyymmdd.hhmmss), by name. */
function entryDates(zip) {
  const lines = spawnSync('unzip', ['-Z', '-T', zip], { encoding: 'utf8' }).stdout.split('\n');
  return new Map(lines.map((l) => l.match(/ (\d{8}\.\d{6}) (\S+)$/)).filter(Boolean).map((m) => [m[2], m[1]]));
}

/** Every relative href and src of the page `page` (a path in `zip`) that names no file in it. */
function referencesOutside(html, page, inZip) {
  const doc = new JSDOM(html).window.document;
  const refs = [...doc.querySelectorAll('[href], [src]')].flatMap((el) => ['href', 'src'].map((a) => el.getAttribute(a)).filter((v) => v !== null));
  return refs.filter((ref) => {
    const path = packagePath(page, ref);
    return path !== null && !inZip.includes(path);
  });
}

const FILES = ['lesson-x.html', 'assets/app.js', 'widgets/w.json'];
const good = () => scormManifest({ id: 'lesson-x', title: 'A & B <lesson>', launch: 'lesson-x.html', files: FILES });
const entries = ['imsmanifest.xml', ...FILES];

test('a manifest as the packer writes it passes, with its title escaped', () => {
  assert.deepEqual(checkManifest(good(), entries), []);
  const title = parseXml(good()).children.find((c) => c.name === 'organizations').children[0].children[0];
  assert.equal(title.text, 'A & B <lesson>');
  assert.equal(xmlId('ORG', '3rd lesson/é'), 'ORG-3rd_lesson__');
});

test('the manifest check names a missing file, an unlisted file, bad or repeated identifiers and missing SCORM parts', () => {
  const cases = [
    [good(), ['imsmanifest.xml', 'lesson-x.html', 'widgets/w.json'], ['imsmanifest.xml: <file href="assets/app.js"> is not in the package']],
    [good(), [...entries, 'extra.js'], ['imsmanifest.xml: extra.js is in the package but not listed in a <file>']],
    [good(), FILES, ['imsmanifest.xml is not at the package\'s root']],
    [good().replace('identifier="ITEM-lesson-x"', 'identifier="ORG-lesson-x"'), entries, [
      'imsmanifest.xml: line 14: identifier "ORG-lesson-x" is used twice (also line 12)']],
    [good().replace('identifier="RES-lesson-x"', 'identifier="1-res"').replace('identifierref="RES-lesson-x"', 'identifierref="1-res"'), entries, [
      'imsmanifest.xml: line 20: identifier "1-res" of <resource> is not a valid xs:ID']],
    [good().replace('<schemaversion>1.2</schemaversion>', '<schemaversion>CAM 1.3</schemaversion>'), entries, [
      'imsmanifest.xml: <metadata><schemaversion> is "CAM 1.3", expected "1.2"']],
    [good().replace(' adlcp:scormtype="sco"', ''), entries, ['imsmanifest.xml: the <resource> has adlcp:scormtype null, expected "sco"']],
    [good().replace('identifierref="RES-lesson-x"', 'identifierref="RES-other"'), entries, [
      'imsmanifest.xml: the <item>\'s identifierref "RES-other" does not name the resource ("RES-lesson-x")']],
    [good().replace('href="lesson-x.html">', 'href="start.html">'), entries, [
      'imsmanifest.xml: the launch page "start.html" is not one of the resource\'s <file>s']],
    [good().replace('</organizations>', ''), entries, ['imsmanifest.xml: not well-formed XML (line 26: </manifest> closes <organizations>)']],
  ];
  for (const [xml, files, expected] of cases) assert.deepEqual(checkManifest(xml, files), expected);
});

/** A site with just what the packer reads: a catalog, the build's parse index, one lesson with one widget. */
function fakeSite(name, { csv = 'data/w.csv', writeCsv = true } = {}) {
  const site = join(work, name);
  mkdirSync(join(site, 'lessons'), { recursive: true });
  mkdirSync(join(site, 'parsed-lessons'));
  mkdirSync(join(site, 'widgets/data'), { recursive: true });
  writeFileSync(join(site, 'lessons/index.json'), JSON.stringify({ lessons: [
    { id: 'lesson-x', title: 'X', path: '/lessons/lesson-x.md' }, { id: 'lesson-y', title: 'Y', path: '/lessons/lesson-y.md', available: false }] }));
  writeFileSync(join(site, 'lessons/lesson-x.md'), '---\nid: lesson-x\n---\n');
  writeFileSync(join(site, 'parsed-lessons/index.json'), JSON.stringify({
    lessons: { 'lessons/lesson-x.md': { file: 'lesson-x.1.json' } }, catalog: { file: 'catalog.1.json' }, pages: { 'lesson-x': 'lesson-lesson-x.html' } }));
  writeFileSync(join(site, 'parsed-lessons/catalog.1.json'), '{}');
  writeFileSync(join(site, 'parsed-lessons/lesson-x.1.json'), JSON.stringify({ answer: { ok: true, lesson: { widgets: [{ type: 'optimization_lab', data: '/widgets/w.json' }] } } }));
  writeFileSync(join(site, 'widgets/w.json'), JSON.stringify({ dataset: { csv } }));
  if (writeCsv) writeFileSync(join(site, 'widgets/data/w.csv'), 'a,b\n1,2\n');
  writeFileSync(join(site, 'lesson-lesson-x.html'), '<!DOCTYPE html><html lang="en"><head><script type="module" src="./assets/app.js"></script></head></html>');
  mkdirSync(join(site, 'assets'));
  writeFileSync(join(site, 'assets/app.js'), 'import("./chunk.js");');
  writeFileSync(join(site, 'assets/chunk.js'), '');
  for (const f of ['lab-engine-worker.js', 'engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm', 'lab-onnx.js', 'lab-widgets.js', 'lab-sw.js', 'index.html']) writeFileSync(join(site, f), '');
  return site;
}

test('an unknown or unavailable lesson id is refused naming lessons/index.json and the known ids; nothing is written', () => {
  const site = fakeSite('site-ids');
  const out = join(work, 'out-ids');
  let r = pack('--scorm', 'nope', '--site', site, '--out', out);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `lab pack: ${join(site, 'lessons/index.json')}: no lesson "nope" (known: lesson-x)\n`);
  r = pack('--scorm', 'lesson-y', '--site', site, '--out', out);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lab pack: .*lessons\/index.json: lesson "lesson-y" has no file yet \(available: false; lessons with files: lesson-x\)\n$/);
  // The checkout's own catalog when no --site is given (the message names it as typed).
  r = spawnSync(process.execPath, [PACK, '--scorm', 'no-such-lesson', '--out', out], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lab pack: lessons\/index\.json: no lesson "no-such-lesson" \(known: [a-z0-9-]+(, [a-z0-9-]+)*\)\n$/);
  r = pack('--scorm');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--scorm needs a lesson id/);
  assert.equal(existsSync(out), false);
});

test('a widget naming a data file the site lacks is refused naming the widget file and field; nothing is written', () => {
  const site = fakeSite('site-nocsv', { writeCsv: false });
  const out = join(work, 'out-nocsv');
  const r = pack('--scorm', 'lesson-x', '--site', site, '--out', out);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `lab pack: ${join(site, 'widgets/w.json')}: /dataset/csv names "data/w.csv", which the site does not have\n`);
  assert.equal(existsSync(out), false);
});

test('a small site is packed with exactly the files its page loads', () => {
  const site = fakeSite('site-ok');
  const out = join(work, 'out-ok');
  const r = pack('--scorm', 'lesson-x', '--site', site, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(out), ['lesson-x.scorm12.zip']);
  const { entries: inZip, manifest } = readPackage(join(out, 'lesson-x.scorm12.zip'));
  assert.deepEqual(checkManifest(manifest, inZip), []);
  assert.deepEqual(inZip.sort(), ['assets/app.js', 'assets/chunk.js', 'engine-authoring.mjs', 'engine-authoring.wasm', 'engine.mjs', 'engine.wasm',
    'imsmanifest.xml', 'lab-engine-worker.js', 'lab-onnx.js', 'lesson-lesson-x.html', 'lessons/index.json', 'lessons/lesson-x.md',
    'parsed-lessons/catalog.1.json', 'parsed-lessons/index.json', 'parsed-lessons/lesson-x.1.json', 'widgets/data/w.csv', 'widgets/w.json']);
  const page = spawnSync('unzip', ['-p', join(out, 'lesson-x.scorm12.zip'), 'lesson-lesson-x.html'], { encoding: 'utf8' }).stdout;
  assert.match(page, /<html data-lab-package="scorm12" lang="en">/);
  // The checker's command line on the same zip, then on a copy missing a file.
  const check = (zip) => spawnSync(process.execPath, [join(ROOT, 'tools/scorm/check-manifest.mjs'), zip], { encoding: 'utf8' });
  let c = check(join(out, 'lesson-x.scorm12.zip'));
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout, `${join(out, 'lesson-x.scorm12.zip')}: ok: 16 files and imsmanifest.xml\n`);
  const broken = join(work, 'broken.zip');
  cpSync(join(out, 'lesson-x.scorm12.zip'), broken);
  assert.equal(spawnSync('zip', ['-q', '-d', broken, 'widgets/data/w.csv']).status, 0);
  c = check(broken);
  assert.equal(c.status, 1);
  assert.equal(c.stderr, `${broken}: imsmanifest.xml: <file href="widgets/data/w.csv"> is not in the package\n`);
  c = check(join(site, 'lessons/index.json'));
  assert.equal(c.status, 1);
  assert.match(c.stderr, /index\.json: not a readable zip \(End-of-central-directory signature not found/);
});

const built = existsSync(join(SITE, 'parsed-lessons/index.json'));
test('the built site\'s lesson packs into a zip whose manifest passes', { skip: skipUnlessBuilt(built, 'build/site is not built') }, () => {
  const id = 'ai-builder-ch3-lesson4';
  const site = join(work, 'built-site');
  cpSync(SITE, site, { recursive: true });  // a copy: another test's build may replace build/site meanwhile
  const out = join(work, 'out-built');
  const r = pack('--scorm', id, '--site', site, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^pack: wrote .*ai-builder-ch3-lesson4\.scorm12\.zip \(SCORM 1\.2: \d+ files \+ imsmanifest\.xml, [\d.]+ MB; launches lesson-ai-builder-ch3-lesson4\.html\)\n$/);
  const { entries: inZip, manifest } = readPackage(join(out, `${id}.scorm12.zip`));
  assert.deepEqual(checkManifest(manifest, inZip), []);
  const { files } = lessonFiles(site, id);
  assert.deepEqual(inZip.filter((e) => e !== 'imsmanifest.xml').sort(), files);
  for (const f of ['engine.wasm', 'lab-engine-worker.js', `answers/${id}.json`, 'widgets/data/titanic.csv', 'widgets/optimization_lab.titanic.json']) assert.ok(files.includes(f), f);
  // Other lessons, other pages and the offline cache are not the lesson's.
  for (const f of files) assert.doesNotMatch(f, /lesson5|^index\.html$|^widget\.html$|lab-sw\.js|offline-manifest|lab-widgets\.js|iris\.csv/, f);

  // Its page leads nowhere outside the zip, and says all the site's page says but the language
  // list and the "own page" paragraphs.
  const launch = `lesson-${id}.html`;
  const page = unzipText(join(out, `${id}.scorm12.zip`), launch);
  assert.deepEqual(referencesOutside(page, launch, inZip), []);
  const siteDoc = new JSDOM(readFileSync(join(site, launch), 'utf8')).window.document;
  assert.ok(siteDoc.querySelector('nav.lesson-languages') && siteDoc.querySelectorAll('.lesson-widgets > p').length === 2, 'the site page has what the package drops');
  assert.ok(referencesOutside(siteDoc.documentElement.outerHTML, launch, inZip).length >= 5, 'the site page links out');
  for (const gone of siteDoc.querySelectorAll('nav.lesson-languages, .lesson-widgets > p')) gone.remove();
  const words = (doc) => doc.body.textContent.replace(/\s+/g, ' ').trim();
  assert.equal(words(new JSDOM(page).window.document), words(siteDoc));
  assert.match(words(siteDoc), /Next lesson: Evaluating a Model Honestly/);
});

test('the packaged page has no link out of the package: home and lesson links keep their words, the language list and "own page" paragraphs go', () => {
  const site = fakeSite('site-links');
  writeFileSync(join(site, 'lesson-lesson-x.html'), `<!DOCTYPE html><html lang="en"><head><script type="module" src="./assets/app.js"></script></head>
<body><header><a class="brand" href="./index.html" data-i18n="page.brand">ML Lab</a></header>
<nav class="lesson-languages" aria-label="Languages">Also in: <ul><li><a href="lesson-lesson-x.de.html" lang="de" hreflang="de">Deutsch</a></li></ul></nav>
<nav class="toc"><a href="#intro">Intro</a></nav>
<article><h2 id="intro">Intro</h2><p>Read <a href="lesson.html?id=lesson-z">the other lesson</a>, the <a href="widgets/data/w.csv">data</a>
and <a href="https://example.org/paper" rel="noopener noreferrer">the paper</a>.</p>
<div class="lesson-widgets"><optimization-lab src="widgets/w.json"></optimization-lab><p class="small"><a href="widget.html?src=%2Fwidgets%2Fw.json">Open this widget on its own page</a></p></div></article>
<footer><li class="next-lesson">Next lesson: <a href="lesson-lesson-y.html"><em>Y</em></a> →</li></footer></body></html>
`);
  const out = join(work, 'out-links');
  const r = pack('--scorm', 'lesson-x', '--site', site, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const zip = join(out, 'lesson-x.scorm12.zip');
  const page = unzipText(zip, 'lesson-lesson-x.html');
  const { entries: inZip } = readPackage(zip);
  assert.deepEqual(referencesOutside(page, 'lesson-lesson-x.html', inZip), []);
  const doc = new JSDOM(page).window.document;
  assert.equal(doc.querySelector('header').innerHTML, '<span class="brand" data-i18n="page.brand">ML Lab</span>');
  assert.equal(doc.querySelector('.next-lesson').innerHTML, 'Next lesson: <span><em>Y</em></span> →');
  assert.equal(doc.querySelector('nav.lesson-languages'), null);
  assert.equal(doc.querySelector('.lesson-widgets').innerHTML, '<optimization-lab src="widgets/w.json"></optimization-lab>');
  // In-page, packaged and other sites' links stay links; the unpackaged lesson is text.
  assert.deepEqual([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')), ['#intro', 'widgets/data/w.csv', 'https://example.org/paper']);
  assert.equal(doc.querySelector('article p').textContent, 'Read the other lesson, the data\nand the paper.');
  assert.match(page, /<\/html>\n$/);
  // The site's own page is as the build wrote it.
  assert.match(readFileSync(join(site, 'lesson-lesson-x.html'), 'utf8'), /<a class="brand" href=".\/index.html"/);
});

test('the same site packs to the same bytes, whatever the time and the time zone; every entry is dated 1980-01-01 or SOURCE_DATE_EPOCH', () => {
  const site = fakeSite('site-same');
  const zips = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'].map((tz, i) => {
    const out = join(work, `out-same-${i}`);
    const r = packWith({ TZ: tz, SOURCE_DATE_EPOCH: '' }, '--scorm', 'lesson-x', '--site', site, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    return join(out, 'lesson-x.scorm12.zip');
  });
  assert.equal(new Set(zips.map(sha256)).size, 1);
  const dates = entryDates(zips[0]);
  assert.equal(dates.size, 17);
  assert.deepEqual(new Set(dates.values()), new Set(['19800101.000000']));
  // The names in sorted order after the manifest: zip keeps the order it was given.
  assert.deepEqual([...dates.keys()], ['imsmanifest.xml', ...[...dates.keys()].slice(1).sort()]);

  const out = join(work, 'out-epoch');
  const r = packWith({ TZ: 'Asia/Tokyo', SOURCE_DATE_EPOCH: String(Date.UTC(2024, 4, 6, 7, 8, 9) / 1000) }, '--scorm', 'lesson-x', '--site', site, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(new Set(entryDates(join(out, 'lesson-x.scorm12.zip')).values()), new Set(['20240506.070808']));
});
