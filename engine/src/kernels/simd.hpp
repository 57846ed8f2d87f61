// The engine's vector types: GCC/Clang vector extensions, which compile to SSE natively and to
// simd128 in wasm (built with -msimd128), where Eigen 3.4 has no SIMD and a floating-point
// reduction is never auto-vectorized. Every kernel in this folder builds on these few helpers,
// so native and wasm builds run the same code and sum in the same order.
#pragma once
#include <cstring>

namespace lab::kernels {

using f32x4 = float __attribute__((vector_size(16)));
using f64x2 = double __attribute__((vector_size(16)));

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

}  // namespace lab::kernels
