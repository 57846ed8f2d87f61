// Gradient-boosted regression trees on the binomial log loss, as scikit-learn's
// GradientBoostingClassifier builds them: the raw score starts at the log-odds of the training
// base rate; each stage fits a Friedman-MSE tree to the negative gradient y - p on a row
// subsample drawn without replacement (the project's Rng), sets every leaf to one Newton step
// sum(y - p) / sum(p (1 - p)) over its in-bag rows, and adds it shrunk by the learning rate.
// Early stopping follows scikit-learn's n_iter_no_change rule, on the given validation rows.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/float_rows.hpp"
#include "models/tree.hpp"
#include "train/callbacks/no_change_stopper.hpp"

namespace lab {

struct BoostingOptions {
  int n_estimators = 100;
  double learning_rate = 0.1;
  double subsample = 1.0;
  TreeOptions tree{3, 2, 1, 0};
  int n_iter_no_change = 0;  // 0: no early stopping
  double tol = 1e-4;
  std::uint64_t seed = 0;
};

struct BoostedTrees {
  double init = 0;  // raw score before any tree
  double learning_rate = 0.1;
  std::vector<Tree> trees;  // leaf values are the unshrunk Newton steps

  double raw_row(const float* row) const;
  Eigen::VectorXd predict_proba(const FloatRows& X) const;
};

struct BoostingHistory {
  std::vector<double> train_loss, val_loss;  // mean log loss after each stage (train: every training row)
  bool stopped_early = false;
  int best_stage = 0;  // 1-based stage with the lowest validation loss (0 without validation rows)
};

// `on_stage(stage, train_loss, val_loss)` runs after each stage (1-based; val_loss NaN without
// validation rows). X_val/y_val may be null or empty; early stopping then cannot run.
BoostedTrees fit_boosting(const FloatRows& X, const Eigen::VectorXd& y, const FloatRows* X_val,
                          const Eigen::VectorXd* y_val, const BoostingOptions& options, BoostingHistory* history,
                          const std::function<void(int, double, double)>& on_stage = {});

}  // namespace lab
