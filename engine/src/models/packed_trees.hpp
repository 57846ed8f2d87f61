// Boosted trees packed for scoring many rows. Every tree's nodes end to end, 16 bytes each (a
// TreeNode also carries training statistics). A leaf points both children at itself, so a row
// walks each tree for exactly the tree's depth, picking a child by the comparison's result
// instead of branching on it: the walk has no branch the data decides. Rows go through each
// tree in blocks, their walks independent, so the processor overlaps their loads. Permutation
// importance scores the held-out rows hundreds of times, so this is most of a boosting run's
// predicting.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "core/float_rows.hpp"
#include "models/tree.hpp"

namespace lab {

using ScoreRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class PackedTrees {
 public:
  explicit PackedTrees(const std::vector<Tree>& trees);

  // scores(i, t % scores.cols()) += learning_rate * tree t's leaf value for row i, tree by tree
  // in order (the sums of a plain walk, bit for bit).
  void add_scores(const FloatRows& X, double learning_rate, ScoreRows& scores) const;

 private:
  struct Node {
    std::int32_t feature;
    float threshold;
    std::int32_t child[2];  // [x <= threshold, otherwise (NaN too)]
  };
  template <int kRows>
  void add_block(const float* const* rows, double learning_rate, double* const* scores, int outputs) const;

  std::vector<Node> nodes_;
  std::vector<double> values_;  // each node's value; read at leaves
  std::vector<std::int32_t> roots_, depths_;
};

}  // namespace lab
