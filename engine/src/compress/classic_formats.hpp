// Shipping forms of the non-neural models.
//   logistic: features (u16), intercept (f32), encoding (u8: 0 dense, 1 sparse), then either
//             every coefficient (f32 x features) or nnz (u16) and (index u16, value f32) pairs;
//             the smaller encoding is chosen, so an L1 model's zeros save space too.
//   tree:     features (u16), node count (u32), nodes in preorder, each feature (u16) and
//             threshold (f32), or the leaf marker 0xFFFF and the leaf value (f32). Preorder makes
//             child links implicit: the left child follows its parent, the right child follows
//             the left subtree.
//   boosted:  features (u16), initial raw score (f32), tree count (u32), then each tree as
//             above (without the feature count) with the learning rate already folded into its
//             leaves, so prediction is a plain sum.
#pragma once
#include <memory>
#include <vector>

#include "compress/deployed.hpp"
#include "models/boosting.hpp"
#include "models/logistic.hpp"
#include "models/tree.hpp"

namespace lab {

class LogisticDeployed : public DeployedModel {
 public:
  explicit LogisticDeployed(const LinearModel& model);  // coefficients rounded to float32
  LogisticDeployed(float intercept, Eigen::VectorXf coef) : intercept_(intercept), coef_(std::move(coef)) {}
  ModelFormat format() const override { return ModelFormat::Logistic; }
  Eigen::VectorXd predict_proba(const FloatRows& X) const override;
  long parameters() const override { return static_cast<long>(coef_.size()) + 1; }
  long nonzero() const override;
  void write(ByteWriter& out) const override;
  float intercept() const { return intercept_; }
  const Eigen::VectorXf& coefficients() const { return coef_; }

 private:
  float intercept_;
  Eigen::VectorXf coef_;
};

// A tree as it ships: only what prediction reads, with values as float32.
struct CompactTree {
  struct Node {
    std::int32_t feature;  // -1: leaf
    float threshold_or_value;
    std::int32_t right;    // index of the right child (the left child is the next node)
  };
  std::vector<Node> nodes;

  static CompactTree from(const Tree& tree, double leaf_scale = 1.0);
  double predict_row(const float* row) const;
  long parameters() const { return static_cast<long>(nodes.size()); }  // a threshold or a value per node
  void write(ByteWriter& out) const;
  static CompactTree read(ByteReader& in, int features);
};

class TreeDeployed : public DeployedModel {
 public:
  TreeDeployed(int features, CompactTree tree) : features_(features), tree_(std::move(tree)) {}
  ModelFormat format() const override { return ModelFormat::Tree; }
  Eigen::VectorXd predict_proba(const FloatRows& X) const override;
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
  BoostedDeployed(int features, float init, std::vector<CompactTree> trees)
      : features_(features), init_(init), trees_(std::move(trees)) {}
  ModelFormat format() const override { return ModelFormat::BoostedTrees; }
  Eigen::VectorXd predict_proba(const FloatRows& X) const override;
  long parameters() const override;
  long nonzero() const override { return parameters(); }
  void write(ByteWriter& out) const override;
  std::size_t trees() const { return trees_.size(); }
  float init() const { return init_; }
  const std::vector<CompactTree>& compact_trees() const { return trees_; }

 private:
  int features_;
  float init_;
  std::vector<CompactTree> trees_;
};

std::unique_ptr<DeployedModel> read_logistic(ByteReader& in);
std::unique_ptr<DeployedModel> read_tree(ByteReader& in);
std::unique_ptr<DeployedModel> read_boosted_trees(ByteReader& in);

}  // namespace lab
