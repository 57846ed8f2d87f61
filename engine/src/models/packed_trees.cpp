#include "models/packed_trees.hpp"

namespace lab {

PackedTrees::PackedTrees(const std::vector<Tree>& trees) {
  for (const Tree& t : trees) {
    const auto base = static_cast<std::int32_t>(nodes.size());
    roots.push_back(base);
    depths.push_back(t.depth());
    for (std::size_t k = 0; k < t.nodes.size(); ++k) {
      const TreeNode& n = t.nodes[k];
      const auto self = base + static_cast<std::int32_t>(k);
      if (n.is_leaf()) nodes.push_back({0, 0.0f, {self, self}});
      else nodes.push_back({n.feature, n.threshold, {base + n.left, base + n.right}});
      values.push_back(n.value);
    }
  }
}

}  // namespace lab
