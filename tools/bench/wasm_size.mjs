// What makes a wasm file big: code bytes per function, grouped by library, from a build linked
// with --profiling-funcs (which keeps the function names; the code is the same as the release
// build's). Also prints how much each group adds after gzip (each group's bodies compressed
// together, which over-counts a little against one gzip of the whole file).
//   node tools/bench/wasm_size.mjs path/to/engine.wasm [--top N]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/wasm_size.mjs ENGINE.wasm [--top N]');
  process.exit(2);
}
const top = Number(rest[rest.indexOf('--top') + 1]) || 25;
const bytes = readFileSync(file);

let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, b;
  do {
    b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return result >>> 0;
};
const name = () => {
  const n = u32();
  const s = bytes.subarray(pos, pos + n).toString('utf8');
  pos += n;
  return s;
};

let imported = 0;
const bodies = [];
const names = new Map();
const sections = {};
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos, end = pos + size;
  if (id === 2) {  // imports: functions come first in the function index space
    for (let i = u32(); i > 0; i--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) pos += 2;
    }
  } else if (id === 10) {
    for (let i = u32(), k = 0; k < i; k++) {
      const len = u32();
      bodies.push({ index: imported + k, start: pos, size: len });
      pos += len;
    }
  } else if (id === 0) {
    const section = name();
    if (section === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const len = u32();
        const subEnd = pos + len;
        if (sub === 1) for (let i = u32(); i > 0; i--) { const index = u32(); names.set(index, name()); }
        pos = subEnd;
      }
    }
    sections[`custom:${section}`] = size;
  }
  sections[id] = (sections[id] ?? 0) + (id === 0 ? 0 : size);
  pos = end;
  void start;
}

const GROUPS = [
  ['yaml-cpp (lesson front matter)', /YAML::|yaml/i],
  ['nlohmann/json', /nlohmann::/],
  ['Eigen', /Eigen::/],
  ['embind', /emscripten::|embind|_embind/],
  ['engine: lesson/widget validation', /lab::.*(lesson|Lesson|widget|Widget|Diagnostic|diagnostic|front_matter|markdown|catalog|Catalog|field_check|yaml_document|json_document)/],
  ['engine: compress/trees/trade-off', /lab::.*(Tree|tree|Boost|boost|compress|Quantiz|quantiz|prune|Prune|Deployed|Mlp(Fp|Int|Sparse)|tradeoff|Tradeoff|scenario|pareto|Frozen|distill|half|Half|ByteWriter|ByteReader|serialize|save_model|load_model|latency|Latency)/],
  ['engine: everything else', /lab::/],
  ['libc++ (strings, streams, locale)', /std::|__cxx|__2::/],
  ['libc/compiler runtime', /.*/],
];
const groups = new Map(GROUPS.map(([g]) => [g, { bytes: 0, functions: 0, parts: [] }]));
const functions = bodies.map((b) => ({ ...b, name: names.get(b.index) ?? `#${b.index}` }));
for (const f of functions) {
  const [g] = GROUPS.find(([, re]) => re.test(f.name));
  const entry = groups.get(g);
  entry.bytes += f.size;
  entry.functions += 1;
  entry.parts.push(bytes.subarray(f.start, f.start + f.size));
}
const total = bytes.length;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
console.log(`${file}: ${total} bytes, gzip -9 ${gz(bytes)} bytes; code ${sections[10]} bytes in ${bodies.length} functions, data ${sections[11] ?? 0} bytes`);
console.log('\ngroup                                  code bytes   share   gzip alone  functions');
for (const [g, e] of groups) {
  if (!e.functions) continue;
  console.log(`${g.padEnd(38)} ${String(e.bytes).padStart(10)} ${(100 * e.bytes / sections[10]).toFixed(1).padStart(6)}% ${String(gz(Buffer.concat(e.parts))).padStart(11)} ${String(e.functions).padStart(10)}`);
}
console.log(`\nlargest ${top} functions:`);
for (const f of functions.sort((a, b) => b.size - a.size).slice(0, top)) console.log(`${String(f.size).padStart(8)}  ${f.name.slice(0, 140)}`);
