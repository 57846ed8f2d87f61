// The engine's vector types: GCC/Clang vector extensions, which compile to SSE natively and to
// simd128 in wasm (built with -msimd128), where Eigen 3.4 has no SIMD and a floating-point
// reduction is never auto-vectorized. Every kernel in this folder builds on these few helpers,
// so native and wasm builds run the same code and sum in the same order.
//
// The one operation vector extensions cannot spell is the pairwise int16 multiply-add behind
// the int8 kernel; it is the only place a target's intrinsics appear (wasm i32x4.dot_i16x8_s,
// SSE2 pmaddwd, or a scalar loop with the same result elsewhere).
#pragma once
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lab::kernels {

using f32x4 = float __attribute__((vector_size(16)));
using f64x2 = double __attribute__((vector_size(16)));
using i16x8 = std::int16_t __attribute__((vector_size(16)));
using i32x4 = std::int32_t __attribute__((vector_size(16)));

// Unaligned loads and stores (memcpy compiles to one vector move).
template <typename V, typename T>
inline V load(const T* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename V, typename T>
inline void store(T* p, V v) {
  std::memcpy(p, &v, sizeof v);
}

// Sixteen floats in four registers: the accumulators of the kernels' 16-wide blocks.
struct f32x16 {
  f32x4 a, b, c, d;
};

inline f32x16 load16(const float* p) {
  return {load<f32x4>(p), load<f32x4>(p + 4), load<f32x4>(p + 8), load<f32x4>(p + 12)};
}

inline void store16(float* p, const f32x16& v) {
  store(p, v.a);
  store(p + 4, v.b);
  store(p + 8, v.c);
  store(p + 12, v.d);
}

inline f32x4 splat(float x) { return f32x4{x, x, x, x}; }

// acc += s * m, lane by lane (a multiply and an add: no fused multiply-add, in any build).
inline void multiply_add(f32x16& acc, f32x4 s, const f32x16& m) {
  acc.a += s * m.a;
  acc.b += s * m.b;
  acc.c += s * m.c;
  acc.d += s * m.d;
}

// Lane i = a[2i] * b[2i] + a[2i + 1] * b[2i + 1], in int32 (exact: no int16 product overflows
// int32, and the sum of two cannot either).
inline i32x4 dot_pairs(i16x8 a, i16x8 b) {
#if defined(__wasm_simd128__)
  return reinterpret_cast<i32x4>(wasm_i32x4_dot_i16x8(reinterpret_cast<v128_t>(a), reinterpret_cast<v128_t>(b)));
#elif defined(__SSE2__)
  return reinterpret_cast<i32x4>(_mm_madd_epi16(reinterpret_cast<__m128i>(a), reinterpret_cast<__m128i>(b)));
#else
  i32x4 out;
  for (int i = 0; i < 4; ++i) out[i] = std::int32_t{a[2 * i]} * b[2 * i] + std::int32_t{a[2 * i + 1]} * b[2 * i + 1];
  return out;
#endif
}

}  // namespace lab::kernels
