#!/usr/bin/env node
// The layer check (tools/lab test): every #include "…" in engine/src points to its own folder
// or a lower one, in the order engine/layers.txt declares, and the README's diagram lists the
// engine's folders in that order. Prints each include that points up, with file:line.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** {folders: [lowest first], rank: folder → index, owner: public header → folder}. */
export function readLayers(path) {
  const folders = [];
  const owner = new Map();
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    const words = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (!words.length) return;
    const [folder, ...headers] = words;
    if (folders.includes(folder)) throw new Error(`${relative(root, path)}:${i + 1}: '${folder}' is listed twice`);
    folders.push(folder);
    for (const h of headers) owner.set(`lab/${h}`, folder);
  });
  return { folders, rank: new Map(folders.map((f, i) => [f, i])), owner };
}

function* sources(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(cpp|hpp)$/.test(name)) yield path;
  }
}

/** Include lines of engine/src that point to a higher layer (or to a folder or header the file does not declare). */
export function layerViolations(layers = readLayers(join(root, 'engine/layers.txt')), src = join(root, 'engine/src')) {
  const { rank, owner } = layers;
  const out = [];
  const here = new Set(readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory()));
  for (const f of here) if (!rank.has(f)) out.push(`${relative(root, join(src, f))}/: a folder engine/layers.txt does not list`);
  for (const file of sources(src)) {
    const from = relative(src, file).split('/')[0];
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*#\s*include\s+"([^"]+)"/.exec(line);
      if (!m) return;
      const target = m[1].startsWith('lab/') ? owner.get(m[1]) : m[1].split('/')[0];
      const where = `${relative(root, file)}:${i + 1}`;
      if (target === undefined) out.push(`${where}: includes "${m[1]}", a public header engine/layers.txt gives no folder`);
      else if (!rank.has(target)) return;  // a file beside it or a third-party header
      else if (rank.get(target) > rank.get(from)) out.push(`${where}: ${from}/ includes "${m[1]}" of ${target}/, a layer above it`);
    });
  }
  return out;
}

/** The README's diagram: its `src/FOLDER` lines in the layers' order. */
export function readmeOrder(layers = readLayers(join(root, 'engine/layers.txt'))) {
  const listed = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^\s+src\/(\w+)\s/gm)].map((m) => m[1]);
  const seen = listed.filter((f, i) => layers.rank.has(f) && listed.indexOf(f) === i);
  const expected = layers.folders;
  return seen.join(' ') === expected.join(' ') ? [] : [`README.md's diagram lists src/ folders as\n  ${seen.join(' ')}\nbut engine/layers.txt orders them\n  ${expected.join(' ')}`];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = [...layerViolations(), ...readmeOrder()];
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`layers: ${problems.length} problem(s); the order is engine/layers.txt's`);
    process.exit(1);
  }
  console.log('layers: every engine/src include points down (engine/layers.txt)');
}
