// Where the trade-off scatter writes each variant's name (web/src/widgets/charts/label-placement.ts):
// every variant gets a label, beside its own marker (its marker is the nearest to the label, or
// a line joins them), on no other label and no marker, inside the plot; a name with no room
// becomes its number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxDistance, hitsMarker, nearestIs, overlaps, placeLabels } from '../../build/js-test/widgets/charts/label-placement.js';

const measure = (text) => text.length * 6;
const HEIGHT = 13;
const GAP = 3;

/** Every rule the chart relies on, for one placement. */
function check(markers, requests, bounds, placements) {
  assert.equal(placements.length, requests.length, 'every variant is labelled');
  assert.deepEqual(placements.map((p) => p.marker).sort((a, b) => a - b), requests.map((r) => r.marker).sort((a, b) => a - b));
  for (const [i, p] of placements.entries()) {
    const request = requests.find((r) => r.marker === p.marker);
    assert.equal(p.text, p.numbered ? request.short : request.text);
    assert.ok(p.box.x >= bounds.x && p.box.y >= bounds.y && p.box.x + p.box.w <= bounds.x + bounds.w && p.box.y + p.box.h <= bounds.y + bounds.h, `${p.text} is inside the plot`);
    for (const m of markers) assert.ok(!hitsMarker(p.box, m), `${p.text} covers a marker`);
    for (const q of placements.slice(i + 1)) assert.ok(!overlaps(p.box, q.box), `${p.text} and ${q.text} overlap`);
    if (!p.leader) {
      assert.ok(nearestIs(p.box, markers, p.marker), `${p.text} is nearer another marker than its own`);
      assert.ok(boxDistance(p.box, markers[p.marker].x, markers[p.marker].y) - markers[p.marker].r <= GAP + HEIGHT, `${p.text} is next to its marker`);
    }
  }
}

const requestsFor = (names) => names.map((text, marker) => ({ marker, text, short: String(marker + 1) }));

test('markers far apart: each name right beside its own marker, no numbers, no lines', () => {
  const markers = [{ x: 40, y: 40, r: 5 }, { x: 200, y: 120, r: 8 }, { x: 120, y: 200, r: 6 }];
  const requests = requestsFor(['Logistic regression', 'MLP fp32', 'Pruned tree']);
  const bounds = { x: 0, y: 0, w: 400, h: 260 };
  const placements = placeLabels(markers, requests, bounds, measure, HEIGHT, GAP);
  check(markers, requests, bounds, placements);
  assert.ok(placements.every((p) => !p.numbered && !p.leader));
  // The first choice is to the right of the marker, vertically centred on it.
  assert.deepEqual(placements[0].box, { x: 40 + 5 + GAP, y: 40 - HEIGHT / 2, w: measure('Logistic regression'), h: HEIGHT });
});

test('a name that would run out of the plot goes to the marker\'s left', () => {
  const markers = [{ x: 390, y: 100, r: 5 }];
  const requests = requestsFor(['MLP pruned 50%']);
  const bounds = { x: 0, y: 0, w: 400, h: 200 };
  const [p] = placeLabels(markers, requests, bounds, measure, HEIGHT, GAP);
  check(markers, requests, bounds, [p]);
  assert.ok(p.box.x + p.box.w <= 390 - 5, 'left of the marker');
});

test('the explorer\'s crowded case on a phone: int8 and fp16 sit on the fp32 marker and still get labels', () => {
  // Twelve variants in a 300 x 220 plot: the MLP family clustered, two of them almost on top
  // of the uncompressed network, the linear models and the tree in a corner.
  const markers = [
    { x: 20, y: 200, r: 4 }, { x: 24, y: 204, r: 4 }, { x: 230, y: 60, r: 12 }, { x: 250, y: 80, r: 10 },
    { x: 180, y: 30, r: 8 }, { x: 140, y: 70, r: 6 }, { x: 110, y: 60, r: 7 }, { x: 232, y: 62, r: 5 },
    { x: 229, y: 60, r: 7 }, { x: 60, y: 150, r: 5 }, { x: 18, y: 20, r: 5 }, { x: 140, y: 60, r: 9 },
  ];
  const names = ['Logistic regression', 'L1 logistic regression', 'MLP fp32', 'MLP pruned 50%', 'MLP pruned 80%', 'MLP pruned 95%',
    'MLP 50% of units removed', 'MLP int8', 'MLP fp16', 'Distilled student', 'Pruned tree', 'Boosted trees (early stopping)'];
  const requests = requestsFor(names);
  const bounds = { x: 0, y: 0, w: 300, h: 220 };
  const placements = placeLabels(markers, requests, bounds, measure, HEIGHT, GAP);
  check(markers, requests, bounds, placements);
  const of = (name) => placements.find((p) => p.marker === names.indexOf(name));
  assert.ok(of('MLP int8') && of('MLP fp16'), 'int8 and fp16 are labelled');
  // Not every name fits at this size: some are written as their numbers.
  assert.ok(placements.some((p) => p.numbered));
});

test('labels are placed in the order given: the first (the choice) gets its best spot', () => {
  const markers = [{ x: 100, y: 100, r: 5 }, { x: 150, y: 100, r: 5 }];
  const bounds = { x: 0, y: 0, w: 300, h: 200 };
  // The second marker asked first: its right side is taken, the first marker's right side
  // (between the two) is then too narrow for its name and goes elsewhere.
  const requests = [{ marker: 1, text: 'Chosen', short: '2' }, { marker: 0, text: 'A long other name', short: '1' }];
  const placements = placeLabels(markers, requests, bounds, measure, HEIGHT, GAP);
  check(markers, requests, bounds, placements);
  assert.deepEqual(placements[0].box, { x: 150 + 5 + GAP, y: 100 - HEIGHT / 2, w: measure('Chosen'), h: HEIGHT });
});

test('many markers on one spot: each still gets a label of its own, numbered where names do not fit', () => {
  const markers = Array.from({ length: 8 }, () => ({ x: 150, y: 100, r: 6 }));
  const requests = requestsFor(markers.map((_, i) => `Variant number ${i + 1}`));
  const bounds = { x: 0, y: 0, w: 300, h: 200 };
  const placements = placeLabels(markers, requests, bounds, measure, HEIGHT, GAP);
  check(markers, requests, bounds, placements);
});

test('a plot too small for any label still labels every marker (beside it, overlaps allowed only then)', () => {
  const markers = [{ x: 10, y: 10, r: 8 }, { x: 12, y: 12, r: 8 }];
  const requests = requestsFor(['a name', 'another']);
  const placements = placeLabels(markers, requests, { x: 0, y: 0, w: 20, h: 20 }, measure, HEIGHT, GAP);
  assert.equal(placements.length, 2);
  assert.ok(placements.every((p) => p.text.length > 0));
});
