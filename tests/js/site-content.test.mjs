// The site's pre-parsed lessons (web/scripts/site-content.mjs) as the live preview replaces them:
// the parse a new one replaces stays one more round, so a page that read the index just before
// still finds the file it names; the one before that goes, and forgetting a lesson removes both.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { forgetParsed, readParsedIndex, storeParsed } from '../../web/scripts/site-content.mjs';

const parse = (n) => ({ out: `l1.${n}.json`, sha256: `sha${n}`, record: { n } });

test('a replaced parse stays one round; the one before goes; forgetting removes both', () => {
  const site = mkdtempSync(join(tmpdir(), 'lab-site-'));
  mkdirSync(join(site, 'parsed-lessons'));
  const file = (n) => existsSync(join(site, 'parsed-lessons', `l1.${n}.json`));
  storeParsed(site, 'lessons/l1.md', parse(1));
  storeParsed(site, 'lessons/l1.md', parse(2));
  assert.deepEqual([file(1), file(2)], [true, true]);
  assert.deepEqual(readParsedIndex(site).lessons['lessons/l1.md'], { sha256: 'sha2', file: 'l1.2.json', retired: 'l1.1.json' });
  storeParsed(site, 'lessons/l1.md', parse(3));
  assert.deepEqual([file(1), file(2), file(3)], [false, true, true]);
  storeParsed(site, 'lessons/l1.md', parse(3));  // the same parse again keeps what is retired
  assert.deepEqual([file(2), file(3)], [true, true]);
  assert.equal(readParsedIndex(site).lessons['lessons/l1.md'].retired, 'l1.2.json');
  forgetParsed(site, 'lessons/l1.md');
  assert.deepEqual([file(2), file(3)], [false, false]);
  assert.equal(readParsedIndex(site).lessons['lessons/l1.md'], undefined);
});
