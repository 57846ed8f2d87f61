// The int8 layer kernel: acc_j = sum_k w_jk x_k in int32, for int8 weights and int8
// activations, both held as int16 so that one pairwise multiply-add (dot_pairs) does eight
// products where a float kernel does four.
//
// Weights are packed once per model: outputs in blocks of four, and within a block the weights
// of inputs 2p and 2p + 1 side by side,
//   packed[(block * pairs + p) * 8 + 2 i + t] = w(4 block + i, 2 p + t),
// so one 16-byte load holds a block's weights for one pair of inputs, and that pair of inputs,
// broadcast to every lane, multiplies all four outputs at once. A pair meets every block of
// outputs, so how it is broadcast matters: wasm has a load-and-broadcast (v128.load32_splat)
// and takes the pairs as they are; SSE2 has none (a shuffle per use, on the one shuffle port),
// so there the pairs are broadcast once per row ahead of the kernel (spread_pairs, kPairLanes
// values a pair). Measured on the 256-256 explorer network: natively 1.80x -> 1.93x fp32; in
// wasm the broadcast copy made it slower (1.93x -> 1.75x), hence the two layouts.
// Zero weights pad the last block and an odd input count. The sums are exact integers, so the
// kernel equals the plain loop (int8_matvec_reference) bit for bit in every build.
#pragma once
#include <cstdint>
#include <vector>

namespace lab::kernels {

struct PackedInt8 {
  int in = 0, out = 0;
  int pairs = 0;   // ceil(in / 2)
  int blocks = 0;  // ceil(out / 4)
  std::vector<std::int16_t> w;
};

// Packs the row-major out x in int8 matrix q.
PackedInt8 pack_int8(const std::int8_t* q, int out, int in);

#if defined(__wasm_simd128__)
constexpr int kPairLanes = 2;  // the pairs as they are
#else
constexpr int kPairLanes = 8;  // each pair in all four lane pairs
#endif

// The kernels' input layout: xs[kPairLanes p + 2 i + t] = x[2 p + t] for i < kPairLanes / 2.
// x holds 2 * pairs values; the one past `in`, if any, must be 0.
void spread_pairs(const std::int16_t* x, int pairs, std::int16_t* xs);

// acc[j] = sum_k w_jk x[k] for j < 4 * blocks (padded outputs get 0); xs is spread_pairs(x).
void int8_matvec(const PackedInt8& W, const std::int16_t* xs, std::int32_t* acc);

// The same for `rows` input vectors at once: Xs holds them spread one after another,
// kPairLanes * pairs values each; acc gets 4 * blocks values per vector. Four vectors share
// each load of the weights.
void int8_matmul(const PackedInt8& W, const std::int16_t* Xs, int rows, std::int32_t* acc);

// Activations to int8 (held as int16): q = clamp(round(x * inverse_scale) + zero_point, -128,
// 127), rounding half to even. The scalar form is the definition; quantize_int8 applies it to
// n values four lanes at a time with the same result, and returns their sum.
int quantize_int8_one(float x, float inverse_scale, int zero_point);
std::int32_t quantize_int8(const float* x, int n, float inverse_scale, int zero_point, std::int16_t* q);

// Back to float, per output j: y_j = float(acc_j + offset_j - zw_j * sum_qx) * step_j + bias_j
// (the zero-point terms of the gemmlowp expansion, then the layer's scales); `relu` applies
// max(y, 0) in the same pass.
void requantize(const std::int32_t* acc, const std::int32_t* offset, const std::int32_t* zw, std::int32_t sum_qx,
                const float* step, const float* bias, int out, bool relu, float* y);

// The scalar loop over the unpacked matrix that int8_matvec must equal.
void int8_matvec_reference(const std::int8_t* q, int out, int in, const std::int16_t* x, std::int32_t* acc);

}  // namespace lab::kernels
