// tools/lab check-schema (tools/docs/schema-check.mjs): what an editor's JSON Schema check says
// of a widget file, through ajv and the schema its "$schema" names. The agreement with the
// engine is schema-agreement.test.mjs; this checks the report a course author reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemaComplaints } from '../../tools/docs/schema-check.mjs';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'schema-check-'));

test('a widget file with three mistakes: each named by its JSON path, with what is allowed', () => {
  const widget = JSON.parse(readFileSync(join(root, 'widgets/optimization_lab.titanic.json'), 'utf8'));
  widget.$schema = join(root, 'schema/widget.schema.json');
  widget.model.lambda = -1;
  widget.train.optimizer = 'adagrad';
  widget.modle = {};
  const file = join(scratch, 'broken.json');
  writeFileSync(file, JSON.stringify(widget, null, 2));
  assert.deepEqual(schemaComplaints(file), [
    `${file}: (top level): must NOT have additional properties 'modle'`,
    `${file}: /model/lambda: must be >= 0`,
    `${file}: /train/optimizer: must be equal to one of the allowed values ("sgd", "momentum", "adam", null)`,
  ]);
  const run = spawnSync(process.execPath, [join(root, 'tools/docs/schema-check.mjs'), file], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.equal(run.stdout.trim().split('\n').length, 3);
});

test('every committed widget file is accepted; a file without "$schema" or with bad JSON is named', () => {
  for (const name of readdirSync(join(root, 'widgets')).filter((n) => n.endsWith('.json'))) {
    assert.deepEqual(schemaComplaints(join(root, 'widgets', name)), [], name);
  }
  const bare = join(scratch, 'bare.json');
  writeFileSync(bare, '{"model": {}}');
  assert.match(schemaComplaints(bare)[0], /bare\.json: no "\$schema" key, so an editor would not check it/);
  const cut = join(scratch, 'cut.json');
  writeFileSync(cut, '{"model": ');
  assert.match(schemaComplaints(cut)[0], /cut\.json: not valid JSON/);
  const usage = spawnSync(process.execPath, [join(root, 'tools/docs/schema-check.mjs')], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
