// What a JSON-Schema-aware editor says about a JSON file, from the command line: validates each
// file against the schema its "$schema" key names (resolved next to the file, as editors do)
// with ajv, and prints every complaint with its JSON path and the field's description from the
// schema. `tools/lab check-schema FILE...`; exit 1 if any file has complaints, 2 on bad usage.
// The engine (`tools/lab validate`) checks more (see docs/schema.md); this shows the editor's view.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';

/** The schema's node at a JSON pointer (for the description of the field a complaint is about). */
function schemaAt(schema, pointer) {
  let node = schema;
  for (const part of pointer.split('/').slice(1)) {
    if (!node || typeof node !== 'object') return null;
    node = node[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Every complaint about `file` as lines, [] when the schema accepts it. */
export function schemaComplaints(file) {
  const text = readFileSync(file, 'utf8');
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return [`${file}: not valid JSON (${e.message})`];
  }
  const link = value && typeof value === 'object' && !Array.isArray(value) ? value.$schema : undefined;
  if (typeof link !== 'string') return [`${file}: no "$schema" key, so an editor would not check it (tools/lab new widget writes one)`];
  const schemaFile = resolve(dirname(file), link);
  let schema;
  try {
    schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  } catch (e) {
    return [`${file}: its "$schema" ${JSON.stringify(link)} cannot be read (${e.message})`];
  }
  const ajv = new Ajv({ strictNumbers: true, allErrors: true, strict: false });
  // Schemas refer to each other by file name (widget -> spec): load the folder's siblings.
  for (const name of ['spec', 'widget', 'lesson', 'catalog']) {
    const sibling = resolve(dirname(schemaFile), `${name}.schema.json`);
    if (sibling === schemaFile) continue;
    try {
      ajv.addSchema(JSON.parse(readFileSync(sibling, 'utf8')), `${name}.schema.json`);
    } catch { /* not every folder has all four */ }
  }
  const validate = ajv.compile(schema);
  if (validate(value)) return [];
  // "must match the then schema" only repeats the complaint inside it.
  return validate.errors.filter((e) => e.keyword !== 'if').map((e) => {
    const where = e.instancePath || '(top level)';
    const extra = e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'`
      : e.keyword === 'enum' ? ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
    const about = e.keyword === 'additionalProperties' ? null : schemaAt(schema, e.schemaPath.replace(/^#/, '').replace(/\/[^/]+$/, ''))?.description;
    return `${file}: ${where}: ${e.message}${extra}${about ? ` — ${about}` : ''}`;
  });
}

const isMain = import.meta.url === new URL(`file://${resolve(process.argv[1] ?? '')}`).href;
if (isMain) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: tools/lab check-schema FILE.json...');
    process.exit(2);
  }
  let bad = 0;
  for (const file of files) {
    let lines;
    try {
      lines = schemaComplaints(file);
    } catch (e) {
      lines = [`${file}: ${e.message}`];
    }
    if (lines.length) bad++;
    for (const line of lines) console.log(line);
    if (!lines.length) console.log(`${file}: the schema accepts it`);
  }
  process.exit(bad ? 1 : 0);
}
