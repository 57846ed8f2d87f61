// Gradient-boosted regression trees for binary, multi-class and numeric targets. The raw score
// starts at a constant (the log-odds of the training base rate, the log class priors, or the
// mean); each stage fits a tree to the loss's gradients on a row subsample drawn without
// replacement (the project's Rng) and adds it shrunk by the learning rate. Early stopping
// follows scikit-learn's n_iter_no_change rule, on the given validation rows.
//
// Two ways to grow the trees (BoostingOptions::exact_splits):
// - histogram (the default), as scikit-learn's HistGradientBoosting* and LightGBM: features
//   binned once per fit (models/binning.hpp), trees grown on sums of gradients and hessians per
//   bin (models/hist_tree.hpp), leaves -G/(H + l2). The same loss functions; k trees a stage
//   for k classes, all from the stage's starting scores.
// - exact, as scikit-learn's GradientBoostingClassifier/Regressor: a Friedman-MSE CART tree
//   (models/tree.hpp) on the negative gradient, every leaf then one Newton step sum(y - p) /
//   sum(p (1 - p)) over its in-bag rows (multinomial: (k-1)/k times that, scores starting at
//   the log class priors); squared error keeps the leaf means of the residual.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/float_rows.hpp"
#include "core/limits.hpp"
#include "models/no_change_stopper.hpp"
#include "models/tree.hpp"

namespace lab {

struct BoostingOptions {
  int n_estimators = 100;
  double learning_rate = 0.1;
  double subsample = 1.0;
  TreeOptions tree{3, 2, 1, 0};
  int n_iter_no_change = 0;  // 0: no early stopping
  double tol = 1e-4;
  std::uint64_t seed = 0;
  bool exact_splits = false;        // true: exact CART trees; false: histogram trees
  int max_bins = limits::kMaxBins;  // histogram trees: value bins per feature
  double l2_regularization = 0;     // histogram trees: added to every hessian sum of a gain or a leaf
};

enum class BoostingLoss { LogLoss, MultinomialDeviance, SquaredError };

struct BoostedTrees {
  BoostingLoss loss = BoostingLoss::LogLoss;
  double init = 0;                 // raw score before any tree (log loss, squared error)
  std::vector<double> class_init;  // multinomial: each class's starting score
  double learning_rate = 0.1;
  // Leaf values are the unshrunk steps. Multinomial: stage-major, class_init.size() per stage.
  std::vector<Tree> trees;

  int outputs() const { return loss == BoostingLoss::MultinomialDeviance ? static_cast<int>(class_init.size()) : 1; }
  int stages() const { return static_cast<int>(trees.size()) / outputs(); }
  Eigen::MatrixXd raw_scores(const FloatRows& X) const;     // rows x outputs(), before the link (sigmoid, softmax)
  Eigen::VectorXd predict_proba(const FloatRows& X) const;  // log loss: P(class 1)
  // Every loss: rows x outputs(); P(class 1), the class probabilities, or the predicted value.
  Eigen::MatrixXd predict(const FloatRows& X) const;
};

struct BoostingHistory {
  std::vector<double> train_loss, val_loss;  // mean loss after each stage (train: every training row)
  bool stopped_early = false;
  int best_stage = 0;  // 1-based stage with the lowest validation loss (0 without validation rows)
};

// `on_stage(stage, train_loss, val_loss)` runs after each stage (1-based; val_loss NaN without
// validation rows). X_val/y_val may be null or empty; early stopping then cannot run.
// y: 0/1 (log loss), class indices 0..classes-1 (multinomial), values (squared error).
BoostedTrees fit_boosting(const FloatRows& X, const Eigen::VectorXd& y, const FloatRows* X_val,
                          const Eigen::VectorXd* y_val, const BoostingOptions& options, BoostingHistory* history,
                          const std::function<void(int, double, double)>& on_stage = {},
                          BoostingLoss loss = BoostingLoss::LogLoss, int classes = 2);

}  // namespace lab
