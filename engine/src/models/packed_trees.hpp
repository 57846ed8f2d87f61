// Boosted trees packed for scoring many rows. Every tree's nodes end to end, 16 bytes each (a
// TreeNode also carries training statistics). A leaf points both children at itself, so a row
// walks each tree for exactly the tree's depth, picking a child by the comparison's result
// instead of branching on it: the walk has no branch the data decides. Permutation importance
// scores the held-out rows hundreds of times, so this is most of a boosting run's predicting.
#pragma once
#include <cstdint>
#include <vector>

#include "models/tree.hpp"

namespace lab {

struct PackedTrees {
  struct Node {
    std::int32_t feature;
    float threshold;
    std::int32_t child[2];  // [x <= threshold, otherwise (NaN too)]
  };
  std::vector<Node> nodes;
  std::vector<double> values;  // each node's value; read at leaves
  std::vector<std::int32_t> roots, depths;

  explicit PackedTrees(const std::vector<Tree>& trees);

  // Adds learning_rate * each tree's leaf value to the row's score of the tree's output
  // (tree t scores output t % outputs), in tree order. The rows go through each tree together:
  // their walks are independent, so the processor overlaps their loads.
  template <int kRows>
  void add_scores(const float* const* rows, double learning_rate, int outputs, double* const* scores) const {
    for (std::size_t t = 0; t < roots.size(); ++t) {
      std::int32_t at[kRows];
      for (int r = 0; r < kRows; ++r) at[r] = roots[t];
      for (std::int32_t d = depths[t]; d > 0; --d) {
        for (int r = 0; r < kRows; ++r) {
          const Node& node = nodes[static_cast<std::size_t>(at[r])];
          at[r] = node.child[!(rows[r][node.feature] <= node.threshold)];
        }
      }
      const auto output = static_cast<int>(t % static_cast<std::size_t>(outputs));
      for (int r = 0; r < kRows; ++r) scores[r][output] += learning_rate * values[static_cast<std::size_t>(at[r])];
    }
  }
};

}  // namespace lab
