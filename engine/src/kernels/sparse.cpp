#include "kernels/sparse.hpp"

#include "kernels/simd.hpp"

namespace lab::kernels {

void csr_matmul(const std::uint32_t* row_ptr, const std::uint16_t* column, const float* value, const float* bias,
                int out, const float* X, std::ptrdiff_t n, float* Y) {
  for (int j = 0; j < out; ++j) {
    const std::uint32_t begin = row_ptr[j], end = row_ptr[j + 1];
    const float b = bias[j];
    float* y = Y + static_cast<std::ptrdiff_t>(j) * n;
    std::ptrdiff_t s = 0;
    for (; s + 16 <= n; s += 16) {
      f32x16 a = {splat(b), splat(b), splat(b), splat(b)};
      for (std::uint32_t p = begin; p < end; ++p)
        multiply_add(a, splat(value[p]), load16(X + static_cast<std::ptrdiff_t>(column[p]) * n + s));
      store16(y + s, a);
    }
    for (; s + 4 <= n; s += 4) {
      f32x4 a = {b, b, b, b};
      for (std::uint32_t p = begin; p < end; ++p) {
        const float w = value[p];
        a += f32x4{w, w, w, w} * load<f32x4>(X + static_cast<std::ptrdiff_t>(column[p]) * n + s);
      }
      store(y + s, a);
    }
    for (; s < n; ++s) {
      float a = b;
      for (std::uint32_t p = begin; p < end; ++p) a += value[p] * X[static_cast<std::ptrdiff_t>(column[p]) * n + s];
      y[s] = a;
    }
  }
}

}  // namespace lab::kernels
