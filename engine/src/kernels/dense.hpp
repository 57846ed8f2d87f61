// Dense kernels over raw buffers: dot products (several independent accumulators, then one
// reduction) and the small matrix product behind the MLP's forward and backward passes.
// Inline: they sit in the solvers' innermost loops.
#pragma once
#include <cstddef>

#include <Eigen/Core>

#include "kernels/simd.hpp"

namespace lab::kernels {

inline float dot(const float* a, const float* b, Eigen::Index n) {
  f32x4 s0{}, s1{}, s2{}, s3{};
  Eigen::Index i = 0;
  for (; i + 16 <= n; i += 16) {
    s0 += load<f32x4>(a + i) * load<f32x4>(b + i);
    s1 += load<f32x4>(a + i + 4) * load<f32x4>(b + i + 4);
    s2 += load<f32x4>(a + i + 8) * load<f32x4>(b + i + 8);
    s3 += load<f32x4>(a + i + 12) * load<f32x4>(b + i + 12);
  }
  const f32x4 s = (s0 + s1) + (s2 + s3);
  float sum = (s[0] + s[1]) + (s[2] + s[3]);
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

inline double dot(const double* a, const double* b, Eigen::Index n) {
  f64x2 s0{}, s1{};
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += load<f64x2>(a + i) * load<f64x2>(b + i);
    s1 += load<f64x2>(a + i + 2) * load<f64x2>(b + i + 2);
  }
  const f64x2 sum2 = s0 + s1;
  double sum = sum2[0] + sum2[1];
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

// y += a x over n doubles, two lanes at a time (a multiply and an add, never fused): the same
// bits in every build.
inline void axpy(double a, const double* x, double* y, Eigen::Index n) {
  const f64x2 av = {a, a};
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    store(y + i, load<f64x2>(y + i) + av * load<f64x2>(x + i));
    store(y + i + 2, load<f64x2>(y + i + 2) + av * load<f64x2>(x + i + 2));
  }
  for (; i < n; ++i) y[i] += a * x[i];
}

// Rows r.. of one result column y = M x (+ bias): four at a time, then one by one.
inline void matmul_rows(const float* M, int rows, int inner, const float* x, float* y, const float* bias, int r) {
  for (; r + 4 <= rows; r += 4) {
    f32x4 a = bias ? load<f32x4>(bias + r) : f32x4{};
    for (int k = 0; k < inner; ++k) {
      const float xk = x[k];
      a += f32x4{xk, xk, xk, xk} * load<f32x4>(M + static_cast<std::ptrdiff_t>(k) * rows + r);
    }
    store(y + r, a);
  }
  for (; r < rows; ++r) {
    float a = bias ? bias[r] : 0.0f;
    for (int k = 0; k < inner; ++k) a += x[k] * M[static_cast<std::ptrdiff_t>(k) * rows + r];
    y[r] = a;
  }
}

// The dense layer's three products (forward W A, backward D A' and W' D) as one kernel over
// raw column-major buffers, also the forward pass of the fp32/fp16 deployed MLPs. Eigen 3.4
// has no wasm SIMD, so its products run scalar in the browser, and it sets up cache blocking
// for each of these tiny products. This kernel keeps 16 rows of two result columns in eight
// 4-lane registers while it runs down the inner dimension, so each load of M serves two
// columns. (Skipping the zeros ReLU and dropout leave in X measured slower: the branch
// mispredicts more than it saves.) Each entry is bias + m_1 x_1 + m_2 x_2 + ... in that order,
// whichever block it falls in, in every build.
// Y = M X (+ bias on every column): M rows x inner, X inner x cols, Y rows x cols.
inline void matmul(const float* M, int rows, int inner, const float* X, int cols, float* Y, const float* bias) {
  int c = 0;
  for (; c + 2 <= cols; c += 2) {
    const float* x = X + static_cast<std::ptrdiff_t>(c) * inner;
    const float* x1 = x + inner;
    float* y = Y + static_cast<std::ptrdiff_t>(c) * rows;
    float* y1 = y + rows;
    int r = 0;
    for (; r + 16 <= rows; r += 16) {
      f32x16 a = bias ? load16(bias + r) : f32x16{};
      f32x16 b = a;
      for (int k = 0; k < inner; ++k) {
        const f32x16 m = load16(M + static_cast<std::ptrdiff_t>(k) * rows + r);
        multiply_add(a, splat(x[k]), m);
        multiply_add(b, splat(x1[k]), m);
      }
      store16(y + r, a);
      store16(y1 + r, b);
    }
    if (r < rows) {
      matmul_rows(M, rows, inner, x, y, bias, r);
      matmul_rows(M, rows, inner, x1, y1, bias, r);
    }
  }
  for (; c < cols; ++c) {
    const float* x = X + static_cast<std::ptrdiff_t>(c) * inner;
    float* y = Y + static_cast<std::ptrdiff_t>(c) * rows;
    int r = 0;
    for (; r + 16 <= rows; r += 16) {
      f32x16 a = bias ? load16(bias + r) : f32x16{};
      for (int k = 0; k < inner; ++k)
        multiply_add(a, splat(x[k]), load16(M + static_cast<std::ptrdiff_t>(k) * rows + r));
      store16(y + r, a);
    }
    matmul_rows(M, rows, inner, x, y, bias, r);
  }
}

}  // namespace lab::kernels
