// tools/lab new, run for real in a scratch copy of the checkout (tools/, schema/, lessons/,
// widgets/ and the built lab-cli): the files it writes validate at once and hold what it
// says; every refusal is one line naming the thing, exit 2, and leaves every file as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, beforeEach, test } from 'node:test';

import { root } from '../../tools/gen_docs.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const cli = join(root, 'build/native/engine/lab-cli');
const skip = skipUnlessBuilt(existsSync(cli), 'build/native/engine/lab-cli is not built (tools/lab build)');
const scratch = mkdtempSync(join(tmpdir(), 'lab-new-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let copy;

beforeEach(() => {
  if (skip) return;
  copy = mkdtempSync(join(scratch, 'checkout-'));
  for (const dir of ['tools', 'schema', 'lessons', 'widgets']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  mkdirSync(join(copy, 'build/native/engine'), { recursive: true });
  symlinkSync(cli, join(copy, 'build/native/engine/lab-cli'));
});

const lab = (...args) => spawnSync('bash', [join(copy, 'tools/lab'), ...args], { encoding: 'utf8' });

// Every file under the copy's lessons/ and widgets/ with its text: what "nothing written" compares.
function snapshot() {
  const files = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files[p] = readFileSync(p, 'utf8');
    }
  };
  walk(join(copy, 'lessons'));
  walk(join(copy, 'widgets'));
  return files;
}

function assertRefused(run, before, ...words) {
  assert.equal(run.status, 2, `exit ${run.status}: ${run.stdout}${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /^lab new: /);
  for (const w of words) assert.ok(lines[0].includes(w), `"${w}" not in: ${lines[0]}`);
  assert.deepEqual(snapshot(), before, 'a refused command changed files');
}

const validates = (...paths) => {
  const run = lab('validate', ...paths);
  assert.equal(run.status, 0, run.stdout + run.stderr);
};

function csv(name, text) {
  const file = join(copy, 'widgets/data', name);
  writeFileSync(file, text);
  return `widgets/data/${name}`;
}

test('new lesson: every front-matter field, in the catalog, valid at once', { skip }, () => {
  const run = lab('new', 'lesson', 'intro-to-trees', '--title', 'Decision trees, gently');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /wrote lessons\/intro-to-trees\.md/);
  validates('lessons');
  const fm = spawnSync(cli, ['front-matter', join(copy, 'lessons/intro-to-trees.md')], { encoding: 'utf8' });
  assert.equal(fm.status, 0, fm.stderr);
  const fields = Object.keys(JSON.parse(fm.stdout)).sort();
  const declared = Object.keys(JSON.parse(readFileSync(join(root, 'schema/lesson.schema.json'), 'utf8')).properties).sort();
  assert.deepEqual(fields, declared, 'the new lesson should show every front-matter field');
  const catalog = JSON.parse(readFileSync(join(copy, 'lessons/index.json'), 'utf8'));
  const entry = catalog.lessons.at(-1);
  assert.deepEqual(entry, { id: 'intro-to-trees', title: 'Decision trees, gently', chapter: 'ch3', duration_min: 30, tags: ['draft'], path: '/lessons/intro-to-trees.md', available: true });
  const old = JSON.parse(readFileSync(join(root, 'lessons/index.json'), 'utf8'));
  assert.deepEqual(catalog.lessons.slice(0, -1), old.lessons, 'the other entries are kept as they were');
});

test('new lesson refuses an existing id, one already in the catalog, a bad id and an unwritable folder', { skip }, () => {
  const before = snapshot();
  assertRefused(lab('new', 'lesson', 'ai-builder-ch3-lesson4'), before, 'lessons/ai-builder-ch3-lesson4.md', 'already exists');
  assertRefused(lab('new', 'lesson', 'ai-builder-ch3-lesson3'), before, "'ai-builder-ch3-lesson3'", 'lessons/index.json');
  assertRefused(lab('new', 'lesson', 'Intro_Trees'), before, "'Intro_Trees'", 'lowercase');
  assertRefused(lab('new', 'lesson', 'fresh-lesson', '--chapter', 'ch9'), before, '--chapter ch9', 'declares chapters ch3');
  assertRefused(lab('new', 'lesson', 'a', '--colour', 'red'), before, '--colour');
  // A folder that cannot take a file (as root, permission bits would not stop the write).
  rmSync(join(copy, 'lessons'), { recursive: true });
  writeFileSync(join(copy, 'lessons'), 'not a folder');
  const run = lab('new', 'lesson', 'fresh-lesson');
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr.trim(), /^lab new: lessons is not a folder$/);
  assert.equal(readFileSync(join(copy, 'lessons'), 'utf8'), 'not a folder');
});

test('new widget: both types over the CSV, target from --target, valid at once', { skip }, () => {
  let run = lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--target', 'survived', '--out', 'widgets/lab.json');
  assert.equal(run.status, 0, run.stderr);
  run = lab('new', 'widget', 'performance_tradeoff_explorer', '--data', 'widgets/data/titanic.csv', '--target', 'survived');
  assert.equal(run.status, 0, run.stderr);
  validates('widgets');
  const made = JSON.parse(readFileSync(join(copy, 'widgets/performance_tradeoff_explorer.titanic.json'), 'utf8'));
  assert.equal(made.widget.type, 'performance_tradeoff_explorer');
  assert.equal(made.dataset.target, 'survived');
  assert.equal(made.dataset.csv, 'data/titanic.csv');
  assert.ok(!made.dataset.features.includes('survived') && !made.dataset.features.includes('name'), made.dataset.features.join());
  assert.ok(existsSync(resolve(join(copy, 'widgets'), made.$schema)), `$schema ${made.$schema} does not resolve`);
});

test('new widget takes every kind of target for both types (least squares for a number), and writes $schema relative to any folder', { skip }, () => {
  const data = csv('one_target.csv', 'size,colour,bought\n1.5,red,yes\n2.5,blue,no\n3.5,green,yes\n4.5,red,no\n5.5,blue,yes\n6.5,green,no\n');
  mkdirSync(join(copy, 'widgets/course/week1'), { recursive: true });
  const run = lab('new', 'widget', 'performance_tradeoff_explorer', '--data', data, '--target', 'bought', '--out', 'widgets/course/week1/shop.json');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /target 'bought'/);
  validates('widgets/course/week1/shop.json');
  const made = JSON.parse(readFileSync(join(copy, 'widgets/course/week1/shop.json'), 'utf8'));
  assert.equal(made.$schema, '../../../schema/widget.schema.json');
  assert.equal(made.dataset.csv, '../../data/one_target.csv');
  // Both types take a multi-class target as it is, and a numeric one with least squares.
  for (const type of ['optimization_lab', 'performance_tradeoff_explorer']) {
    const colour = lab('new', 'widget', type, '--data', data, '--target', 'colour', '--out', `widgets/course/week1/colour.${type}.json`);
    assert.equal(colour.status, 0, colour.stderr);
    assert.match(colour.stdout, /target 'colour'.*\(3 classes\)/);
    validates(`widgets/course/week1/colour.${type}.json`);
    const size = lab('new', 'widget', type, '--data', data, '--target', 'size', '--out', `widgets/course/week1/size.${type}.json`);
    assert.equal(size.status, 0, size.stderr);
    assert.match(size.stdout, /\(a number: regression\)/);
    validates(`widgets/course/week1/size.${type}.json`);
    const text = readFileSync(join(copy, `widgets/course/week1/size.${type}.json`), 'utf8');
    assert.ok(text.includes('"linear_regression"') && !text.includes('"logistic_regression"'), text);
  }
  // The explorer's linear variant is named for what it now is.
  const names = JSON.parse(readFileSync(join(copy, 'widgets/course/week1/size.performance_tradeoff_explorer.json'), 'utf8')).variants.map((v) => v.name);
  assert.ok(names.includes('Linear regression') && !names.some((n) => /logistic/i.test(n)), names.join());
});

test('new widget refuses a CSV without a usable target, naming the candidates', { skip }, () => {
  const before0 = snapshot();
  const none = csv('no_target.csv', 'a,b\n1,x\n2,y\n3,z\n');
  const before = snapshot();
  assert.notDeepEqual(before, before0);
  const explorer = 'performance_tradeoff_explorer';
  assertRefused(lab('new', 'widget', explorer, '--data', none), before, 'widgets/data/no_target.csv', 'target candidates', '--target');
  assertRefused(lab('new', 'widget', explorer, '--data', 'widgets/data/titanic.csv', '--out', 'widgets/x.json'), before,
    'survived (two classes)', 'class (7 classes)', '--target');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--out', 'widgets/x.json'), before,
    'survived (two classes)', 'class (7 classes)', '--target');
  // The explorer takes any kind now; a column the engine cannot predict is still refused with its reason.
  assertRefused(lab('new', 'widget', explorer, '--data', 'widgets/data/titanic.csv', '--target', 'fare', '--out', 'widgets/x.json'), before,
    "column 'fare'", "the regression target 'fare' is empty in this row", 'survived (two classes)');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--target', 'nothing', '--out', 'widgets/x.json'), before, "no column 'nothing'");
  const single = csv('single.csv', 'a,b\nx,y\nx,y\nx,y\n');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', single), snapshot(), 'widgets/data/single.csv', 'no column with two or more classes, or a number');
  const ragged = csv('ragged.csv', 'a,b\n1,2\n3\n');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', ragged), snapshot(), 'widgets/data/ragged.csv', 'row has 1 fields');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/none.csv'), snapshot(), 'widgets/data/none.csv', 'not found');
});

test('new widget refuses an unknown type, an existing file and an unwritable folder', { skip }, () => {
  const before = snapshot();
  assertRefused(lab('new', 'widget', 'slideshow', '--data', 'widgets/data/titanic.csv'), before,
    "unknown widget type 'slideshow'", 'optimization_lab, performance_tradeoff_explorer');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--target', 'survived'), before,
    'widgets/optimization_lab.titanic.json', 'already exists');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--target', 'survived', '--out', 'widgets/missing/x.json'), before,
    'folder widgets/missing does not exist');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--target', 'survived', '--out', 'widgets/data/titanic.csv/x.json'), before,
    'widgets/data/titanic.csv is not a folder');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--out', 'widgets/x.json'), before, '--target');
  assertRefused(lab('new', 'widget', 'optimization_lab', '--data', 'widgets/data/titanic.csv', '--out', 'widgets/x.txt'), before, 'x.txt', '.json');
});
