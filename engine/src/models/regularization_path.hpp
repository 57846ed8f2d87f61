// The regularization path: warm-started fits from lambda_max down a log-spaced sequence, and
// k-fold cross-validation over the same sequence giving lambda_min and lambda_1se (glmnet's
// rules: the smallest mean validation deviance, and the largest lambda within one standard
// error of it).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/logistic.hpp"

namespace lab {

struct RegularizationPathOptions {
  int n_lambda = 100;
  double lambda_min_ratio = 1e-4;  // smallest lambda as a fraction of lambda_max
};

struct CrossValidationOptions {
  int folds = 5;
  std::uint64_t seed = 0;  // fold assignment
};

// A logistic-regression run: the final fit, and the path and cross-validation it may run first
// (each used only when the spec has that section).
struct LogisticRunOptions {
  LogisticOptions fit;
  RegularizationPathOptions path;
  CrossValidationOptions cv;
  std::string select = "lambda";  // lambda | lambda_min | lambda_1se: the final model's lambda
};

std::vector<double> lambda_sequence(double lambda_max, int count, double min_ratio);

// Calls `step(k, model)` after each fit; returning false stops (cancel).
std::vector<LinearModel> fit_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                  const std::vector<double>& lambdas, LogisticOptions options,
                                  const std::function<bool(int, const LinearModel&)>& step = {});

struct CrossValidation {
  int folds = 0;
  std::vector<double> mean, se;  // validation log loss per lambda
  int index_min = 0, index_1se = 0;
};

// `fold_of_row` assigns each row of X to a fold. `on_fold(k)` is called after each fold;
// returning false stops.
CrossValidation cross_validate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                               const std::vector<int>& fold_of_row, int folds,
                               const std::vector<double>& lambdas, const LogisticOptions& options,
                               const std::function<bool(int)>& on_fold = {});

}  // namespace lab
