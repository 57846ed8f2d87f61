// The regularization path: warm-started fits from lambda_max down a log-spaced sequence, and
// k-fold cross-validation over the same sequence giving lambda_min and lambda_1se (glmnet's
// rules: the smallest mean validation deviance, and the largest lambda within one standard
// error of it).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/logistic.hpp"

namespace lab {

struct RegularizationPathOptions {
  int n_lambda = 100;
  double lambda_min_ratio = 1e-4;  // smallest lambda as a fraction of lambda_max
  bool shared_span = false;        // one range for every L1 share (experiment/path_stage.hpp)
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
  bool complete = true;          // false: a FoldSource skipped folds (another engine instance has them)
  std::vector<double> mean, se;  // validation log loss per lambda
  int index_min = 0, index_1se = 0;
};

// The rows `rows` of X (or of v), in that order.
Eigen::MatrixXd take_rows(const Eigen::MatrixXd& X, const std::vector<int>& rows);
Eigen::VectorXd take_rows(const Eigen::VectorXd& v, const std::vector<int>& rows);

// k-fold cross-validation of any path model: `fold_loss(fit_rows, held_rows)` fits the path on
// the fit rows and returns the held-out loss at each of the `lambdas` lambdas; the summary
// (mean, se, lambda_min, lambda_1se) is the same for every model.
using FoldLoss =
    std::function<std::vector<double>(const std::vector<int>& fit_rows, const std::vector<int>& held_rows)>;
// Where fold `fold`'s losses come from when a run is split across engine instances
// (lab/work_share.hpp): `compute()` here, handed over, or nullopt (skipped: the summary is then
// left incomplete). Empty: every fold is computed here. `on_fold` hears only of computed folds.
using FoldSource =
    std::function<std::optional<std::vector<double>>(int fold, const std::function<std::vector<double>()>& compute)>;
CrossValidation cross_validate_folds(const std::vector<int>& fold_of_row, int folds, std::size_t lambdas,
                                     const FoldLoss& fold_loss, const std::function<bool(int)>& on_fold = {},
                                     const FoldSource& source = {});

// Logistic regression's: `fold_of_row` assigns each row of X to a fold. `on_fold(k)` is called after each fold;
// returning false stops.
CrossValidation cross_validate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const std::vector<int>& fold_of_row,
                               int folds, const std::vector<double>& lambdas, const LogisticOptions& options,
                               const std::function<bool(int)>& on_fold = {}, const FoldSource& source = {});

}  // namespace lab
