// Gradient-boosted regression trees on the binomial log loss, as scikit-learn's
// GradientBoostingClassifier builds them: the raw score starts at the log-odds of the training
// base rate; each stage fits a Friedman-MSE tree to the negative gradient y - p on a row
// subsample drawn without replacement (the project's Rng), sets every leaf to one Newton step
// sum(y - p) / sum(p (1 - p)) over its in-bag rows, and adds it shrunk by the learning rate.
// Early stopping follows scikit-learn's n_iter_no_change rule, on the given validation rows.
// The other losses follow scikit-learn too: multinomial deviance (k trees a stage, one per
// class, on y_k - p_k from the stage's starting scores, leaves (k-1)/k times the Newton step,
// scores starting at the log class priors) and squared error (GradientBoostingRegressor: start
// at the mean, trees on the residual, leaves the mean in-bag residual).
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

enum class BoostingLoss { LogLoss, MultinomialDeviance, SquaredError };

struct BoostedTrees {
  BoostingLoss loss = BoostingLoss::LogLoss;
  double init = 0;  // raw score before any tree (log loss, squared error)
  std::vector<double> class_init;  // multinomial: each class's starting score
  double learning_rate = 0.1;
  // Leaf values are the unshrunk steps. Multinomial: stage-major, class_init.size() per stage.
  std::vector<Tree> trees;

  int outputs() const { return loss == BoostingLoss::MultinomialDeviance ? static_cast<int>(class_init.size()) : 1; }
  int stages() const { return static_cast<int>(trees.size()) / outputs(); }
  double raw_row(const float* row) const;  // log loss and squared error
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
