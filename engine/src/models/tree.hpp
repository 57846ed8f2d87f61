// CART trees grown the way scikit-learn grows them, so results can be checked against it:
// features read as float32, the best split over every feature (ties keep the first feature and
// the lowest threshold), thresholds halfway between neighbouring values, depth-first growth
// with the left child first. Node ids are therefore preorder, which also fixes the tie order
// of cost-complexity pruning. Gini over k classes for classification, squared error for
// regression (DecisionTreeRegressor's default), Friedman's MSE for the trees of gradient boosting.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "core/float_rows.hpp"

namespace lab {

struct TreeOptions {
  int max_depth = 32;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double ccp_alpha = 0;  // classification trees: prune with this complexity after growing
};

enum class SplitCriterion { Gini, SquaredError, FriedmanMse };

struct TreeNode {
  int feature = -1;     // -1 marks a leaf
  float threshold = 0;  // rows with x[feature] <= threshold go left
  int left = -1, right = -1;
  double value = 0;            // share of class 1 (gini) or mean target (regression); boosting overwrites leaves
  std::vector<double> shares;  // gini over more than two classes: every class's share of the node
  double impurity = 0;         // gini, or the variance of the targets
  int samples = 0;
  bool is_leaf() const { return feature < 0; }
};

struct Tree {
  std::vector<TreeNode> nodes;  // preorder, left subtree first; nodes[0] is the root

  int leaf_of(const float* row) const;
  double predict_row(const float* row) const { return nodes[static_cast<std::size_t>(leaf_of(row))].value; }
  Eigen::VectorXd predict(const FloatRows& X) const;  // every node's `value`
  // Gini over k > 2 classes: rows x k class shares of each row's leaf.
  Eigen::MatrixXd predict_shares(const FloatRows& X) const;
  int depth() const;
  int leaves() const;
  // Gini importance: each feature's share of the total weighted impurity decrease.
  std::vector<double> feature_importances(int features) const;
};

// Every feature's rows in ascending order of value, computed once for all trees on one X.
struct SortedColumns {
  explicit SortedColumns(const FloatRows& X);
  std::vector<std::vector<int>> order;
};

// Grows a tree on the rows marked in `in_sample` (empty: every row). y: class indices
// 0..classes-1 for Gini, any targets for the squared-error criteria. No pruning.
Tree grow_tree(const FloatRows& X, const Eigen::VectorXd& y, const SortedColumns& sorted,
               const std::vector<char>& in_sample, const TreeOptions& options, SplitCriterion criterion,
               int classes = 2);

// A decision tree grown on every row, then pruned at options.ccp_alpha: a classifier (Gini,
// y in 0..classes-1) or a regressor (SplitCriterion::SquaredError).
Tree fit_decision_tree(const FloatRows& X, const Eigen::VectorXd& y, const TreeOptions& options,
                       SplitCriterion criterion = SplitCriterion::Gini, int classes = 2);

// Minimal cost-complexity pruning as scikit-learn's cost_complexity_pruning_path defines it:
// alpha 0 with the full tree's total leaf impurity, then each weakest-link prune's effective
// alpha and the pruned tree's total leaf impurity (impurities weighted by the node's share of
// the root's samples), until only the root is left.
struct CcpPath {
  std::vector<double> ccp_alphas, impurities;
  std::vector<int> leaves;       // leaves of the subtree after each step
  std::vector<int> pruned_node;  // the node each step turned into a leaf (-1 at step 0)
};
CcpPath cost_complexity_pruning_path(const Tree& tree);

// The subtree after `step` steps of `path` (computed for `tree`), in O(nodes): what
// prune_tree gives for an alpha between that step's and the next step's.
Tree subtree_at_step(const Tree& tree, const CcpPath& path, std::size_t step);

// The subtree scikit-learn keeps for ccp_alpha: every weakest link with effective alpha <=
// ccp_alpha is pruned.
Tree prune_tree(const Tree& tree, double ccp_alpha);

}  // namespace lab
