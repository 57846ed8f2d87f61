// Shipping forms of the non-neural models. Each computes raw scores; the output head in the
// file's header (tasks/output_head.hpp) makes them a prediction.
//   linear:   features (u16), outputs k (u16), then per output its intercept (f32), encoding
//             (u8: 0 dense, 1 sparse) and either every coefficient (f32 x features) or nnz
//             (u16) and (index u16, value f32) pairs; the smaller encoding is chosen per output,
//             so an L1 model's zeros save space too. Logistic (k = 1, sigmoid head), multinomial
//             (k classes, softmax head) and least squares (k = 1, identity head).
//   tree:     features (u16), leaf width w (u16), node count (u32), nodes in preorder, each
//             feature (u16) and threshold (f32), or the leaf marker 0xFFFF and the leaf's w
//             values (f32): the positive share (binary), every class's share, or the mean
//             target. Preorder makes child links implicit: the left child follows its parent,
//             the right child follows the left subtree.
//   boosted:  features (u16), outputs k (u16), initial raw score per output (f32 x k), tree
//             count (u32), then each tree as above (without the feature count; width 1) with the
//             learning rate already folded into its leaves; tree t adds to score t mod k, so
//             prediction is a plain sum per output.
#pragma once
#include <memory>
#include <vector>

#include "compress/deployed.hpp"
#include "models/boosting.hpp"
#include "models/linear_regression.hpp"
#include "models/logistic.hpp"
#include "models/multinomial.hpp"
#include "models/tree.hpp"

namespace lab {

class LinearDeployed : public DeployedModel {
 public:
  explicit LinearDeployed(const LinearModel& model);  // coefficients rounded to float32
  explicit LinearDeployed(const SoftmaxModel& model);
  explicit LinearDeployed(const RegressionModel& model);
  // coef: features x outputs.
  LinearDeployed(Eigen::VectorXf intercept, Eigen::MatrixXf coef)
      : intercept_(std::move(intercept)), coef_(std::move(coef)) {}
  ModelFormat format() const override { return ModelFormat::Linear; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return static_cast<int>(coef_.cols()); }
  long parameters() const override { return static_cast<long>(coef_.size() + intercept_.size()); }
  long nonzero() const override;
  void write(ByteWriter& out) const override;
  const Eigen::VectorXf& intercept() const { return intercept_; }
  const Eigen::MatrixXf& coefficients() const { return coef_; }

 private:
  Eigen::VectorXf intercept_;
  Eigen::MatrixXf coef_;
};

// A tree as it ships: only what prediction reads, with values as float32.
struct CompactTree {
  struct Node {
    std::int32_t feature;  // -1: leaf
    float threshold;       // splits only
    std::int32_t right;    // splits: index of the right child (the left child is the next node);
                           // leaves: offset of the leaf's values in `values`
  };
  int width = 1;  // values per leaf
  std::vector<Node> nodes;
  std::vector<float> values;

  // Leaves take the node's `shares` when it has them (Gini over k classes), else leaf_scale *
  // value.
  static CompactTree from(const Tree& tree, double leaf_scale = 1.0);
  const float* leaf_values(const float* row) const;
  long parameters() const { return static_cast<long>(nodes.size() - leaves() + values.size()); }
  long leaves() const { return static_cast<long>(values.size()) / width; }
  void write(ByteWriter& out) const;
  static CompactTree read(ByteReader& in, int features, int width);
};

class TreeDeployed : public DeployedModel {
 public:
  // Leaves hold the prediction itself (class shares or a value): an identity head to start.
  TreeDeployed(int features, CompactTree tree) : features_(features), tree_(std::move(tree)) {
    set_head(OutputHead::identity(tree_.width));
  }
  ModelFormat format() const override { return ModelFormat::Tree; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return tree_.width; }
  long parameters() const override { return tree_.parameters(); }
  long nonzero() const override { return tree_.parameters(); }
  void write(ByteWriter& out) const override;
  const CompactTree& tree() const { return tree_; }

 private:
  int features_;
  CompactTree tree_;
};

class BoostedDeployed : public DeployedModel {
 public:
  BoostedDeployed(int features, const BoostedTrees& model);
  BoostedDeployed(int features, std::vector<float> init, std::vector<CompactTree> trees)
      : features_(features), init_(std::move(init)), trees_(std::move(trees)) {}
  ModelFormat format() const override { return ModelFormat::BoostedTrees; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return static_cast<int>(init_.size()); }
  long parameters() const override;
  long nonzero() const override { return parameters(); }
  void write(ByteWriter& out) const override;
  std::size_t trees() const { return trees_.size(); }
  const std::vector<float>& init() const { return init_; }  // one per output
  const std::vector<CompactTree>& compact_trees() const { return trees_; }

 private:
  int features_;
  std::vector<float> init_;
  std::vector<CompactTree> trees_;
};

std::unique_ptr<DeployedModel> read_linear(ByteReader& in);
std::unique_ptr<DeployedModel> read_tree(ByteReader& in);
std::unique_ptr<DeployedModel> read_boosted_trees(ByteReader& in);

}  // namespace lab
