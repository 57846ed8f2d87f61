// The int8 layer kernel: acc_j = sum_k w_jk x_k in int32, for int8 weights and int8
// activations, both held as int16 so that one pairwise multiply-add (dot_pairs) does eight
// products where a float kernel does four.
//
// Weights are packed once per model: outputs in blocks of four, and within a block the weights
// of inputs 2p and 2p + 1 side by side,
//   packed[(block * pairs + p) * 8 + 2 i + t] = w(4 block + i, 2 p + t),
// so one 16-byte load holds a block's weights for one pair of inputs, and that pair of inputs,
// broadcast to every lane, multiplies all four outputs at once. Zero weights pad the last
// block and an odd input count. The sums are exact integers, so the kernel equals the plain
// loop (int8_matvec_reference) bit for bit in every build.
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

// acc[j] = sum_k w_jk x[k] for j < 4 * blocks (padded outputs get 0). x holds 2 * pairs
// values; the one past `in`, if any, must be 0.
void int8_matvec(const PackedInt8& W, const std::int16_t* x, std::int32_t* acc);

// The same for `rows` input vectors at once: X holds them one after another, 2 * pairs values
// each; acc gets 4 * blocks values per vector. Two vectors share each load of the weights.
void int8_matmul(const PackedInt8& W, const std::int16_t* X, int rows, std::int32_t* acc);

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
