// Regression trees on gradients and hessians over binned features, as LightGBM and
// scikit-learn's HistGradientBoosting* grow them. A node's histogram holds, per feature and
// bin, the sums of the gradient and hessian and the row count of its rows; every split of a
// feature is one scan over its bins. Only the smaller child's histogram is built from rows:
// the larger one is the parent's minus it.
//
// A split's gain is GL^2/(HL+l2) + GR^2/(HR+l2) - G^2/(H+l2) (sums of gradients G and hessians
// H; l2 the L2 regularization), a leaf's value the Newton step -G/(H+l2), unshrunk. Growth is
// depth-first with the left child first, so the Tree's nodes come out in preorder with the
// `x <= threshold` child next, as the exact trees and the exported formats have them.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "models/binning.hpp"
#include "models/tree.hpp"

namespace lab {

struct BinStats {
  double gradient = 0, hessian = 0;
  std::uint32_t count = 0;
};

// One node's histogram: every feature's bins (its value bins, then the missing bin) end to end.
class Histogram {
 public:
  explicit Histogram(const BinnedColumns& X);
  // Sums over `rows` (n of them) with their gradients and hessians given in the same order.
  void build(const BinnedColumns& X, const int* rows, std::size_t n, const double* ordered_gradient,
             const double* ordered_hessian);
  void set_difference(const Histogram& parent, const Histogram& child);  // this = parent - child
  const BinStats* feature(int f) const { return bins_.data() + offsets_[static_cast<std::size_t>(f)]; }
  const std::vector<BinStats>& bins() const { return bins_; }

 private:
  std::vector<std::size_t> offsets_;  // feature -> first bin
  std::vector<BinStats> bins_;
};

// Grows one tree per call on rows of the same binned data; buffers are kept between calls.
class HistTreeGrower {
 public:
  // options: max_depth, min_samples_split, min_samples_leaf (rows each child keeps); ccp_alpha unused.
  HistTreeGrower(const BinnedColumns& X, const TreeOptions& options, double l2_regularization);

  // A tree fitted to the gradients and hessians (one per row of X) of `rows` (ascending; the
  // in-bag rows of a subsample). Node values are -G/(H+l2); `impurity` is -G^2/(H+l2) per row,
  // so Tree::feature_importances sums each feature's gains.
  Tree grow(const std::vector<double>& gradient, const std::vector<double>& hessian, const std::vector<int>& rows);
  // After grow: leaf[r] = the node id of row r's leaf, for every row r it grew on (the same
  // leaf Tree::leaf_of finds from the raw values, read off the partition instead).
  void set_leaves_of_rows(std::vector<int>& leaf) const;

 private:
  struct Split;
  int grow_node(std::size_t begin, std::size_t end, const BinStats& sums, int depth, Histogram* histogram);
  Split best_split(const Histogram& histogram, const BinStats& sums) const;
  bool may_split(const BinStats& sums, int depth) const;
  void build(Histogram& out, std::size_t begin, std::size_t end);
  Histogram& level_histogram(int depth, int side);

  const BinnedColumns& X_;
  TreeOptions options_;
  double l2_;
  const std::vector<double>* gradient_ = nullptr;
  const std::vector<double>* hessian_ = nullptr;
  std::vector<int> rows_, scratch_;  // the in-bag rows, each node's a contiguous range
  struct LeafRows {
    int node;
    std::size_t begin, end;
  };
  std::vector<LeafRows> leaf_rows_;
  std::vector<double> ordered_gradient_, ordered_hessian_;
  std::vector<std::unique_ptr<Histogram>>
      histograms_;  // two per depth (a node's children), made as deep levels are reached
  Tree tree_;
};

}  // namespace lab
