// FrameThrottle's shared frame budget: updates requested together run in one frame until
// FRAME_BUDGET_MS have passed, the rest in the next frames, in request order; each throttle
// still runs at most once per request, and a cancelled one not at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const frames = [];
globalThis.requestAnimationFrame = (f) => frames.push(f);
globalThis.reportError = (e) => { throw e; };
// The module reads performance.now(); a clock of the test's own makes "this update took 5 ms"
// exact. Busy-waiting on the machine's clock failed both ways under load (a preempted update
// ran long; on a VM whose clock stepped, three 5 ms updates fitted an 8 ms frame).
let clock = 0;
Object.defineProperty(performance, 'now', { value: () => clock, configurable: true, writable: true });
const { FRAME_BUDGET_MS, FrameThrottle } = await import('../../build/js-test/widgets/frame-throttle.js');

const busy = (ms) => { clock += ms; };
const nextFrame = () => frames.shift()();

test('updates past a frame\'s budget wait for the next frame, in order; a cancelled one never runs', () => {
  const ran = [];
  const each = FRAME_BUDGET_MS / 2 + 1;  // two of them fill a frame
  const throttles = ['a', 'b', 'c', 'd', 'e'].map((name) => new FrameThrottle(() => { ran.push(name); busy(each); }));
  for (const t of throttles) { t.request(); t.request(); }  // a repeated request coalesces
  throttles[3].cancel();
  assert.equal(frames.length, 1, 'one frame asked for');
  nextFrame();
  assert.deepEqual(ran, ['a', 'b']);
  nextFrame();
  assert.deepEqual(ran, ['a', 'b', 'c', 'e']);
  assert.equal(frames.length, 0, 'nothing left: no frame asked for');
});

test('a single update longer than the budget still runs; one asked for again runs in a later frame', () => {
  const ran = [];
  const long = new FrameThrottle(() => { ran.push('long'); busy(FRAME_BUDGET_MS * 2); });
  const short = new FrameThrottle(() => ran.push('short'));
  long.request();
  short.request();
  nextFrame();
  assert.deepEqual(ran, ['long']);
  long.request();
  nextFrame();
  assert.deepEqual(ran, ['long', 'short', 'long']);
});
