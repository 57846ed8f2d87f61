#include "models/linear_regression.hpp"

#include <algorithm>
#include <cmath>

#include "lab/error.hpp"

namespace lab {
namespace {

double soft_threshold(double z, double t) { return z > t ? z - t : z < -t ? z + t : 0.0; }

}  // namespace

Eigen::VectorXd RegressionModel::predict(const Eigen::MatrixXd& X) const { return (X * coef).array() + intercept; }

int RegressionModel::nonzero() const { return static_cast<int>((coef.array() != 0).count()); }

LeastSquaresData::LeastSquaresData(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  const double n = static_cast<double>(X.rows());
  x_mean_ = X.colwise().mean();
  y_mean_ = y.mean();
  Xc_ = X.rowwise() - x_mean_;
  c_ = Xc_.transpose() * (y.array() - y_mean_).matrix() / n;
  d_ = Xc_.colwise().squaredNorm().transpose() / n;
  gram_.resize(static_cast<std::size_t>(X.cols()));
}

const Eigen::VectorXd& LeastSquaresData::gram_column(Eigen::Index j) {
  Eigen::VectorXd& g = gram_[static_cast<std::size_t>(j)];
  if (g.size() == 0) g = Xc_.transpose() * Xc_.col(j) / static_cast<double>(Xc_.rows());
  return g;
}

RegressionModel fit_linear_regression(LeastSquaresData& data, const LinearRegressionOptions& o,
                                      const RegressionModel* warm, double previous_lambda) {
  const Eigen::Index p = data.cols();
  const double l1 = o.lambda * o.l1_ratio, l2 = o.lambda * (1 - o.l1_ratio);
  const Eigen::VectorXd& d = data.gram_diagonal();
  RegressionModel m;
  m.coef = warm ? warm->coef : Eigen::VectorXd::Zero(p);
  // g = c - G w: the gradient of the loss, kept current as coefficients move.
  Eigen::VectorXd g = data.correlation();
  for (Eigen::Index k = 0; k < p; ++k)
    if (m.coef(k) != 0) g -= data.gram_column(k) * m.coef(k);

  auto update = [&](Eigen::Index j) {  // one coordinate step; returns d_j * change^2
    if (d(j) == 0) return 0.0;         // a constant column (after centring) never moves
    const double old = m.coef(j);
    const double next = soft_threshold(g(j) + d(j) * old, l1) / (d(j) + l2);
    if (next == old) return 0.0;
    g -= data.gram_column(j) * (next - old);
    m.coef(j) = next;
    return d(j) * (next - old) * (next - old);
  };

  // Which coefficients are tried: the sequential strong rule (Tibshirani et al. 2012) keeps j
  // when |g_j| >= alpha (2 lambda - lambda_previous); everything else is checked at the end.
  std::vector<char> strong(static_cast<std::size_t>(p), 1);
  if (previous_lambda > o.lambda && o.l1_ratio > 0)
    for (Eigen::Index j = 0; j < p; ++j)
      strong[j] = m.coef(j) != 0 || std::abs(g(j)) >= o.l1_ratio * (2 * o.lambda - previous_lambda);

  int passes = 0;
  while (passes < o.max_iter) {
    // A pass over the strong set, then passes over the non-zero ones until they settle.
    double change = 0;
    for (Eigen::Index j = 0; j < p; ++j)
      if (strong[j]) change = std::max(change, update(j));
    ++passes;
    while (change > o.tol && passes < o.max_iter) {
      change = 0;
      for (Eigen::Index j = 0; j < p; ++j)
        if (m.coef(j) != 0) change = std::max(change, update(j));
      ++passes;
    }
    // KKT check over the coefficients the strong rule left out: any that would move joins.
    bool violated = false;
    for (Eigen::Index j = 0; j < p; ++j)
      if (!strong[j] && std::abs(g(j)) > l1) strong[j] = violated = true;
    if (!violated) {
      // One more full pass over the strong set confirms nothing moves.
      double last = 0;
      for (Eigen::Index j = 0; j < p; ++j)
        if (strong[j]) last = std::max(last, update(j));
      ++passes;
      if (last <= o.tol) break;
    }
  }
  m.n_iter = passes;
  m.intercept = data.y_mean() - data.x_mean().dot(m.coef);
  return m;
}

RegressionModel fit_linear_regression(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                      const LinearRegressionOptions& options) {
  LeastSquaresData data(X, y);
  return fit_linear_regression(data, options);
}

double linear_regression_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const RegressionModel& m,
                                   double lambda, double l1_ratio) {
  const double n = static_cast<double>(X.rows());
  return (y - m.predict(X)).squaredNorm() / (2 * n) +
         lambda * (l1_ratio * m.coef.lpNorm<1>() + (1 - l1_ratio) / 2 * m.coef.squaredNorm());
}

double regression_lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio) {
  const Eigen::VectorXd c = (X.rowwise() - X.colwise().mean()).transpose() * (y.array() - y.mean()).matrix();
  const double top = c.cwiseAbs().maxCoeff() / (static_cast<double>(X.rows()) * std::max(l1_ratio, 1e-3));
  return top > 0 ? top : 1.0;  // y constant: any positive start serves
}

std::vector<RegressionModel> fit_regression_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                                 const std::vector<double>& lambdas, LinearRegressionOptions options,
                                                 const std::function<bool(int, const RegressionModel&)>& step) {
  LeastSquaresData data(X, y);
  std::vector<RegressionModel> path;
  path.reserve(lambdas.size());
  for (std::size_t k = 0; k < lambdas.size(); ++k) {
    options.lambda = lambdas[k];
    path.push_back(fit_linear_regression(data, options, path.empty() ? nullptr : &path.back(), k ? lambdas[k - 1] : 0));
    if (step && !step(static_cast<int>(k), path.back())) throw Cancelled();
  }
  return path;
}

CrossValidation cross_validate_regression(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                          const std::vector<int>& fold_of_row, int folds,
                                          const std::vector<double>& lambdas, const LinearRegressionOptions& options,
                                          const std::function<bool(int)>& on_fold, const FoldSource& source) {
  return cross_validate_folds(
      fold_of_row, folds, lambdas.size(),
      [&](const std::vector<int>& fit_rows, const std::vector<int>& held_rows) {
        const Eigen::MatrixXd Xh = take_rows(X, held_rows);
        const Eigen::VectorXd yh = take_rows(y, held_rows);
        auto path = fit_regression_path(take_rows(X, fit_rows), take_rows(y, fit_rows), lambdas, options);
        std::vector<double> mse(lambdas.size());
        for (std::size_t k = 0; k < lambdas.size(); ++k)
          mse[k] = (path[k].predict(Xh) - yh).squaredNorm() / static_cast<double>(yh.size());
        return mse;
      },
      on_fold, source);
}

}  // namespace lab
