// The committed generated docs match what tools/gen_docs.mjs makes from the current sources:
// docs/limits.md from engine/src/core/limits.hpp, docs/options.md from `lab-cli options`, and
// schema/*.schema.json from `lab-cli options` and `lab-cli formats`.
// Without a native build the options page cannot be made: skipped with a reason locally, a
// failure under CI (a check that silently does not run would pass with stale docs).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { cliJson, defaultCli, limitsPage, optionsPage, root, schemaTexts } from '../../tools/gen_docs.mjs';

const STALE = 'is out of date: run tools/lab docs and commit the result';
const committed = (name) => readFileSync(join(root, 'docs', name), 'utf8');
const cliMissing = !existsSync(defaultCli);

test('docs/limits.md is generated from core/limits.hpp', () => {
  assert.equal(committed('limits.md'), limitsPage(), `docs/limits.md ${STALE}`);
});

test('docs/options.md is generated from lab-cli options',
  { skip: cliMissing && !process.env.CI ? 'needs build/native/engine/lab-cli (tools/lab build)' : false }, () => {
    assert.ok(!cliMissing, 'build/native/engine/lab-cli is missing and CI is set: build it (tools/lab build) before the JS tests');
    assert.equal(committed('options.md'), optionsPage(defaultCli), `docs/options.md ${STALE}`);
  });

const needsCli = { skip: cliMissing && !process.env.CI ? 'needs build/native/engine/lab-cli (tools/lab build)' : false };

test('schema/ holds the JSON Schemas generated from the declarations', needsCli, () => {
  assert.ok(!cliMissing, 'build/native/engine/lab-cli is missing and CI is set: build it (tools/lab build) before the JS tests');
  const generated = schemaTexts(defaultCli);
  assert.deepEqual(readdirSync(join(root, 'schema')).sort(), Object.keys(generated).sort(), 'schema/ has other files than the generator writes');
  for (const [name, text] of Object.entries(generated))
    assert.equal(readFileSync(join(root, 'schema', name), 'utf8'), text, `schema/${name} ${STALE}`);
});

// Walks the declaration and the schema side by side: each option's doc, default and range
// reach its schema node (a translation that dropped one would still give a valid schema).
test('every declared option reaches spec.schema.json with its doc, default and range', needsCli, () => {
  const spec = JSON.parse(schemaTexts(defaultCli)['spec.schema.json']);
  let seen = 0;
  const walk = (section, node, at) => {
    for (const o of section.options) {
      const s = node.properties[o.name];
      assert.ok(s, `${at}${o.name} is missing from the schema`);
      seen++;
      if (o.name === 'widget') continue;  // replaced by the widget section's own description
      assert.equal(s.description, o.doc || undefined, `${at}${o.name}: description`);
      assert.deepEqual(s.default, o.default, `${at}${o.name}: default`);
      const bounds = s.type === 'array' || (Array.isArray(s.type) && s.type[0] === 'array') ? s.items : s;
      if ('min' in o) assert.equal(bounds[o.min_exclusive ? 'exclusiveMinimum' : 'minimum'], o.min, `${at}${o.name}: min`);
      if ('max' in o) assert.equal(bounds[o.max_exclusive ? 'exclusiveMaximum' : 'maximum'], o.max, `${at}${o.name}: max`);
      if (o.choices) assert.deepEqual(s.enum.filter((c) => c !== null), o.choices, `${at}${o.name}: choices`);
      if (o.fields) walk(o.fields, o.type === 'object list' ? s.items : s, `${at}${o.name}.`);
      if (o.variants) {
        for (const [type, fields] of Object.entries(o.variants)) {
          const branch = s.allOf.find((b) => b.if.properties.type.const === type);
          assert.ok(branch, `${at}${o.name}: no branch for type ${type}`);
          walk(fields, branch.then, `${at}${o.name}.${type}.`);
        }
      }
    }
  };
  walk(cliJson(['options'], defaultCli), spec, '');
  assert.ok(seen > 50, `only ${seen} options walked`);
});

test('every limit in the header reaches the page', () => {
  const header = readFileSync(join(root, 'engine/src/core/limits.hpp'), 'utf8');
  const page = limitsPage();
  const constants = [...header.matchAll(/^constexpr\s.*?\b(k\w+)\s*=/gm)].map((m) => m[1]);
  assert.ok(constants.length > 0);
  for (const name of constants) assert.ok(page.includes(`\`${name}\``), `${name} is missing from docs/limits.md`);
});

test('the run-memory ceiling is the wasm module\'s maximum memory', async () => {
  const { parseLimits, parseWasmMemory } = await import('../../tools/docs/limits-doc.mjs');
  const ceiling = parseLimits(readFileSync(join(root, 'engine/src/core/limits.hpp'), 'utf8'))
    .flatMap((g) => g.limits).find((l) => l.name === 'kMaxRunMemoryBytes');
  assert.ok(ceiling, 'kMaxRunMemoryBytes is declared');
  const { maximum } = parseWasmMemory(readFileSync(join(root, 'bindings/CMakeLists.txt'), 'utf8'));
  const [n, unit] = maximum.split(' ');
  assert.equal(ceiling.value, Number(n) * { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 }[unit], `-sMAXIMUM_MEMORY is ${maximum}`);
});

test('a limits line the generator cannot read stops it, naming the line', async () => {
  const { parseLimits } = await import('../../tools/docs/limits-doc.mjs');
  const header = '// ---- data ----\nconstexpr int kMaxRows = 200000;  // CSV data rows\nconstexpr int kMaxOops = 3;\n';
  assert.throws(() => parseLimits(header, 'limits.hpp'), /limits\.hpp:3: expected/);
  const bytes = parseLimits('// ---- files ----\nconstexpr std::size_t kMaxFileBytes = 64u << 20;  // any file, in bytes\n');
  assert.deepEqual(bytes[0].limits[0], { name: 'kMaxFileBytes', value: 64 * 2 ** 20, bytes: true, what: 'any file' });
});
