#include "kernels/gram.hpp"

#include <algorithm>

namespace lab::kernels {
namespace {

// Rows per block: the block's weighted columns and X's (2 x 30 columns x 256 rows x 4 bytes
// at d = 30) and the pairs' accumulators (465 x 64 bytes) stay in L1/L2. A multiple of 16, so
// every row keeps the lane it has in dot().
constexpr Eigen::Index kBlockRows = 256;

inline void accumulate(f32x16& s, const float* a, const float* b, Eigen::Index rows) {
  for (Eigen::Index i = 0; i < rows; i += 16) {
    s.a += load<f32x4>(a + i) * load<f32x4>(b + i);
    s.b += load<f32x4>(a + i + 4) * load<f32x4>(b + i + 4);
    s.c += load<f32x4>(a + i + 8) * load<f32x4>(b + i + 8);
    s.d += load<f32x4>(a + i + 12) * load<f32x4>(b + i + 12);
  }
}

// Two pairs (j, m) and (j, m + 1) at once: each load of w .* x_j serves both (measured: ~4 %
// of a 100k x 30 path run in wasm, no change natively).
inline void accumulate2(f32x16& s, f32x16& t, const float* a, const float* b, const float* c, Eigen::Index rows) {
  for (Eigen::Index i = 0; i < rows; i += 16) {
    const f32x16 x = load16(a + i);
    s.a += x.a * load<f32x4>(b + i);
    s.b += x.b * load<f32x4>(b + i + 4);
    s.c += x.c * load<f32x4>(b + i + 8);
    s.d += x.d * load<f32x4>(b + i + 12);
    t.a += x.a * load<f32x4>(c + i);
    t.b += x.b * load<f32x4>(c + i + 4);
    t.c += x.c * load<f32x4>(c + i + 8);
    t.d += x.d * load<f32x4>(c + i + 12);
  }
}

}  // namespace

void weighted_gram(const float* X, Eigen::Index n, Eigen::Index d, const float* w, float* G, GramScratch& scratch) {
  const Eigen::Index pairs = d * (d + 1) / 2;
  scratch.lanes.assign(static_cast<std::size_t>(pairs), f32x16{});
  scratch.weighted.resize(static_cast<std::size_t>(d * kBlockRows));
  float* wx = scratch.weighted.data();
  f32x16* lanes = scratch.lanes.data();
  const Eigen::Index full = n - n % 16;  // rows dot() takes in its 16-wide loop
  for (Eigen::Index r0 = 0; r0 < full; r0 += kBlockRows) {
    const Eigen::Index rows = std::min(kBlockRows, full - r0);
    for (Eigen::Index j = 0; j < d; ++j) {
      const float* x = X + j * n + r0;
      float* out = wx + j * kBlockRows;
      for (Eigen::Index i = 0; i < rows; ++i) out[i] = x[i] * w[r0 + i];
    }
    f32x16* s = lanes;
    for (Eigen::Index j = 0; j < d; ++j) {
      const float* a = wx + j * kBlockRows;
      Eigen::Index m = 0;
      for (; m + 1 <= j; m += 2, s += 2) accumulate2(s[0], s[1], a, X + m * n + r0, X + (m + 1) * n + r0, rows);
      if (m <= j) accumulate(*s++, a, X + m * n + r0, rows);
    }
  }
  // dot()'s reduction, then its tail rows one by one.
  const f32x16* s = lanes;
  for (Eigen::Index j = 0; j < d; ++j) {
    for (Eigen::Index m = 0; m <= j; ++m, ++s) {
      const f32x4 t = (s->a + s->b) + (s->c + s->d);
      float sum = (t[0] + t[1]) + (t[2] + t[3]);
      for (Eigen::Index i = full; i < n; ++i) sum += (X[j * n + i] * w[i]) * X[m * n + i];
      G[j + m * d] = sum;
    }
  }
}

}  // namespace lab::kernels
