// tools/check_layers.mjs: the engine's includes point down (the real tree passes), and the check
// does fail on an include that points up, a folder the layers file leaves out, or a public
// header it gives no folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { layerViolations, readLayers, readmeOrder } from '../../tools/check_layers.mjs';

test('the engine as it stands has no include that points up, and the README lists its layers in order', () => {
  assert.deepEqual(layerViolations(), []);
  assert.deepEqual(readmeOrder(), []);
});

test('an include of a higher folder, an unlisted folder and an unknown public header are each reported with file:line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  writeFileSync(join(dir, 'layers.txt'), '# lowest first\nlow   low_api.hpp\nhigh  high_api.hpp\n');
  const src = join(dir, 'src');
  for (const f of ['low', 'high', 'stray']) mkdirSync(join(src, f), { recursive: true });
  writeFileSync(join(src, 'low', 'a.cpp'), '#include "low/a.hpp"\n#include <vector>\n#include "high/b.hpp"\n#include "lab/high_api.hpp"\n');
  writeFileSync(join(src, 'high', 'b.cpp'), '#include "low/a.hpp"\n#include "lab/low_api.hpp"\n#include "lab/nobody.hpp"\n');
  const found = layerViolations(readLayers(join(dir, 'layers.txt')), src);
  assert.equal(found.length, 4, found.join('\n'));
  assert.match(found.find((p) => p.includes('stray')), /stray\/: a folder engine\/layers.txt does not list/);
  assert.match(found.find((p) => p.includes('high/b.hpp')), /low\/a\.cpp:3: low\/ includes "high\/b\.hpp" of high\/, a layer above it/);
  assert.match(found.find((p) => p.includes('high_api')), /low\/a\.cpp:4: low\/ includes "lab\/high_api\.hpp" of high\//);
  assert.match(found.find((p) => p.includes('nobody')), /high\/b\.cpp:3: includes "lab\/nobody\.hpp", a public header engine\/layers\.txt gives no folder/);
});
