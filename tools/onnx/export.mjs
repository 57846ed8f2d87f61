// tools/lab export SPEC.json --variant NAME [-o FILE]: the variant's deployed model as ONNX.
// The native engine trains and compresses the variant exactly as a trade-off run does and
// reports its numbers (lab-cli run --export); web/src/export/onnx-model.ts builds the graph;
// the file is checked with ONNX Runtime (onnxruntime-node) against the engine's own
// predictions on the first test rows before it is written. Bad input: one line, exit 2,
// nothing written.
import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message) {
  process.stderr.write(`lab export: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const out = { spec: null, variant: null, file: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--variant' && i + 1 < argv.length) out.variant = argv[++i];
    else if ((a === '-o' || a === '--output') && i + 1 < argv.length) out.file = argv[++i];
    else if (!a.startsWith('-') && !out.spec) out.spec = a;
    else fail(`unknown argument '${a}' (usage: tools/lab export SPEC.json --variant NAME [-o FILE])`);
  }
  if (!out.spec || !out.variant) fail('usage: tools/lab export SPEC.json --variant NAME [-o FILE]');
  return out;
}

/** The largest difference from the engine's predictions the format allows: float rounding for
 *  the float forms; int8 rounds each input to a step of its layer's scale, where ONNX Runtime
 *  divides by the scale and the engine multiplies by its inverse, so a rare value may round to
 *  the neighbouring step. A value (regression) is compared relative to the target's scale: the
 *  affine head multiplies the scores' rounding by it. */
export const TOLERANCE = { mlp: 1e-5, linear: 1e-5, trees: 1e-5, mlp_int8: 2e-2 };

export function toleranceOf(parts) {
  return TOLERANCE[parts.kind] * (parts.head.kind === 'affine' ? Math.max(1, Math.abs(parts.head.scale)) : 1);
}

export async function checkWithOnnxRuntime(bytes, exported) {
  const ort = (await import('onnxruntime-node')).default;
  const session = await ort.InferenceSession.create(bytes);
  const rows = exported.check.rows;
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, exported.columns.length]);
  const output = (await session.run({ features: input }))[exported.parts.head.output];
  const expected = exported.check.predictions.flat();
  // A value is compared relative to its size (float32 keeps ~7 digits of a price), a probability
  // absolutely.
  const relative = exported.parts.head.output === 'value';
  let worst = 0;
  expected.forEach((p, i) => { worst = Math.max(worst, Math.abs(output.data[i] - p) / (relative ? Math.max(1, Math.abs(p)) : 1)); });
  return { worst, tolerance: toleranceOf(exported.parts), outputs: Array.from(output.data), dims: output.dims, output: exported.parts.head.output };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { onnxModel } = await import(`${ROOT}/build/js-test/export/onnx-model.js`);
  const cli = `${ROOT}/build/native/engine/lab-cli`;
  let result;
  try {
    result = JSON.parse(execFileSync(cli, ['run', args.spec, '--export', args.variant], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    fail((e.stderr?.toString() || e.message).trim().replace(/^error: /, ''));
  }
  const row = (result.variants ?? []).find((v) => v.name === args.variant);
  if (!row?.export) fail(`${args.spec}: no trade-off variant '${args.variant}' (is this a trade-off spec with "variants"?)`);
  let bytes;
  try {
    bytes = onnxModel(row.export, args.variant);
  } catch (e) {
    fail(e.message);
  }
  const check = await checkWithOnnxRuntime(bytes, row.export);
  if (!(check.worst <= check.tolerance)) fail(`the exported graph gives ${check.output === 'value' ? 'values' : 'probabilities'} up to ${check.worst} from the engine's (allowed ${check.tolerance}); not written`);
  const file = resolve(args.file ?? `${args.variant.replace(/[^A-Za-z0-9_.-]+/g, '_')}.onnx`);
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);  // never a half-written model under the real name
  } catch (e) {
    try { unlinkSync(partial); } catch { /* nothing was written */ }
    fail(`cannot write ${file}: ${e.code ?? e.message}`);
  }
  process.stdout.write(`${file}: ${row.export.format} as ONNX (opset 13), ${bytes.length} bytes, inputs: ${row.export.columns.length} design columns, ` +
    `output '${check.output}' [rows, ${row.export.parts.head.outputs}]; ` +
    `ONNX Runtime agrees with the engine to ${check.worst.toExponential(1)} on ${row.export.check.rows.length} test rows\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
