// The weighted Gram matrix behind a Newton step of a linear model, G = (W X)' X over a block of
// rows: a symmetric rank-k update in float, summed into double per block by the caller, so the
// float sums stay short. Each pass reads two columns of A and four of B and keeps eight 4-lane
// accumulators: 22 instructions for 32 products, where a dot product per entry spends 16 for
// 16 (and re-reads every column once per entry). Eigen's product would be faster natively but
// runs scalar in wasm; this is the same code, and the same sums, in both builds.
#pragma once
#include <algorithm>
#include <Eigen/Core>

#include "kernels/dense.hpp"
#include "kernels/simd.hpp"

namespace lab::kernels {

// G(j, m) += sum_i A(i, j) * B(i, m) for every m <= j, i < rows. A and B are column-major with
// leading dimensions lda and ldb and d columns; G is column-major d x d (the upper triangle is
// not touched).
inline void gram_lower(const float* A, Eigen::Index lda, const float* B, Eigen::Index ldb, Eigen::Index rows, int d, double* G) {
  const Eigen::Index vector_rows = rows - rows % 4;
  for (int j = 0; j < d; j += 2) {
    const int jn = std::min(2, d - j);
    for (int m = 0; m < j + jn; m += 4) {
      if (jn == 2 && m + 4 <= d) {
        const float* a0 = A + static_cast<Eigen::Index>(j) * lda;
        const float* a1 = a0 + lda;
        const float* b = B + static_cast<Eigen::Index>(m) * ldb;
        f32x4 s[2][4] = {};
        for (Eigen::Index i = 0; i < vector_rows; i += 4) {
          const f32x4 x0 = load<f32x4>(a0 + i), x1 = load<f32x4>(a1 + i);
          for (int c = 0; c < 4; ++c) {
            const f32x4 y = load<f32x4>(b + c * ldb + i);
            s[0][c] += x0 * y;
            s[1][c] += x1 * y;
          }
        }
        for (int r = 0; r < 2; ++r)
          for (int c = 0; c < 4; ++c) {
            if (m + c > j + r) continue;  // above the diagonal
            const float* a = r ? a1 : a0;
            float sum = (s[r][c][0] + s[r][c][1]) + (s[r][c][2] + s[r][c][3]);
            for (Eigen::Index i = vector_rows; i < rows; ++i) sum += a[i] * b[c * ldb + i];
            G[static_cast<Eigen::Index>(m + c) * d + j + r] += static_cast<double>(sum);
          }
        continue;
      }
      for (int r = 0; r < jn; ++r)  // the edges: one dot product per entry
        for (int c = m; c < std::min(m + 4, d); ++c)
          if (c <= j + r)
            G[static_cast<Eigen::Index>(c) * d + j + r] += static_cast<double>(dot(A + static_cast<Eigen::Index>(j + r) * lda, B + static_cast<Eigen::Index>(c) * ldb, rows));
    }
  }
}

}  // namespace lab::kernels
