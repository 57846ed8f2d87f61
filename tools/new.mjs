// tools/lab new: starting files for course authors, valid from the first save.
//   tools/lab new lesson ID [--title T]        lessons/ID.md with every front-matter field, added to lessons/index.json
//   tools/lab new widget TYPE --data CSV [--target COL] [--out FILE]
//                                              a widget file over the CSV (default widgets/TYPE.CSVNAME.json)
// Paths are relative to the checkout (tools/lab runs from there). What the engine knows comes
// from the engine: widget types (lab-cli formats), the CSV's columns and target candidates
// (lab-cli preview), the lesson id rule (schema/lesson.schema.json, generated from it).
// Bad input is one line on stderr naming the thing, exit 2, and nothing written.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { cliJson, defaultCli, root } from './gen_docs.mjs';
import { lessonText, widgetSpec } from './new/templates.mjs';

class Refusal extends Error {}
const refuse = (message) => { throw new Refusal(message); };
const show = (path) => relative(root, path) || '.';

// The folder must exist and take a new file: tried for real, since permission bits say
// nothing for root and nothing about read-only mounts.
function assertWritableFolder(dir) {
  if (!existsSync(dir)) refuse(`folder ${show(dir)} does not exist`);
  if (!statSync(dir).isDirectory()) refuse(`${show(dir)} is not a folder`);
  const probe = join(dir, `.lab-new-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    refuse(`cannot write to folder ${show(dir)} (${e.code ?? e.message})`);
  }
}

function assertNew(file) {
  if (existsSync(file)) refuse(`${show(file)} already exists; nothing was written`);
}

function options(args, known) {
  const out = { positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) { out.positional.push(a); continue; }
    const name = a.slice(2);
    if (!known.includes(name)) refuse(`unknown option '${a}'; expected ${known.map((k) => `--${k}`).join(', ')}`);
    if (i + 1 >= args.length) refuse(`${a} needs a value`);
    out[name] = args[++i];
  }
  return out;
}

// The engine's verdict on what was written; a scaffold that does not validate is a bug here.
function validate(files) {
  const run = spawnSync(defaultCli, ['validate', '--root', '.', ...files.map(show)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`the new file does not validate (a bug in tools/new.mjs): ${files.map(show).join(', ')}`);
  }
  return run.stderr.trim();
}

function newLesson(args) {
  const o = options(args, ['title', 'chapter']);
  if (o.positional.length !== 1) refuse('usage: tools/lab new lesson ID [--title T] [--chapter CH]');
  const id = o.positional[0];
  const idRule = JSON.parse(readFileSync(join(root, 'schema/lesson.schema.json'), 'utf8')).properties.id;
  if (!new RegExp(idRule.pattern, 'u').test(id))
    refuse(`lesson id '${id}' should use lowercase letters, digits and '-' only (e.g. ai-builder-ch3-lesson4)`);
  const title = o.title ?? id.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  if (!title.trim() || /[\n\r]/.test(title)) refuse('--title needs one line of text');
  const dir = join(root, 'lessons');
  assertWritableFolder(dir);
  const file = join(dir, `${id}.md`);
  assertNew(file);
  const catalogFile = join(dir, 'index.json');
  if (!existsSync(catalogFile)) refuse(`${show(catalogFile)} is missing: the lesson has no catalog to join`);
  const catalogText = readFileSync(catalogFile, 'utf8');
  const catalog = JSON.parse(catalogText);
  if (catalog.lessons.some((l) => l.id === id)) refuse(`lesson id '${id}' is already in ${show(catalogFile)}; nothing was written`);
  const chapter = chapterFor(catalog, o.chapter, catalogFile);

  const duration = 30;
  const tags = ['draft'];
  writeFileSync(file, lessonText({ id, title, duration, tags }), { flag: 'wx' });
  try {
    writeFileSync(catalogFile, withEntry(catalogText, catalog, { id, title, ...(chapter ? { chapter } : {}), duration_min: duration, tags, path: `/lessons/${id}.md`, available: true }));
  } catch (e) {
    unlinkSync(file);  // nothing half-done: the lesson goes with its catalog entry
    refuse(`cannot update ${show(catalogFile)} (${e.code ?? e.message}); nothing was written`);
  }
  const verdict = validate([file, catalogFile]);
  console.log(`wrote ${show(file)} and added it to ${show(catalogFile)} (${verdict})`);
}

// The chapter a new lesson joins: --chapter (one the catalog declares), else the chapter of the
// catalog's last lesson, so a new lesson lands at the end of the course; none if the catalog has
// no chapters.
function chapterFor(catalog, asked, catalogFile) {
  const ids = (catalog.chapters ?? []).map((c) => c.id);
  if (asked !== undefined) {
    if (ids.length === 0) refuse(`--chapter ${asked}: ${show(catalogFile)} declares no chapters`);
    if (!ids.includes(asked)) refuse(`--chapter ${asked}: ${show(catalogFile)} declares chapters ${ids.join(', ')}`);
    return asked;
  }
  if (ids.length === 0) return undefined;
  return catalog.lessons.at(-1)?.chapter ?? ids.at(-1);
}

// The catalog with one more entry, its hand formatting kept: the entry goes in as one line
// before the list's closing bracket. If the text has another shape, it is rewritten whole.
function withEntry(text, catalog, entry) {
  const expected = { ...catalog, lessons: [...catalog.lessons, entry] };
  const close = text.lastIndexOf(']');
  const last = text.lastIndexOf('}', close);
  if (close > 0 && last > 0) {
    const indent = (text.slice(0, last).match(/\n( *)\{[^\n]*$/) ?? [, '    '])[1];
    const spliced = `${text.slice(0, last + 1)},\n${indent}{ ${JSON.stringify(entry).slice(1, -1).replace(/,"/g, ', "').replace(/":/g, '": ')} }${text.slice(last + 1)}`;
    try {
      if (JSON.stringify(JSON.parse(spliced)) === JSON.stringify(expected)) return spliced;
    } catch { /* fall through to a full rewrite */ }
  }
  return `${JSON.stringify(expected, null, 2)}\n`;
}

function newWidget(args) {
  const o = options(args, ['data', 'target', 'out']);
  if (o.positional.length !== 1 || !o.data) refuse('usage: tools/lab new widget TYPE --data CSV [--target COL] [--out FILE]');
  const type = o.positional[0];
  const types = Object.keys(cliJson(['formats']).widget.variants);
  if (!types.includes(type)) refuse(`unknown widget type '${type}'; expected one of: ${types.join(', ')}`);
  const csv = resolve(root, o.data);
  if (!existsSync(csv) || !statSync(csv).isFile()) refuse(`CSV file ${o.data} not found`);
  const out = resolve(root, o.out ?? join('widgets', `${type}.${basename(csv).replace(/\.csv$/i, '')}.json`));
  if (!out.endsWith('.json')) refuse(`--out ${o.out}: a widget file is a .json file`);
  assertNew(out);
  assertWritableFolder(dirname(out));

  const preview = spawnSync(defaultCli, ['preview', csv], { encoding: 'utf8' });
  if (preview.status !== 0) refuse(`${o.data} cannot be read: ${preview.stderr.trim().replace(/^error: /, '')}`);
  const table = JSON.parse(preview.stdout);
  const target = chooseTarget(table, o.target, o.data);
  const task = table.columns.find((c) => c.name === target).task;
  // Features a model can use: a text column with more distinct values than the preview counts
  // (a name, a ticket number) or a single value carries nothing a beginner's model can learn.
  const usable = (c) => c.name !== target && c.classes >= 2 && !(c.kind === 'text' && c.classes > table.max_classes);
  const features = table.columns.filter(usable).map((c) => c.name);
  const skipped = table.columns.filter((c) => c.name !== target && !usable(c)).map((c) => c.name);
  if (features.length === 0) refuse(`${o.data} has no column besides '${target}' that a model can learn from`);

  const made = widgetSpec(type, {
    schema: relative(dirname(out), join(root, 'schema/widget.schema.json')).split('\\').join('/'),
    csv: relative(dirname(out), csv).split('\\').join('/'),
    target,
    features,
    name: basename(csv).replace(/\.csv$/i, ''),
  });
  const spec = task === 'regression' ? forRegression(made) : made;
  writeFileSync(out, `${JSON.stringify(spec, null, 2)}\n`, { flag: 'wx' });
  const verdict = validate([out]);
  console.log(`wrote ${show(out)}: target '${target}', features ${features.join(', ')}` +
    (task === 'binary' ? '' : ` (${taskWords(table.columns.find((c) => c.name === target))})`) +
    (skipped.length ? ` (left out: ${skipped.join(', ')}: text with many distinct values, or a single value)` : '') + ` (${verdict})`);
  console.log(`embed it in a lesson's front matter:  widgets: [{ type: "${type}", data: "/${relative(root, out).split('\\').join('/')}" }]`);
}

/** How the engine's preview reads a target column: two classes, k classes, or a number. */
function taskWords(column) {
  return column.task === 'regression' ? 'a number: regression' : column.task === 'multiclass' ? `${column.classes} classes` : 'two classes';
}

/**
 * The target: the one asked for, or the only candidate. Both widget types take every kind the
 * engine does (its preview's `task`): two classes, several, or a number.
 */
function chooseTarget(table, asked, csvName) {
  const fits = (c) => c.task !== null && c.task !== undefined;
  const candidates = table.columns.filter(fits);
  const what = 'two or more classes, or a number';
  const list = candidates.length ? candidates.map((c) => `${c.name} (${taskWords(c)})`).join(', ') : 'none';
  if (asked !== undefined) {
    const column = table.columns.find((c) => c.name === asked);
    if (!column) refuse(`${csvName} has no column '${asked}'; target candidates (${what}): ${list}`);
    if (!fits(column)) refuse(`column '${asked}' of ${csvName} cannot be the target: ${column.problem ?? 'it cannot be a target'}. Candidates: ${list}`);
    return asked;
  }
  if (candidates.length === 1) return candidates[0].name;
  if (candidates.length === 0) refuse(`${csvName} has no column with ${what}, so there is nothing to predict`);
  return refuse(`${csvName} has ${candidates.length} target candidates (${list}); choose one with --target COL`);
}

/**
 * A regression target gets least squares wherever the template has a logistic model, and a
 * trade-off variant named for it says what it now is ("Linear regression"; as the widgets do
 * for a learner's numeric CSV, web/src/widgets/model/experiments.ts).
 */
function forRegression(value) {
  if (Array.isArray(value)) return value.map(forRegression);
  if (!value || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forRegression(v)]));
  if (out.type === 'logistic_regression') out.type = 'linear_regression';
  if (out.model?.type === 'linear_regression' && typeof out.name === 'string') out.name = out.name.replace(/logistic/g, 'linear').replace(/Logistic/g, 'Linear');
  return out;
}

const [what, ...rest] = process.argv.slice(2);
try {
  if (!existsSync(defaultCli)) throw new Error(`${show(defaultCli)} is missing (tools/lab build)`);
  if (what === 'lesson') newLesson(rest);
  else if (what === 'widget') newWidget(rest);
  else refuse(`what to create: 'lesson' or 'widget', got ${what === undefined ? 'nothing' : `'${what}'`}`);
} catch (e) {
  if (!(e instanceof Refusal)) throw e;
  console.error(`lab new: ${e.message}`);
  process.exit(2);
}
