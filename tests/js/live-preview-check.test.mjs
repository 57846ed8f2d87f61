// The live preview's verdict on a widget text file (tools/live-preview.mjs, check): the site's own
// engine (engine-authoring's validateWidgetText) checks it against the widget file its "widget"
// field names, with the messages tools/lab validate gives; no native CLI is involved. Needs the
// built site (npm run build): skipped without it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSiteEngine } from '../../web/scripts/site-content.mjs';
import { LivePreview } from '../../tools/live-preview.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SITE = join(ROOT, 'build/site');
const skip = existsSync(join(SITE, 'engine-authoring.wasm')) ? false : 'no built site (npm run build)';
const PATH = 'widgets/i18n/optimization_lab.titanic.de.json';

async function preview() {
  const live = new LivePreview({ siteDir: SITE, contentDir: ROOT, log: { log() {} } });
  live.engine = await loadSiteEngine(SITE);  // start() would also watch and write pages
  return live;
}

test('a widget text file: the committed German is clean; a missing string, a changed placeholder and a missing widget file are errors naming the file', { skip }, async () => {
  const live = await preview();
  const text = readFileSync(join(ROOT, PATH), 'utf8');
  assert.deepEqual(live.check(PATH, new TextEncoder().encode(text)).problems, []);

  const doc = JSON.parse(text);
  const missing = Object.keys(doc.text)[0];
  delete doc.text[missing];
  const notice = Object.keys(doc.text).find((k) => k.endsWith('/notice'));
  doc.text[notice] = 'ohne Platzhalter';
  const problems = live.check(PATH, new TextEncoder().encode(JSON.stringify(doc, null, 2))).problems;
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.ok(problems.every((p) => /^widgets\/i18n\/optimization_lab\.titanic\.de\.json:\d+:\d+: error: /.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes(`key '${missing}' is missing`)), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes(`key '${notice}' has placeholders`)), problems.join('\n'));

  const elsewhere = live.check(PATH, new TextEncoder().encode(JSON.stringify({ ...JSON.parse(text), widget: '../nowhere.json' }))).problems;
  assert.deepEqual(elsewhere, [`${PATH}: error: widget: widget file "../nowhere.json" not found (looked for widgets/nowhere.json)`]);
  assert.match(live.check(PATH, new TextEncoder().encode('{ "lang": ')).problems[0], /^widgets\/i18n\/optimization_lab\.titanic\.de\.json:1:\d+: error: /);
});
