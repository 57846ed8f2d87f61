// Writes the figures of the last soak run (build/e2e-artifacts/soak.json, written by
// tests/e2e/soak.test.mjs) into docs/reliability.md, between the "soak figures" markers:
// `tools/lab soak MINUTES` runs the soak and then this.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const BEGIN = '<!-- soak figures: begin (tools/lab soak writes this table) -->';
const END = '<!-- soak figures: end -->';

export function soakTable(f, date) {
  const runs = (tag) => f.runs[tag];
  const row = (tag) => {
    const r = runs(tag);
    return `| ${tag} | ${r.started} | ${r.results} | ${r.cancelled} | ${r.cached} | ${r.errors.length} |`;
  };
  return [
    BEGIN,
    `Last run: ${date}, seed ${f.seed}, ${f.changes} control changes in ${f.minutes.toFixed(1)} min on this project's 2-core machine (headless Chromium).`,
    '',
    '| widget | runs started | finished | cancelled by the next | shown from the cache | failed |',
    '| --- | --- | --- | --- | --- | --- |',
    row('optimization-lab'),
    row('performance-tradeoff-explorer'),
    '',
    `Engine workers started: ${f.workersStarted} (the first, plus one per run cancelled or killed while it computed); replaced for memory: ${f.workersRecycled}; `
      + `live at the end: ${f.liveWorkers}; wasm memory at the end: ${(f.lastMemoryBytes / 2 ** 20).toFixed(0)} MiB (ceiling 1 GiB). `
      + 'Console errors: none; the final numbers equal a fresh page\'s on the same settings (the test fails otherwise).',
    END,
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const figures = JSON.parse(readFileSync(join(root, 'build/e2e-artifacts/soak.json'), 'utf8'));
  const docPath = join(root, 'docs/reliability.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(BEGIN), end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/reliability.md: no "${BEGIN}" ... "${END}" section`);
  const table = soakTable(figures, new Date().toISOString().slice(0, 10));
  writeFileSync(docPath, doc.slice(0, start) + table + doc.slice(end + END.length));
  console.log('wrote the soak figures to docs/reliability.md');
}
