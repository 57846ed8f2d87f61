#include "models/regularization_path.hpp"

#include <cmath>

#include "lab/error.hpp"

namespace lab {

std::vector<double> lambda_sequence(double lambda_max, int count, double min_ratio) {
  std::vector<double> out(static_cast<std::size_t>(count));
  const double top = std::log(lambda_max), bottom = std::log(lambda_max * min_ratio);
  for (int k = 0; k < count; ++k) out[k] = std::exp(top + (bottom - top) * k / (count - 1));
  out.front() = lambda_max;  // exact, so the first fit is exactly all-zero
  return out;
}

std::vector<LinearModel> fit_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                  const std::vector<double>& lambdas, LogisticOptions options,
                                  const std::function<bool(int, const LinearModel&)>& step) {
  LogisticData data(X, y);
  std::vector<LinearModel> path;
  path.reserve(lambdas.size());
  for (std::size_t k = 0; k < lambdas.size(); ++k) {
    options.lambda = lambdas[k];
    path.push_back(fit_logistic(data, options, path.empty() ? nullptr : &path.back()));
    if (step && !step(static_cast<int>(k), path.back())) throw Cancelled();
  }
  return path;
}

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& X, const std::vector<int>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), X.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = X.row(rows[i]);
  return out;
}

Eigen::VectorXd take_rows(const Eigen::VectorXd& v, const std::vector<int>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) out(static_cast<Eigen::Index>(i)) = v(rows[i]);
  return out;
}

CrossValidation cross_validate_folds(const std::vector<int>& fold_of_row, int folds, std::size_t L,
                                     const FoldLoss& fold_loss, const std::function<bool(int)>& on_fold,
                                     const FoldSource& source) {
  std::vector<std::vector<double>> loss(static_cast<std::size_t>(folds));
  CrossValidation cv;
  cv.folds = folds;
  for (int f = 0; f < folds; ++f) {
    bool computed = false;
    auto compute = [&] {
      computed = true;
      std::vector<int> fit_rows, held_rows;
      for (int i = 0; i < static_cast<int>(fold_of_row.size()); ++i)
        (fold_of_row[i] == f ? held_rows : fit_rows).push_back(i);
      return fold_loss(fit_rows, held_rows);
    };
    std::optional<std::vector<double>> got =
        source ? source(f, compute) : std::optional<std::vector<double>>(compute());
    if (!got) {
      cv.complete = false;
      continue;
    }
    if (got->size() != L)
      fail_field("pieces.cv", "fold " + std::to_string(f) + " has " + std::to_string(got->size()) + " losses for " +
                                  std::to_string(L) + " lambdas");
    loss[f] = std::move(*got);
    if (computed && on_fold && !on_fold(f)) throw Cancelled();
  }
  if (!cv.complete) return cv;
  cv.mean.assign(L, 0);
  cv.se.assign(L, 0);
  for (std::size_t k = 0; k < L; ++k) {
    double mean = 0, var = 0;
    for (int f = 0; f < folds; ++f) mean += loss[f][k];
    mean /= folds;
    for (int f = 0; f < folds; ++f) var += (loss[f][k] - mean) * (loss[f][k] - mean);
    var /= (folds - 1);  // sample variance across folds, as glmnet's cvsd
    cv.mean[k] = mean;
    cv.se[k] = std::sqrt(var / folds);
    if (mean < cv.mean[static_cast<std::size_t>(cv.index_min)]) cv.index_min = static_cast<int>(k);
  }
  const double bound = cv.mean[cv.index_min] + cv.se[cv.index_min];
  cv.index_1se = cv.index_min;
  for (int k = 0; k <= cv.index_min; ++k)  // lambdas descend: the first within bound is the largest
    if (cv.mean[k] <= bound) {
      cv.index_1se = k;
      break;
    }
  return cv;
}

CrossValidation cross_validate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const std::vector<int>& fold_of_row,
                               int folds, const std::vector<double>& lambdas, const LogisticOptions& options,
                               const std::function<bool(int)>& on_fold, const FoldSource& source) {
  const std::size_t L = lambdas.size();
  return cross_validate_folds(
      fold_of_row, folds, L,
      [&](const std::vector<int>& fit_rows, const std::vector<int>& held_rows) {
        const Eigen::MatrixXd Xh = take_rows(X, held_rows);
        const Eigen::VectorXd yh = take_rows(y, held_rows);
        auto path = fit_path(take_rows(X, fit_rows), take_rows(y, fit_rows), lambdas, options);
        std::vector<double> loss(L);
        for (std::size_t k = 0; k < L; ++k) loss[k] = decision_loss_and_accuracy(path[k].decision(Xh), yh).log_loss;
        return loss;
      },
      on_fold, source);
}

}  // namespace lab
