// The generated JSON Schemas (schema/, docs/schema.md) and the engine agree on what they accept.
// Every bad-input catalog file, every committed widget file and lesson, and a set of one-change
// mutants of those goes through the engine (lab-cli: run for specs and CSVs, validate for
// widget files and lessons) and through ajv with the schema an editor would use; both must say
// the same. A rule JSON Schema cannot state (CSV contents, other files, sums and comparisons
// between fields) is listed in BEYOND_SCHEMA with its reason, and the test holds the list to
// the truth: the engine must reject such a case and the schema must accept it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import Ajv from 'ajv';

import { root } from '../../tools/gen_docs.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const cli = join(root, 'build/native/engine/lab-cli');
const skip = skipUnlessBuilt(existsSync(cli), 'build/native/engine/lab-cli is not built (tools/lab build)');
const badDir = join(root, 'tests/bad_inputs');
const catalog = JSON.parse(readFileSync(join(badDir, 'catalog.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'schema-agreement-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// Cases the engine rejects for a reason no JSON Schema can check, by file (catalog) or name (mutant).
const BEYOND_SCHEMA = {
  // csv: the spec naming the file is fine; the file's contents are what is wrong.
  'ragged.csv': 'CSV contents', 'empty.csv': 'CSV contents', 'broken_quote.csv': 'CSV contents',
  'invalid_utf8.csv': 'CSV contents', 'only_constant_features.csv': 'CSV contents', 'only_empty_features.csv': 'CSV contents',
  'single_class.csv': 'CSV contents', 'text_in_numbers.csv': 'CSV contents', 'duplicate_header.csv': 'CSV contents',
  'nul_byte.csv': 'CSV contents', 'semicolon_separated.csv': 'CSV contents',
  'too_few_rows.json': 'a split must hold enough rows: the CSV\'s row count times the split fractions',
  'duplicate_key.json': 'JSON parsers (and so JSON Schema validators) keep the last of two equal keys; the engine refuses them',
  'missing_csv.json': 'names a file that does not exist: another file',
  'unknown_target.json': 'the target must be a column of the CSV: another file',
  'split_too_big.json': 'test + validation must stay below 1: a sum of two fields',
  'quiz answer past its options': 'answer must index options: a comparison between two fields',
  'video start after end': 'start before end: a comparison between two fields',
  'lesson its own prerequisite': 'prereqs must not name the lesson\'s id: a comparison between two fields',
  'panel shows an unknown experiment': 'panel experiments name keys of the spec\'s experiments: a reference across the file',
  'control over an undeclared option': 'a control\'s option is a dotted path into the spec\'s declaration',
  'control range wider than declared': 'a control\'s min/max must fit the declaration of the option it names',
  'experiment patch with a bad value': 'experiments are merge patches over the spec, checked after merging',
  'lesson in an undeclared chapter': 'a lesson\'s chapter names an id of the catalog\'s chapters: a reference across the file',
  'lesson without its chapter': 'a chapter is required only when the catalog declares chapters: a rule between fields',
  'two chapters with one id': 'chapter ids are unique: a comparison between list items',
  'available lesson without duration': 'duration_min is required only for an available lesson: a rule between fields',
};

function ajvFor() {
  const ajv = new Ajv({ strictNumbers: true, allErrors: true });  // strictNumbers: 1e999 parses to Infinity
  for (const name of ['spec', 'widget', 'lesson', 'catalog']) {
    ajv.addSchema(JSON.parse(readFileSync(join(root, 'schema', `${name}.schema.json`), 'utf8')), `${name}.schema.json`);
  }
  return ajv;
}

const engine = (args) => spawnSync(cli, args, { encoding: 'utf8' });

// {accepts, why}: the engine's verdict on a file of `kind`.
function engineVerdict(kind, file) {
  let run;
  if (kind === 'csv') {
    const spec = join(scratch, `csv-${file}.json`);
    writeFileSync(spec, JSON.stringify(csvSpec(join(badDir, file))));
    run = engine(['run', spec]);
  } else if (kind === 'spec') {
    run = engine(['run', file]);
  } else {
    run = engine(['validate', '--root', root, file]);  // widget files, lessons, catalogs (index.json); site paths resolve in the checkout
  }
  return { accepts: run.status === 0, why: (run.stdout + run.stderr).trim().split('\n').slice(0, 3).join(' | ') };
}

const csvSpec = (csv) => ({ dataset: { csv, target: 'y' }, split: { test: 0, validation: 0 } });

// {accepts, why}: ajv's verdict. A file that is not JSON / has no readable front matter gets no
// schema check at all: an editor's own parser reports it, so it counts as a rejection.
function schemaVerdict(ajv, kind, file) {
  let value;
  if (kind === 'lesson') {
    const fm = engine(['front-matter', file]);
    if (fm.status !== 0) return { accepts: false, why: `front matter unreadable: ${fm.stderr.trim()}` };
    value = JSON.parse(fm.stdout);
  } else if (kind === 'csv') {
    value = csvSpec(file);
  } else {
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      return { accepts: false, why: `not JSON: ${e.message}` };
    }
  }
  const validate = ajv.getSchema(`${kind === 'csv' ? 'spec' : kind}.schema.json`);
  const accepts = validate(value);
  return { accepts, why: accepts ? '' : ajv.errorsText(validate.errors) };
}

function assertAgree(ajv, name, kind, file) {
  const e = engineVerdict(kind, file);
  const s = schemaVerdict(ajv, kind, file);
  if (name in BEYOND_SCHEMA) {
    assert.equal(e.accepts, false, `${name} is listed as beyond the schema, but the engine accepts it`);
    assert.equal(s.accepts, true, `${name} is listed as beyond the schema (${BEYOND_SCHEMA[name]}), but the schema rejects it now: ${s.why}; drop it from the list`);
    return;
  }
  assert.equal(s.accepts, e.accepts, `${name}: engine ${e.accepts ? 'accepts' : `rejects (${e.why})`}, schema ${s.accepts ? 'accepts' : `rejects (${s.why})`}`);
}

const kindOf = (file) => (file.endsWith('.md') ? 'lesson' : 'widget');
const committed = (dir, ext) => readdirSync(join(root, dir)).filter((f) => f.endsWith(ext) && f !== 'README.md' && f !== 'index.json').map((f) => join(root, dir, f));

test('the bad-input catalog: engine and schema agree on every case', { skip }, () => {
  const ajv = ajvFor();
  const cases = [...catalog.cases, ...catalog.good];
  assert.ok(cases.length >= 30);
  for (const c of cases) assertAgree(ajv, c.file, c.kind, c.kind === 'csv' ? c.file : join(badDir, c.file));
  for (const name of Object.keys(BEYOND_SCHEMA).filter((n) => /\.(csv|json)$/.test(n)))
    assert.ok(cases.some((c) => c.file === name), `${name} is listed but is not in the catalog`);
});

test('committed widget files, lessons and the catalog: both accept them, and the JSON files link their schema', { skip }, () => {
  const ajv = ajvFor();
  const catalogFile = join(root, 'lessons/index.json');
  assertAgree(ajv, catalogFile, 'catalog', catalogFile);
  assert.equal(engineVerdict('catalog', catalogFile).accepts, true, 'the engine rejects lessons/index.json');
  assert.equal(JSON.parse(readFileSync(catalogFile, 'utf8')).$schema, '../schema/catalog.schema.json');
  const files = [...committed('widgets', '.json'), ...committed('lessons', '.md')];
  assert.ok(files.length >= 3);
  for (const file of files) {
    assert.equal(engineVerdict(kindOf(file), file).accepts, true, `${file}: the engine rejects a committed file`);
    assertAgree(ajv, file, kindOf(file), file);
    if (file.endsWith('.json')) assert.equal(JSON.parse(readFileSync(file, 'utf8')).$schema, '../schema/widget.schema.json', file);
  }
});

// One change each to a committed file. `accept`: what both must say (every mutant not in
// BEYOND_SCHEMA must get the same verdict from both, and that verdict must be this one).
const widgetMutants = [
  ['$schema is accepted', (w) => { w.$schema = 'anything.json'; }, true],
  ['unknown top-level key', (w) => { w.modle = {}; }, false],
  ['lambda below its range', (w) => { w.model.lambda = -1; }, false],
  ['unknown model type', (w) => { w.model.type = 'forest'; }, false],
  ['mlp option on the default model', (w) => { delete w.model.type; w.model.dropout = 0.2; }, false],
  ['a null optional option', (w) => { w.split.seed = null; }, true],
  ['missing required dataset.target', (w) => { delete w.dataset.target; }, false],
  ['unknown widget type', (w) => { w.widget.type = 'slideshow'; }, false],
  ['widget without a title', (w) => { delete w.widget.title; }, false],
  ['no widget section', (w) => { delete w.widget; }, false],
  ['unknown chart', (w) => { w.widget.panels[0].chart = 'pie'; }, false],
  ['panel id with capitals', (w) => { w.widget.panels[0].id = 'Panel One'; }, false],
  ['no panels', (w) => { w.widget.panels = []; }, false],
  ['control scale neither linear nor log', (w) => { w.widget.panels[0].controls[0].scale = 'cubic'; }, false],
  ['control with an unknown key', (w) => { w.widget.panels[0].controls[0].colour = 'red'; }, false],
  ['panel shows an unknown experiment', (w) => { w.widget.panels[0].experiments = ['nowhere']; }, false],
  ['control over an undeclared option', (w) => { w.widget.panels[0].controls[0].option = 'model.nothing'; }, false],
  ['control range wider than declared', (w) => { w.widget.panels[0].controls[0].min = -5; }, false],
  ['experiment patch with a bad value', (w) => { Object.values(w.experiments)[0].model.lambda = -1; }, false],
];
const tradeoffMutants = [
  ['unknown axis metric', (w) => { w.widget.axes.x = 'colour'; }, false],
  ['axes without y', (w) => { delete w.widget.axes.y; }, false],
];
const lessonMutants = [
  ['unknown front-matter field', (fm) => `${fm}\nauthor: someone`, false],
  ['lesson id with capitals', (fm) => fm.replace(/^id: .*$/m, 'id: Lesson_One'), false],
  ['duration of 0 minutes', (fm) => fm.replace(/^duration_min: .*$/m, 'duration_min: 0'), false],
  ['duration as text', (fm) => fm.replace(/^duration_min: .*$/m, 'duration_min: "long"'), false],
  ['unknown video platform', (fm) => fm.replace(/platform: youtube/, 'platform: dailymotion'), false],
  ['widget data not a .json file', (fm) => fm.replace(/data: "\/widgets\/optimization_lab.titanic.json"/, 'data: "/widgets/lab.yaml"'), false],
  ['a question with one option', (fm) => fm.replace(/options: \["Finishing[^\n]*/, 'options: ["Only one"]'), false],
  ['a flashcard without a definition', (fm) => fm.replace(/^flashcards:\n/m, 'flashcards:\n  - "Just a term"\n'), false],
  ['a flashcard as a quoted string', (fm) => fm.replace(/^flashcards:\n/m, 'flashcards:\n  - "Term: its definition"\n'), true],
  ['missing title', (fm) => fm.replace(/^title: .*\n/m, ''), false],
  ['quiz answer past its options', (fm) => fm.replace(/answer: 1\n/, 'answer: 7\n'), false],
  ['video start after end', (fm) => fm.replace(/start: 0/, 'start: 800'), false],
  ['lesson its own prerequisite', (fm) => fm.replace(/^prereqs: \[/m, 'prereqs: ["ai-builder-ch3-lesson4", '), false],
];

const catalogMutants = [
  ['catalog with an unknown key', (c) => { c.author = 'someone'; }, false],
  ['catalog without chapters', (c) => { delete c.chapters; for (const l of c.lessons) delete l.chapter; }, true],
  ['chapter without a title', (c) => { delete c.chapters[0].title; }, false],
  ['chapter id with capitals', (c) => { c.chapters[0].id = 'Chapter 3'; for (const l of c.lessons) l.chapter = 'Chapter 3'; }, false],
  ['lesson in an undeclared chapter', (c) => { c.lessons[0].chapter = 'ch9'; }, false],
  ['lesson without its chapter', (c) => { delete c.lessons[0].chapter; }, false],
  ['two chapters with one id', (c) => { c.chapters.push({ ...c.chapters[0] }); }, false],
  ['available lesson without duration', (c) => { delete c.lessons.find((l) => l.available).duration_min; }, false],
  ['lesson available as text', (c) => { c.lessons[0].available = 'no'; }, false],
];

// Writes `render(change(part))` to `file`; the engine must give the mutant's expected verdict.
function mutate(name, accept, file, kind, part, change, render) {
  const changed = change(part);
  assert.notEqual(changed, part, `${name}: the mutation did not change the file`);
  writeFileSync(file, render(changed));
  const verdict = engineVerdict(kind, file);
  if (!(name in BEYOND_SCHEMA)) assert.equal(verdict.accepts, accept, `${name}: the engine ${verdict.accepts ? 'accepts' : `rejects (${verdict.why})`}`);
}

test('one-change mutants of the committed files: engine and schema agree', { skip }, () => {
  const ajv = ajvFor();
  symlinkSync(join(root, 'widgets/data'), join(scratch, 'data'));  // the widget files' CSV, relative to the file
  const sources = [['optimization_lab.titanic.json', widgetMutants], ['performance_tradeoff.titanic.json', tradeoffMutants]];
  for (const [source, mutants] of sources) {
    const text = readFileSync(join(root, 'widgets', source), 'utf8');
    for (const [name, change, accept] of mutants) {
      const file = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
      const edit = (t) => { const w = JSON.parse(t); change(w); return JSON.stringify(w, null, 2); };
      mutate(name, accept, file, 'widget', JSON.stringify(JSON.parse(text), null, 2), edit, (t) => t);
      assertAgree(ajv, name, 'widget', file);
    }
  }
  const lesson = readFileSync(join(root, 'lessons/ai-builder-ch3-lesson4.md'), 'utf8');
  const [, frontMatter, body] = lesson.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  for (const [name, change, accept] of lessonMutants) {
    const file = join(scratch, `${name.replace(/\W+/g, '-')}.md`);
    mutate(name, accept, file, 'lesson', frontMatter, change, (fm) => `---\n${fm}\n---\n${body}`);
    assertAgree(ajv, name, 'lesson', file);
  }
  const catalogText = readFileSync(join(root, 'lessons/index.json'), 'utf8');
  for (const [name, change, accept] of catalogMutants) {
    // The engine reads a file named index.json as a catalog: one folder per mutant.
    const file = join(mkdtempSync(join(scratch, 'catalog-')), 'index.json');
    const edit = (t) => { const c = JSON.parse(t); change(c); return JSON.stringify(c, null, 2); };
    mutate(name, accept, file, 'catalog', JSON.stringify(JSON.parse(catalogText), null, 2), edit, (t) => t);
    assertAgree(ajv, name, 'catalog', file);
  }
  const listed = new Set([...widgetMutants, ...tradeoffMutants, ...lessonMutants, ...catalogMutants].map(([n]) => n));
  for (const name of Object.keys(BEYOND_SCHEMA).filter((n) => !/\.(csv|json)$/.test(n)))
    assert.ok(listed.has(name), `${name} is listed as beyond the schema but no mutant has that name`);
});
