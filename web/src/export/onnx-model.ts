// A deployed model as an ONNX graph (opset 13), from the engine's model parts (the "export"
// entry of a trade-off row, engine/src/export/model_parts.hpp). The protobuf encoding is
// onnx-proto's; this module only decides the graph. The model's raw scores come from:
//   mlp, float32 or sparse:  Gemm (+ Relu/Tanh/Sigmoid) per hidden layer, Gemm for the scores. Pruned
//                            weights are stored dense (zeros included): ONNX Runtime's CPU
//                            Gemm has no sparse kernel, and the zeros compress well.
//   mlp, float16:            float16 initializers, Cast to float32 before each Gemm: stored as
//                            half, computed in float32, as the engine does.
//   mlp int8:                QDQ: each layer's input through QuantizeLinear/DequantizeLinear
//                            with the engine's calibrated scale and zero point, int8 weights
//                            through DequantizeLinear (per output channel), MatMul + bias.
//   linear (logistic, multinomial, least squares): one Gemm.
//   trees (a tree, boosting): ai.onnx.ml TreeEnsembleRegressor (BRANCH_LEQ, as the engine
//                            splits: x <= threshold goes to the next node), one target per
//                            score: a tree's leaf adds its values to its targets, plus the base.
// Then the engine's output head (tasks/output_head.hpp): Sigmoid (binary), Softmax over the
// classes, nothing (a tree's leaf shares, a regression value) or Mul + Add (a network trained on
// a standardized target). ONNX Runtime's regressor leaves a LOGISTIC/SOFTMAX post_transform
// unapplied, hence separate nodes.
// Input "features": float32 [rows, columns] in the design's columns (after the spec's
// preprocessing, which the graph does not include); output "probability" [rows, classes or 1]
// for a classifier, "value" [rows, 1] for a numeric target (head.output names it).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto as unknown as { onnx: typeof import('onnx-proto').onnx };
type Graph = { nodes: unknown[]; initializers: unknown[] };

export interface MlpLayer {
  in: number; out: number; weights: number[]; bias: number[];
  weight_scale?: number[]; weight_zero_point?: number[]; input_scale?: number; input_zero_point?: number;
}
/** How raw scores become the prediction (engine/src/tasks/output_head.hpp). */
export interface OutputHead {
  kind: 'sigmoid' | 'softmax' | 'identity' | 'affine';
  outputs: number;
  output: 'probability' | 'value';
  classes?: string[];
  scale?: number;
  shift?: number;
}
export type ModelParts = (
  | { kind: 'mlp'; activation: string; storage: 'float32' | 'float16' | 'sparse'; layers: MlpLayer[] }
  | { kind: 'mlp_int8'; activation: string; layers: MlpLayer[] }
  | { kind: 'linear'; coefficients: number[]; intercept: number[] }
  | { kind: 'trees'; base: number[]; trees: TreeNodes[] }) & { head: OutputHead };
/** One tree's nodes in preorder: the <= child of a split is the next node, `right` the other;
 *  a leaf (feature -1) adds its `width` values from `leaf_values` (in node order) to scores
 *  target, target + 1, ... */
export interface TreeNodes { target: number; width: number; feature: number[]; value: number[]; right: number[]; leaf_values: number[] }
export interface ModelExport { format: string; columns: string[]; parts: ModelParts | null; error?: string }

const T = onnx.TensorProto.DataType;
const ACTIVATION: Record<string, string> = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' };

/** IEEE float16 bits of a number that is one (the engine's fp16 values are). */
export function halfBits(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  const mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    return sign | ((mant | 0x800000) >> (14 - e));  // subnormal: exact for float16 values
  }
  return sign | (e << 10) | (mant >> 13);
}

/** An initializer with its values as raw little-endian bytes (1 per int8, 2 per float16, 4 per
 *  float32), so the file's size is the format's. */
function tensor(name: string, dims: number[], values: number[], type: number): unknown {
  const raw = type === T.FLOAT ? new Uint8Array(Float32Array.from(values).buffer)
    : type === T.FLOAT16 ? new Uint8Array(Uint16Array.from(values.map(halfBits)).buffer)
      : new Uint8Array(Int8Array.from(values).buffer);
  return onnx.TensorProto.create({ name, dims, dataType: type, rawData: raw });
}

type AttributeValue = number | string | { ints: number[] } | { floats: number[] } | { strings: string[] } | { float: number };
const A = onnx.AttributeProto.AttributeType;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** An attribute of the type its value has: a bare number is an INT, a bare string a STRING. */
function attribute(name: string, v: AttributeValue): InstanceType<typeof onnx.AttributeProto> {
  if (typeof v === 'number') return onnx.AttributeProto.create({ name, i: v, type: A.INT });
  if (typeof v === 'string') return onnx.AttributeProto.create({ name, s: utf8(v), type: A.STRING });
  if ('ints' in v) return onnx.AttributeProto.create({ name, ints: v.ints, type: A.INTS });
  if ('floats' in v) return onnx.AttributeProto.create({ name, floats: v.floats, type: A.FLOATS });
  if ('float' in v) return onnx.AttributeProto.create({ name, f: v.float, type: A.FLOAT });
  return onnx.AttributeProto.create({ name, strings: v.strings.map(utf8), type: A.STRINGS });
}

function node(opType: string, input: string[], output: string[], attributes: Record<string, AttributeValue> = {}, domain = ''): unknown {
  const attrs = Object.entries(attributes).map(([name, v]) => attribute(name, v));
  return onnx.NodeProto.create({ opType, input, output, attribute: attrs, domain, name: `${opType}_${output[0]}` });
}

/** The (out x in, row-major) matrix transposed to in x out, row-major: MatMul's B. */
function transposed(w: number[], out: number, inputs: number): number[] {
  const t = new Array<number>(w.length);
  for (let j = 0; j < out; ++j) for (let k = 0; k < inputs; ++k) t[k * out + j] = w[j * inputs + k];
  return t;
}

function floatLayers(parts: Extract<ModelParts, { kind: 'mlp' }>, g: Graph): string {
  let x = 'features';
  const half = parts.storage === 'float16';
  parts.layers.forEach((L, l) => {
    let W = `W${l}`, b = `b${l}`;
    g.initializers.push(tensor(W, [L.out, L.in], L.weights, half ? T.FLOAT16 : T.FLOAT), tensor(b, [L.out], L.bias, half ? T.FLOAT16 : T.FLOAT));
    if (half) {
      g.nodes.push(node('Cast', [W], [`${W}_f32`], { to: T.FLOAT }), node('Cast', [b], [`${b}_f32`], { to: T.FLOAT }));
      W = `${W}_f32`;
      b = `${b}_f32`;
    }
    g.nodes.push(node('Gemm', [x, W, b], [`z${l}`], { transB: 1 }));
    x = `z${l}`;
    if (l + 1 < parts.layers.length) {
      g.nodes.push(node(ACTIVATION[parts.activation] ?? 'Relu', [x], [`a${l}`]));
      x = `a${l}`;
    }
  });
  return x;
}

/** The largest |sum| of two products of a u8 activation (0..255) and the int8 weights: ONNX
 *  Runtime's x86 kernels without VNNI add such pairs in 16 bits and saturate past 32,767. The
 *  engine stores weights in [-64, 64] (engine/src/compress/quantize.hpp), which keeps this at 32,640. */
export function int8PairSumBound(parts: Extract<ModelParts, { kind: 'mlp_int8' }>): number {
  let largest = 0;
  for (const L of parts.layers) for (const w of L.weights) largest = Math.max(largest, Math.abs(w));
  return 2 * 255 * largest;
}
export const INT16_MAX = 32767;

function int8Layers(parts: Extract<ModelParts, { kind: 'mlp_int8' }>, g: Graph): string {
  const bound = int8PairSumBound(parts);
  if (bound > INT16_MAX) {
    throw new Error(`int8 weights up to ${bound / 510} could saturate ONNX Runtime's 16-bit pair sums on CPUs without VNNI (pair sum ${bound} > ${INT16_MAX}); the engine writes weights in [-64, 64]`);
  }
  let x = 'features';
  parts.layers.forEach((L, l) => {
    const channels = L.weight_scale!.length;
    g.initializers.push(
      tensor(`sx${l}`, [], [L.input_scale!], T.FLOAT), tensor(`zx${l}`, [], [L.input_zero_point!], T.INT8),
      tensor(`Wq${l}`, [L.in, L.out], transposed(L.weights, L.out, L.in), T.INT8),
      tensor(`sw${l}`, channels > 1 ? [channels] : [], L.weight_scale!, T.FLOAT),
      tensor(`zw${l}`, channels > 1 ? [channels] : [], L.weight_zero_point!, T.INT8),
      tensor(`b${l}`, [L.out], L.bias, T.FLOAT));
    g.nodes.push(
      node('QuantizeLinear', [x, `sx${l}`, `zx${l}`], [`qx${l}`]),
      node('DequantizeLinear', [`qx${l}`, `sx${l}`, `zx${l}`], [`dx${l}`]),
      node('DequantizeLinear', [`Wq${l}`, `sw${l}`, `zw${l}`], [`W${l}`], channels > 1 ? { axis: 1 } : {}),
      node('MatMul', [`dx${l}`, `W${l}`], [`m${l}`]),
      node('Add', [`m${l}`, `b${l}`], [`z${l}`]));
    x = `z${l}`;
    if (l + 1 < parts.layers.length) {
      g.nodes.push(node(ACTIVATION[parts.activation] ?? 'Relu', [x], [`a${l}`]));
      x = `a${l}`;
    }
  });
  return x;
}

/** Every tree's nodes as TreeEnsembleRegressor's parallel attribute lists, one target per score. */
function treeEnsemble(parts: Extract<ModelParts, { kind: 'trees' }>, g: Graph, output: string): void {
  const n = { tree: [] as number[], id: [] as number[], feature: [] as number[], mode: [] as string[], value: [] as number[], yes: [] as number[], no: [] as number[] };
  const leaf = { tree: [] as number[], id: [] as number[], target: [] as number[], weight: [] as number[] };
  parts.trees.forEach((t, ti) => {
    let next = 0;  // the next leaf's first value in leaf_values
    t.feature.forEach((f, i) => {
      const isLeaf = f < 0;
      n.tree.push(ti); n.id.push(i); n.feature.push(isLeaf ? 0 : f); n.mode.push(isLeaf ? 'LEAF' : 'BRANCH_LEQ');
      n.value.push(isLeaf ? 0 : t.value[i]); n.yes.push(isLeaf ? 0 : i + 1); n.no.push(isLeaf ? 0 : t.right[i]);
      if (!isLeaf) return;
      for (let k = 0; k < t.width; ++k) {
        leaf.tree.push(ti); leaf.id.push(i); leaf.target.push(t.target + k); leaf.weight.push(t.leaf_values[next + k]);
      }
      next += t.width;
    });
  });
  g.nodes.push(node('TreeEnsembleRegressor', ['features'], [output], {
    n_targets: parts.base.length, aggregate_function: 'SUM', base_values: { floats: parts.base },
    post_transform: 'NONE',
    nodes_treeids: { ints: n.tree }, nodes_nodeids: { ints: n.id }, nodes_featureids: { ints: n.feature },
    nodes_modes: { strings: n.mode }, nodes_values: { floats: n.value },
    nodes_truenodeids: { ints: n.yes }, nodes_falsenodeids: { ints: n.no },
    target_treeids: { ints: leaf.tree }, target_nodeids: { ints: leaf.id },
    target_ids: { ints: leaf.target }, target_weights: { floats: leaf.weight },
  }, 'ai.onnx.ml'));
}

/** The head's nodes from `scores` to the graph's output. */
function headNodes(head: OutputHead, scores: string, g: Graph): void {
  const out = head.output;
  if (head.kind === 'sigmoid') g.nodes.push(node('Sigmoid', [scores], [out]));
  else if (head.kind === 'softmax') g.nodes.push(node('Softmax', [scores], [out], { axis: 1 }));
  else if (head.kind === 'identity') g.nodes.push(node('Identity', [scores], [out]));
  else {
    g.initializers.push(tensor('head_scale', [], [head.scale ?? 1], T.FLOAT), tensor('head_shift', [], [head.shift ?? 0], T.FLOAT));
    g.nodes.push(node('Mul', [scores, 'head_scale'], ['scaled']), node('Add', ['scaled', 'head_shift'], [out]));
  }
}

/** The ONNX model's bytes, or an Error saying why the variant cannot be exported. */
export function onnxModel(exported: ModelExport, name: string): Uint8Array {
  if (!exported.parts) throw new Error(`variant '${name}' cannot be exported: ${exported.error ?? 'no model parts'}`);
  const parts = exported.parts;
  const g: Graph = { nodes: [], initializers: [] };
  let scores: string;
  if (parts.kind === 'trees') {
    scores = 'scores';
    treeEnsemble(parts, g, scores);
  } else if (parts.kind === 'linear') {
    const outputs = parts.intercept.length;
    g.initializers.push(tensor('coef', [outputs, parts.coefficients.length / outputs], parts.coefficients, T.FLOAT), tensor('intercept', [outputs], parts.intercept, T.FLOAT));
    g.nodes.push(node('Gemm', ['features', 'coef', 'intercept'], ['scores'], { transB: 1 }));
    scores = 'scores';
  } else if (parts.kind === 'mlp') {
    scores = floatLayers(parts, g);
  } else {
    scores = int8Layers(parts, g);
  }
  headNodes(parts.head, scores, g);
  const columns = exported.columns.length;
  const io = (n: string, dims: { dimParam?: string; dimValue?: number }[]) => onnx.ValueInfoProto.create({ name: n, type: { tensorType: { elemType: T.FLOAT, shape: { dim: dims } } } });
  const graph = onnx.GraphProto.create({
    name: name.replace(/[^A-Za-z0-9_]/g, '_'),
    docString: `features: ${exported.columns.join(', ')}` + (parts.head.classes ? `; ${parts.head.output} columns: ${parts.head.classes.join(', ')}` : ''),
    node: g.nodes, initializer: g.initializers,
    input: [io('features', [{ dimParam: 'rows' }, { dimValue: columns }])],
    output: [io(parts.head.output, [{ dimParam: 'rows' }, { dimValue: parts.head.outputs }])],
  } as Record<string, unknown>);
  const model = onnx.ModelProto.create({
    irVersion: 8, producerName: 'ml-lab-engine', producerVersion: '1', graph,
    docString: `${name} (${exported.format}); input: the spec's design columns after its preprocessing`,
    opsetImport: [{ domain: '', version: 13 }, ...(parts.kind === 'trees' ? [{ domain: 'ai.onnx.ml', version: 3 }] : [])],
  });
  return onnx.ModelProto.encode(model).finish();
}
