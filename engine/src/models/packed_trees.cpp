#include "models/packed_trees.hpp"

namespace lab {

PackedTrees::PackedTrees(const std::vector<Tree>& trees) {
  for (const Tree& t : trees) {
    const auto base = static_cast<std::int32_t>(nodes_.size());
    roots_.push_back(base);
    depths_.push_back(t.depth());
    for (std::size_t k = 0; k < t.nodes.size(); ++k) {
      const TreeNode& n = t.nodes[k];
      const auto self = base + static_cast<std::int32_t>(k);
      if (n.is_leaf())
        nodes_.push_back({0, 0.0f, {self, self}});
      else
        nodes_.push_back({n.feature, n.threshold, {base + n.left, base + n.right}});
      values_.push_back(n.value);
    }
  }
}

template <int kRows>
void PackedTrees::add_block(const float* const* rows, double learning_rate, double* const* scores, int outputs) const {
  for (std::size_t t = 0; t < roots_.size(); ++t) {
    std::int32_t at[kRows];
    for (int r = 0; r < kRows; ++r) at[r] = roots_[t];
    for (std::int32_t d = depths_[t]; d > 0; --d) {
      for (int r = 0; r < kRows; ++r) {
        const Node& node = nodes_[static_cast<std::size_t>(at[r])];
        at[r] = node.child[!(rows[r][node.feature] <= node.threshold)];
      }
    }
    const auto output = static_cast<int>(t % static_cast<std::size_t>(outputs));
    for (int r = 0; r < kRows; ++r) scores[r][output] += learning_rate * values_[static_cast<std::size_t>(at[r])];
  }
}

void PackedTrees::add_scores(const FloatRows& X, double learning_rate, ScoreRows& scores) const {
  constexpr int kBlock = 16;  // measured: 8 and 32 rows a block were slower at 10,000 x 50
  const auto outputs = static_cast<int>(scores.cols());
  const float* rows[kBlock];
  double* row_scores[kBlock];
  Eigen::Index i = 0;
  for (; i + kBlock <= X.rows(); i += kBlock) {
    for (int r = 0; r < kBlock; ++r) {
      rows[r] = X.row(i + r).data();
      row_scores[r] = scores.row(i + r).data();
    }
    add_block<kBlock>(rows, learning_rate, row_scores, outputs);
  }
  for (; i < X.rows(); ++i) {
    rows[0] = X.row(i).data();
    row_scores[0] = scores.row(i).data();
    add_block<1>(rows, learning_rate, row_scores, outputs);
  }
}

}  // namespace lab
