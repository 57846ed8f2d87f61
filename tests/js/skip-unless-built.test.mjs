// The rule every build-dependent test follows (helpers/skip-unless-built.mjs): skip locally
// with a reason, fail under CI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inCi, skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

test('a present build never skips, CI or not', () => {
  assert.equal(skipUnlessBuilt(true, 'x is not built', {}), false);
  assert.equal(skipUnlessBuilt(true, 'x is not built', { CI: 'true' }), false);
});

test('a missing build skips with its reason outside CI', () => {
  assert.equal(skipUnlessBuilt(false, 'x is not built', {}), 'x is not built');
  assert.equal(skipUnlessBuilt(false, 'x is not built', { CI: '' }), 'x is not built');
  assert.equal(skipUnlessBuilt(false, 'x is not built', { CI: 'false' }), 'x is not built');
});

test('a missing build under CI throws, naming what is missing', () => {
  for (const CI of ['true', '1', 'yes']) {
    assert.throws(() => skipUnlessBuilt(false, 'x is not built', { CI }), /x is not built: under CI this is a failure/);
  }
  assert.equal(inCi({ CI: 'true' }), true);
  assert.equal(inCi({ CI: '0' }), false);
});
