// The weighted Gram matrix G(j, m) = sum_i w_i x_ij x_im of a column-major float matrix, the
// curvature of the logistic fit. Computed as d(d+1)/2 separate dot products it reads X from
// memory once per pair (at 100k x 30: 465 passes over 400 KB columns, ~12 ms, 40 % of a
// path). This kernel walks X once in row blocks that stay in cache and keeps, for every pair,
// the sixteen lane accumulators kernels::dot would use, carried from block to block: each
// entry is summed in exactly dot's order, so the result is bit-identical to the pairwise dots
// (tested), in every build.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "kernels/simd.hpp"

namespace lab::kernels {

// The kernel's working memory, kept by the caller so that repeated calls allocate nothing.
struct GramScratch {
  std::vector<f32x16> lanes;    // one set of accumulators per pair m <= j
  std::vector<float> weighted;  // one row block of w * x_j for every column j
};

// Lower triangle and diagonal of G (d x d, column-major, entries m <= j as G[j + m * d]) from
// X (n x d, column-major) and the weights w (n): G(j, m) = dot(w .* x_j, x_m) in float.
void weighted_gram(const float* X, Eigen::Index n, Eigen::Index d, const float* w, float* G, GramScratch& scratch);

}  // namespace lab::kernels
