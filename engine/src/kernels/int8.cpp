#include "kernels/int8.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "kernels/simd.hpp"

namespace lab::kernels {

PackedInt8 pack_int8(const std::int8_t* q, int out, int in) {
  PackedInt8 W;
  W.in = in;
  W.out = out;
  W.pairs = (in + 1) / 2;
  W.blocks = (out + 3) / 4;
  W.w.assign(static_cast<std::size_t>(W.blocks) * W.pairs * 8, 0);
  for (int j = 0; j < out; ++j)
    for (int k = 0; k < in; ++k) {
      const std::size_t at = (static_cast<std::size_t>(j / 4) * W.pairs + k / 2) * 8 + 2 * (j % 4) + k % 2;
      W.w[at] = q[static_cast<std::size_t>(j) * in + k];
    }
  return W;
}

void spread_pairs(const std::int16_t* x, int pairs, std::int16_t* xs) {
  if (kPairLanes == 2) {
    std::memcpy(xs, x, sizeof(std::int16_t) * 2 * static_cast<std::size_t>(pairs));
    return;
  }
  for (int p = 0; p < pairs; ++p) {
    std::int32_t pair;
    std::memcpy(&pair, x + 2 * p, sizeof pair);
    store(xs + 8 * p, i32x4{pair, pair, pair, pair});
  }
}

namespace {

// Inputs 2p and 2p + 1 in every lane pair, from spread_pairs' layout.
inline i16x8 pair_at(const std::int16_t* xs, int p) {
  if (kPairLanes == 8) return load<i16x8>(xs + 8 * p);
  std::int32_t pair;
  std::memcpy(&pair, xs + 2 * p, sizeof pair);
  const i32x4 v = {pair, pair, pair, pair};  // v128.load32_splat
  return reinterpret_cast<i16x8>(v);
}

}  // namespace

void int8_matvec(const PackedInt8& W, const std::int16_t* xs, std::int32_t* acc) {
  const std::ptrdiff_t stride = static_cast<std::ptrdiff_t>(W.pairs) * 8;  // one block's weights
  int b = 0;
  // Four blocks (16 outputs) at a time: four independent accumulators share each broadcast.
  for (; b + 4 <= W.blocks; b += 4) {
    const std::int16_t* w0 = W.w.data() + b * stride;
    const std::int16_t* w1 = w0 + stride;
    const std::int16_t* w2 = w1 + stride;
    const std::int16_t* w3 = w2 + stride;
    i32x4 a0{}, a1{}, a2{}, a3{};
    for (int p = 0; p < W.pairs; ++p) {
      const i16x8 xv = pair_at(xs, p);
      a0 += dot_pairs(load<i16x8>(w0 + 8 * p), xv);
      a1 += dot_pairs(load<i16x8>(w1 + 8 * p), xv);
      a2 += dot_pairs(load<i16x8>(w2 + 8 * p), xv);
      a3 += dot_pairs(load<i16x8>(w3 + 8 * p), xv);
    }
    store(acc + 4 * b, a0);
    store(acc + 4 * b + 4, a1);
    store(acc + 4 * b + 8, a2);
    store(acc + 4 * b + 12, a3);
  }
  for (; b < W.blocks; ++b) {
    const std::int16_t* w = W.w.data() + b * stride;
    i32x4 a{};
    for (int p = 0; p < W.pairs; ++p) a += dot_pairs(load<i16x8>(w + 8 * p), pair_at(xs, p));
    store(acc + 4 * b, a);
  }
}

namespace {

// R input rows against B blocks of weights (4B outputs) from block b: R * B accumulators, so
// each weight load serves R rows and each broadcast pair B blocks. R = 4, B = 3 keeps 12
// accumulators, 3 weight vectors and a broadcast in the 16 vector registers of x86-64 SSE and
// of wasm under V8: 24 of 28 instructions a pair are multiply-adds and adds.
template <int R, int B>
void rows_times_blocks(const PackedInt8& W, const std::int16_t* X, std::int32_t* acc, int b) {
  const std::ptrdiff_t stride = static_cast<std::ptrdiff_t>(W.pairs) * 8;
  const std::ptrdiff_t in_stride = static_cast<std::ptrdiff_t>(W.pairs) * kPairLanes,
                       out_stride = static_cast<std::ptrdiff_t>(W.blocks) * 4;
  const std::int16_t* w = W.w.data() + b * stride;
  i32x4 a[R][B] = {};
  for (int p = 0; p < W.pairs; ++p) {
    i16x8 m[B];
    for (int k = 0; k < B; ++k) m[k] = load<i16x8>(w + k * stride + 8 * p);
    for (int r = 0; r < R; ++r) {
      const i16x8 u = pair_at(X + r * in_stride, p);
      for (int k = 0; k < B; ++k) a[r][k] += dot_pairs(m[k], u);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int k = 0; k < B; ++k) store(acc + r * out_stride + 4 * (b + k), a[r][k]);
}

template <int R>
void rows_times_weights(const PackedInt8& W, const std::int16_t* X, std::int32_t* acc) {
  int b = 0;
  for (; b + 3 <= W.blocks; b += 3) rows_times_blocks<R, 3>(W, X, acc, b);
  for (; b < W.blocks; ++b) rows_times_blocks<R, 1>(W, X, acc, b);
}

}  // namespace

void int8_matmul(const PackedInt8& W, const std::int16_t* X, int rows, std::int32_t* acc) {
  const std::ptrdiff_t in_stride = static_cast<std::ptrdiff_t>(W.pairs) * kPairLanes,
                       out_stride = static_cast<std::ptrdiff_t>(W.blocks) * 4;
  int r = 0;
  for (; r + 4 <= rows; r += 4) rows_times_weights<4>(W, X + r * in_stride, acc + r * out_stride);
  for (; r + 2 <= rows; r += 2) rows_times_weights<2>(W, X + r * in_stride, acc + r * out_stride);
  for (; r < rows; ++r) int8_matvec(W, X + r * in_stride, acc + r * out_stride);
}

// Adding 1.5 * 2^23 pushes the fraction out of a float's significand, and the default rounding
// mode rounds ties to even: round-half-even without a libm call (exact for |v| < 2^22). The
// clamp comes first, in float, to the integer bounds [-128 - zp, 127 - zp]: rounding cannot
// leave integer bounds, so this equals rounding first and saturating after.
int quantize_int8_one(float x, float inverse_scale, int zero_point) {
  float v = std::min(std::max(x * inverse_scale, static_cast<float>(-128 - zero_point)),
                     static_cast<float>(127 - zero_point));
  v = (v + 12582912.0f) - 12582912.0f;
  return static_cast<int>(v) + zero_point;
}

std::int32_t quantize_int8(const float* x, int n, float inverse_scale, int zero_point, std::int16_t* q) {
  using i16x4 = std::int16_t __attribute__((vector_size(8)));
  const f32x4 inv = {inverse_scale, inverse_scale, inverse_scale, inverse_scale};
  const float low = static_cast<float>(-128 - zero_point), high = static_cast<float>(127 - zero_point);
  const f32x4 lo = {low, low, low, low}, hi = {high, high, high, high};
  const f32x4 magic = {12582912.0f, 12582912.0f, 12582912.0f, 12582912.0f};
  const i32x4 zp = {zero_point, zero_point, zero_point, zero_point};
  i32x4 sum{};
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    f32x4 v = load<f32x4>(x + k) * inv;
    v = v < lo ? lo : v;
    v = v > hi ? hi : v;
    v = (v + magic) - magic;
    const i32x4 i = __builtin_convertvector(v, i32x4) + zp;
    sum += i;
    store(q + k, __builtin_convertvector(i, i16x4));
  }
  std::int32_t total = (sum[0] + sum[1]) + (sum[2] + sum[3]);
  for (; k < n; ++k) total += q[k] = static_cast<std::int16_t>(quantize_int8_one(x[k], inverse_scale, zero_point));
  return total;
}

void requantize(const std::int32_t* acc, const std::int32_t* offset, const std::int32_t* zw, std::int32_t sum_qx,
                const float* step, const float* bias, int out, bool relu, float* y) {
  const i32x4 s = {sum_qx, sum_qx, sum_qx, sum_qx};
  const f32x4 zero{};
  int j = 0;
  for (; j + 4 <= out; j += 4) {
    const i32x4 total = load<i32x4>(acc + j) + load<i32x4>(offset + j) - load<i32x4>(zw + j) * s;
    f32x4 v = __builtin_convertvector(total, f32x4) * load<f32x4>(step + j) + load<f32x4>(bias + j);
    if (relu) v = v < zero ? zero : v;
    store(y + j, v);
  }
  for (; j < out; ++j) {
    const float v = static_cast<float>(acc[j] + offset[j] - zw[j] * sum_qx) * step[j] + bias[j];
    y[j] = relu && v < 0.0f ? 0.0f : v;
  }
}

void int8_matvec_reference(const std::int8_t* q, int out, int in, const std::int16_t* x, std::int32_t* acc) {
  for (int j = 0; j < out; ++j) {
    std::int32_t s = 0;
    for (int k = 0; k < in; ++k) s += std::int32_t{q[static_cast<std::size_t>(j) * in + k]} * x[k];
    acc[j] = s;
  }
}

}  // namespace lab::kernels
