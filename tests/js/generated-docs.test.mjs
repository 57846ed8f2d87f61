// The committed generated docs match what tools/gen_docs.mjs makes from the current sources:
// docs/limits.md from engine/src/core/limits.hpp, docs/options.md from `lab-cli options`.
// Without a native build the options page cannot be made: skipped with a reason locally, a
// failure under CI (a check that silently does not run would pass with stale docs).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { defaultCli, limitsPage, optionsPage, root } from '../../tools/gen_docs.mjs';

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

test('every limit in the header reaches the page', () => {
  const header = readFileSync(join(root, 'engine/src/core/limits.hpp'), 'utf8');
  const page = limitsPage();
  const constants = [...header.matchAll(/^constexpr\s.*?\b(k\w+)\s*=/gm)].map((m) => m[1]);
  assert.ok(constants.length > 0);
  for (const name of constants) assert.ok(page.includes(`\`${name}\``), `${name} is missing from docs/limits.md`);
});

test('a limits line the generator cannot read stops it, naming the line', async () => {
  const { parseLimits } = await import('../../tools/docs/limits-doc.mjs');
  const header = '// ---- data ----\nconstexpr int kMaxRows = 200000;  // CSV data rows\nconstexpr int kMaxOops = 3;\n';
  assert.throws(() => parseLimits(header, 'limits.hpp'), /limits\.hpp:3: expected/);
  const bytes = parseLimits('// ---- files ----\nconstexpr std::size_t kMaxFileBytes = 64u << 20;  // any file, in bytes\n');
  assert.deepEqual(bytes[0].limits[0], { name: 'kMaxFileBytes', value: 64 * 2 ** 20, bytes: true, what: 'any file' });
});
