#include "compress/classic_formats.hpp"

#include <cmath>
#include <functional>

#include "compress/frozen_mlp.hpp"

namespace lab {
namespace {

constexpr std::uint16_t kLeafMarker = 0xFFFF;

}  // namespace

// ---- logistic regression ----

LogisticDeployed::LogisticDeployed(const LinearModel& m)
    : intercept_(static_cast<float>(m.intercept)), coef_(m.coef.cast<float>()) {}

Eigen::VectorXd LogisticDeployed::predict_proba(const FloatRows& X) const {
  Eigen::VectorXf z = X * coef_;
  return z.cast<double>().unaryExpr([this](double v) { return logistic(v + intercept_); });
}

long LogisticDeployed::nonzero() const { return static_cast<long>((coef_.array() != 0.0f).count()) + (intercept_ != 0.0f); }

void LogisticDeployed::write(ByteWriter& out) const {
  const auto n = static_cast<long>(coef_.size());
  const long nnz = static_cast<long>((coef_.array() != 0.0f).count());
  out.u16(static_cast<std::uint16_t>(n));
  out.f32(intercept_);
  const bool sparse = 2 + 6 * nnz < 4 * n;
  out.u8(sparse ? 1 : 0);
  if (!sparse) {
    for (long j = 0; j < n; ++j) out.f32(coef_(j));
    return;
  }
  out.u16(static_cast<std::uint16_t>(nnz));
  for (long j = 0; j < n; ++j) {
    if (coef_(j) == 0.0f) continue;
    out.u16(static_cast<std::uint16_t>(j));
    out.f32(coef_(j));
  }
}

std::unique_ptr<DeployedModel> read_logistic(ByteReader& in) {
  const int n = in.u16("the feature count");
  const float intercept = in.f32("the intercept");
  const std::uint8_t encoding = in.u8("the encoding");
  Eigen::VectorXf coef = Eigen::VectorXf::Zero(n);
  if (encoding == 0) {
    for (int j = 0; j < n; ++j) coef(j) = in.f32("a coefficient");
  } else if (encoding == 1) {
    const int nnz = in.u16("the non-zero count");
    if (nnz > n) in.fail("more non-zeros than features");
    for (int k = 0; k < nnz; ++k) {
      const int j = in.u16("a feature index");
      if (j >= n) in.fail("a feature index outside the model");
      coef(j) = in.f32("a coefficient");
    }
  } else {
    in.fail("unknown coefficient encoding " + std::to_string(encoding));
  }
  return std::make_unique<LogisticDeployed>(intercept, std::move(coef));
}

// ---- trees ----

CompactTree CompactTree::from(const Tree& tree, double leaf_scale) {
  CompactTree out;
  std::function<void(int)> copy = [&](int id) {
    const TreeNode& t = tree.nodes[static_cast<std::size_t>(id)];
    const std::size_t at = out.nodes.size();
    out.nodes.push_back({t.is_leaf() ? -1 : t.feature,
                         t.is_leaf() ? static_cast<float>(leaf_scale * t.value) : t.threshold, -1});
    if (t.is_leaf()) return;
    copy(t.left);
    out.nodes[at].right = static_cast<std::int32_t>(out.nodes.size());
    copy(t.right);
  };
  copy(0);
  return out;
}

double CompactTree::predict_row(const float* row) const {
  std::size_t i = 0;
  while (nodes[i].feature >= 0) i = row[nodes[i].feature] <= nodes[i].threshold_or_value ? i + 1 : static_cast<std::size_t>(nodes[i].right);
  return nodes[i].threshold_or_value;
}

void CompactTree::write(ByteWriter& out) const {
  out.u32(static_cast<std::uint32_t>(nodes.size()));
  for (const auto& n : nodes) {
    out.u16(n.feature < 0 ? kLeafMarker : static_cast<std::uint16_t>(n.feature));
    out.f32(n.threshold_or_value);
  }
}

CompactTree CompactTree::read(ByteReader& in, int features) {
  CompactTree t;
  const std::uint32_t count = in.u32("the node count");
  // Rebuild the right-child links: after a node's left subtree is complete, the next node is
  // its right child. `open` holds internal nodes whose right child has not been seen yet.
  std::vector<std::size_t> open;
  bool expect_right = false;
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint16_t f = in.u16("a node's feature");
    const float v = in.f32("a threshold or leaf value");
    if (f != kLeafMarker && f >= features) in.fail("a split on feature " + std::to_string(f) + " of " + std::to_string(features));
    if (k > 0 && open.empty() && expect_right) in.fail("nodes after the tree is complete");
    if (expect_right) {
      t.nodes[open.back()].right = static_cast<std::int32_t>(k);
      open.pop_back();
    }
    t.nodes.push_back({f == kLeafMarker ? -1 : static_cast<std::int32_t>(f), v, -1});
    if (f != kLeafMarker) {
      open.push_back(k);
      expect_right = false;
    } else {
      expect_right = true;
      if (open.empty() && k + 1 != count) in.fail("nodes after the tree is complete");
    }
  }
  if (count == 0 || !open.empty()) in.fail("the tree's nodes end before every split has two children");
  return t;
}

Eigen::VectorXd TreeDeployed::predict_proba(const FloatRows& X) const {
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) out(i) = tree_.predict_row(X.row(i).data());
  return out;
}

void TreeDeployed::write(ByteWriter& out) const {
  out.u16(static_cast<std::uint16_t>(features_));
  tree_.write(out);
}

std::unique_ptr<DeployedModel> read_tree(ByteReader& in) {
  const int features = in.u16("the feature count");
  CompactTree tree = CompactTree::read(in, features);
  return std::make_unique<TreeDeployed>(features, std::move(tree));
}

// ---- boosted trees ----

BoostedDeployed::BoostedDeployed(int features, const BoostedTrees& m)
    : features_(features), init_(static_cast<float>(m.init)) {
  for (const auto& t : m.trees) trees_.push_back(CompactTree::from(t, m.learning_rate));
}

Eigen::VectorXd BoostedDeployed::predict_proba(const FloatRows& X) const {
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    double raw = init_;
    for (const auto& t : trees_) raw += t.predict_row(X.row(i).data());
    out(i) = logistic(raw);
  }
  return out;
}

long BoostedDeployed::parameters() const {
  long n = 1;
  for (const auto& t : trees_) n += t.parameters();
  return n;
}

void BoostedDeployed::write(ByteWriter& out) const {
  out.u16(static_cast<std::uint16_t>(features_));
  out.f32(init_);
  out.u32(static_cast<std::uint32_t>(trees_.size()));
  for (const auto& t : trees_) t.write(out);
}

std::unique_ptr<DeployedModel> read_boosted_trees(ByteReader& in) {
  const int features = in.u16("the feature count");
  const float init = in.f32("the initial score");
  const std::uint32_t count = in.u32("the tree count");
  std::vector<CompactTree> trees;
  for (std::uint32_t k = 0; k < count; ++k) trees.push_back(CompactTree::read(in, features));
  return std::make_unique<BoostedDeployed>(features, init, std::move(trees));
}

}  // namespace lab
