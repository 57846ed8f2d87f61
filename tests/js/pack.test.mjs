// tools/lab pack's refusals: one line naming the path, exit 2, nothing written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RUNTIME_FILES } from '../../tools/pack.mjs';

const PACK = fileURLToPath(new URL('../../tools/pack.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lab-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));
const run = (...args) => spawnSync(process.execPath, [PACK, ...args], { encoding: 'utf8' });

test('a built site missing a runtime file is named', () => {
  const out = run('--site', work, '--out', join(work, 'out'));
  assert.equal(out.status, 2);
  assert.equal(out.stderr, `lab pack: ${join(work, 'lab-widgets.js')} is missing: build the site first (tools/lab build)\n`);
  assert.equal(existsSync(join(work, 'out')), false);
});

test('an --out that is a file, or under a missing folder, is refused', () => {
  const site = join(work, 'site');
  spawnSync('mkdir', [site]);
  for (const f of RUNTIME_FILES) writeFileSync(join(site, f), '');
  const file = join(work, 'a-file');
  writeFileSync(file, '');
  let out = run('--site', site, '--out', file);
  assert.equal(out.status, 2);
  assert.equal(out.stderr, `lab pack: --out ${file} is not a folder\n`);
  out = run('--site', site, '--out', join(work, 'missing', 'out'));
  assert.equal(out.status, 2);
  assert.match(out.stderr, /^lab pack: cannot create folder .*missing\/out \(ENOENT\)\n$/);
  assert.deepEqual(readdirSync(work).sort(), ['a-file', 'site']);
});
