#include "compress/classic_formats.hpp"

#include <functional>

#include "core/limits.hpp"

namespace lab {
namespace {

constexpr std::uint16_t kLeafMarker = 0xFFFF;

}  // namespace

// ---- linear models ----

LinearDeployed::LinearDeployed(const LinearModel& m)
    : intercept_(Eigen::VectorXf::Constant(1, static_cast<float>(m.intercept))), coef_(m.coef.cast<float>()) {}

LinearDeployed::LinearDeployed(const SoftmaxModel& m)
    : intercept_(m.intercept.cast<float>()), coef_(m.coef.transpose().cast<float>()) {}

LinearDeployed::LinearDeployed(const RegressionModel& m)
    : intercept_(Eigen::VectorXf::Constant(1, static_cast<float>(m.intercept))), coef_(m.coef.cast<float>()) {}

Eigen::MatrixXf LinearDeployed::scores(const FloatRows& X) const {
  Eigen::MatrixXf z = coef_.transpose() * X.transpose();  // outputs x rows
  z.colwise() += intercept_;
  return z;
}

long LinearDeployed::nonzero() const {
  return static_cast<long>((coef_.array() != 0.0f).count() + (intercept_.array() != 0.0f).count());
}

void LinearDeployed::write(ByteWriter& out) const {
  const auto n = static_cast<long>(coef_.rows());
  out.u16(static_cast<std::uint16_t>(n));
  out.u16(static_cast<std::uint16_t>(coef_.cols()));
  for (Eigen::Index k = 0; k < coef_.cols(); ++k) {
    const auto c = coef_.col(k);
    const long nnz = static_cast<long>((c.array() != 0.0f).count());
    out.f32(intercept_(k));
    const bool sparse = 2 + 6 * nnz < 4 * n;
    out.u8(sparse ? 1 : 0);
    if (!sparse) {
      for (long j = 0; j < n; ++j) out.f32(c(j));
      continue;
    }
    out.u16(static_cast<std::uint16_t>(nnz));
    for (long j = 0; j < n; ++j) {
      if (c(j) == 0.0f) continue;
      out.u16(static_cast<std::uint16_t>(j));
      out.f32(c(j));
    }
  }
}

std::unique_ptr<DeployedModel> read_linear(ByteReader& in) {
  const int n = in.u16("the feature count");
  const int outputs = in.u16("the output count");
  if (outputs < 1 || outputs > limits::kMaxClasses)
    in.fail("a linear model of " + std::to_string(outputs) + " outputs");
  Eigen::VectorXf intercept(outputs);
  Eigen::MatrixXf coef = Eigen::MatrixXf::Zero(n, outputs);
  for (int k = 0; k < outputs; ++k) {
    intercept(k) = in.f32("an intercept");
    const std::uint8_t encoding = in.u8("the encoding");
    if (encoding == 0) {
      for (int j = 0; j < n; ++j) coef(j, k) = in.f32("a coefficient");
    } else if (encoding == 1) {
      const int nnz = in.u16("the non-zero count");
      if (nnz > n) in.fail("more non-zeros than features");
      for (int e = 0; e < nnz; ++e) {
        const int j = in.u16("a feature index");
        if (j >= n) in.fail("a feature index outside the model");
        coef(j, k) = in.f32("a coefficient");
      }
    } else {
      in.fail("unknown coefficient encoding " + std::to_string(encoding));
    }
  }
  return std::make_unique<LinearDeployed>(std::move(intercept), std::move(coef));
}

// ---- trees ----

CompactTree CompactTree::from(const Tree& tree, double leaf_scale) {
  CompactTree out;
  const TreeNode& root = tree.nodes.front();
  out.width = root.shares.empty() ? 1 : static_cast<int>(root.shares.size());
  std::function<void(int)> copy = [&](int id) {
    const TreeNode& t = tree.nodes[static_cast<std::size_t>(id)];
    const std::size_t at = out.nodes.size();
    if (t.is_leaf()) {
      out.nodes.push_back({-1, 0.0f, static_cast<std::int32_t>(out.values.size())});
      if (out.width == 1) out.values.push_back(static_cast<float>(leaf_scale * t.value));
      for (std::size_t k = 0; out.width > 1 && k < t.shares.size(); ++k)
        out.values.push_back(static_cast<float>(leaf_scale * t.shares[k]));
      return;
    }
    out.nodes.push_back({t.feature, t.threshold, -1});
    copy(t.left);
    out.nodes[at].right = static_cast<std::int32_t>(out.nodes.size());
    copy(t.right);
  };
  copy(0);
  return out;
}

const float* CompactTree::leaf_values(const float* row) const {
  std::size_t i = 0;
  while (nodes[i].feature >= 0)
    i = row[nodes[i].feature] <= nodes[i].threshold ? i + 1 : static_cast<std::size_t>(nodes[i].right);
  return values.data() + nodes[i].right;
}

void CompactTree::write(ByteWriter& out) const {
  out.u32(static_cast<std::uint32_t>(nodes.size()));
  for (const auto& n : nodes) {
    if (n.feature >= 0) {
      out.u16(static_cast<std::uint16_t>(n.feature));
      out.f32(n.threshold);
      continue;
    }
    out.u16(kLeafMarker);
    for (int k = 0; k < width; ++k) out.f32(values[static_cast<std::size_t>(n.right + k)]);
  }
}

CompactTree CompactTree::read(ByteReader& in, int features, int width) {
  CompactTree t;
  t.width = width;
  const std::uint32_t count = in.u32("the node count");
  // Rebuild the right-child links: after a node's left subtree is complete, the next node is
  // its right child. `open` holds internal nodes whose right child has not been seen yet.
  std::vector<std::size_t> open;
  bool expect_right = false;
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint16_t f = in.u16("a node's feature");
    if (f != kLeafMarker && f >= features)
      in.fail("a split on feature " + std::to_string(f) + " of " + std::to_string(features));
    if (k > 0 && open.empty() && expect_right) in.fail("nodes after the tree is complete");
    if (expect_right) {
      t.nodes[open.back()].right = static_cast<std::int32_t>(k);
      open.pop_back();
    }
    if (f != kLeafMarker) {
      t.nodes.push_back({static_cast<std::int32_t>(f), in.f32("a threshold"), -1});
      open.push_back(k);
      expect_right = false;
    } else {
      t.nodes.push_back({-1, 0.0f, static_cast<std::int32_t>(t.values.size())});
      for (int v = 0; v < width; ++v) t.values.push_back(in.f32("a leaf value"));
      expect_right = true;
      if (open.empty() && k + 1 != count) in.fail("nodes after the tree is complete");
    }
  }
  if (count == 0 || !open.empty()) in.fail("the tree's nodes end before every split has two children");
  return t;
}

Eigen::MatrixXf TreeDeployed::scores(const FloatRows& X) const {
  Eigen::MatrixXf out(tree_.width, X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const float* v = tree_.leaf_values(X.row(i).data());
    for (int k = 0; k < tree_.width; ++k) out(k, i) = v[k];
  }
  return out;
}

void TreeDeployed::write(ByteWriter& out) const {
  out.u16(static_cast<std::uint16_t>(features_));
  out.u16(static_cast<std::uint16_t>(tree_.width));
  tree_.write(out);
}

std::unique_ptr<DeployedModel> read_tree(ByteReader& in) {
  const int features = in.u16("the feature count");
  const int width = in.u16("the leaf width");
  if (width < 1 || width > limits::kMaxClasses) in.fail("a leaf width of " + std::to_string(width));
  CompactTree tree = CompactTree::read(in, features, width);
  return std::make_unique<TreeDeployed>(features, std::move(tree));
}

// ---- boosted trees ----

BoostedDeployed::BoostedDeployed(int features, const BoostedTrees& m) : features_(features) {
  if (m.loss == BoostingLoss::MultinomialDeviance)
    for (double v : m.class_init) init_.push_back(static_cast<float>(v));
  else
    init_.push_back(static_cast<float>(m.init));
  for (const auto& t : m.trees) trees_.push_back(CompactTree::from(t, m.learning_rate));
}

Eigen::MatrixXf BoostedDeployed::scores(const FloatRows& X) const {
  // Summed in double, as the trained model sums: thousands of small leaves lose less.
  const int k = score_count();
  Eigen::MatrixXf out(k, X.rows());
  std::vector<double> raw(static_cast<std::size_t>(k));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (int c = 0; c < k; ++c) raw[static_cast<std::size_t>(c)] = init_[static_cast<std::size_t>(c)];
    for (std::size_t t = 0; t < trees_.size(); ++t)
      raw[t % static_cast<std::size_t>(k)] += *trees_[t].leaf_values(X.row(i).data());
    for (int c = 0; c < k; ++c) out(c, i) = static_cast<float>(raw[static_cast<std::size_t>(c)]);
  }
  return out;
}

long BoostedDeployed::parameters() const {
  long n = static_cast<long>(init_.size());
  for (const auto& t : trees_) n += t.parameters();
  return n;
}

void BoostedDeployed::write(ByteWriter& out) const {
  out.u16(static_cast<std::uint16_t>(features_));
  out.u16(static_cast<std::uint16_t>(init_.size()));
  for (float v : init_) out.f32(v);
  out.u32(static_cast<std::uint32_t>(trees_.size()));
  for (const auto& t : trees_) t.write(out);
}

std::unique_ptr<DeployedModel> read_boosted_trees(ByteReader& in) {
  const int features = in.u16("the feature count");
  const int outputs = in.u16("the output count");
  if (outputs < 1 || outputs > limits::kMaxClasses) in.fail("boosted trees of " + std::to_string(outputs) + " outputs");
  std::vector<float> init;
  for (int k = 0; k < outputs; ++k) init.push_back(in.f32("an initial score"));
  const std::uint32_t count = in.u32("the tree count");
  if (count % static_cast<std::uint32_t>(outputs) != 0) in.fail("a tree count that is not a multiple of the outputs");
  std::vector<CompactTree> trees;
  for (std::uint32_t k = 0; k < count; ++k) trees.push_back(CompactTree::read(in, features, 1));
  return std::make_unique<BoostedDeployed>(features, std::move(init), std::move(trees));
}

}  // namespace lab
