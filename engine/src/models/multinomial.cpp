#include "models/multinomial.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/dense.hpp"
#include "lab/error.hpp"
#include "metrics/task_metrics.hpp"
#include "models/multinomial_solvers.hpp"

namespace lab {

namespace multinomial {

double softmax_and_loss(const Eigen::MatrixXd& eta, const Eigen::VectorXd& y, Eigen::MatrixXd& P) {
  const Eigen::VectorXd top = eta.rowwise().maxCoeff();
  P = (eta.colwise() - top).array().exp();
  const Eigen::VectorXd total = P.rowwise().sum();
  double sum = 0;
  for (Eigen::Index i = 0; i < eta.rows(); ++i)
    sum += top(i) + std::log(total(i)) - eta(i, static_cast<Eigen::Index>(y(i)));
  P.array().colwise() /= total.array();
  return eta.rows() ? sum / static_cast<double>(eta.rows()) : 0.0;
}

void predictors(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::VectorXd* b, Eigen::MatrixXd& U) {
  const Eigen::Index n = X.rows(), d = X.cols(), k = W.rows();
  U.resize(n, k);
  for (Eigen::Index c = 0; c < k; ++c) U.col(c).setConstant(b ? (*b)(c) : 0.0);
  // Blocks of rows that stay in cache while every class and column passes over them (X is
  // read once, not once per class); within a block each entry adds the columns in order.
  constexpr Eigen::Index kRows = 256;
  for (Eigen::Index lo = 0; lo < n; lo += kRows) {
    const Eigen::Index rows = std::min(kRows, n - lo);
    for (Eigen::Index c = 0; c < k; ++c)
      for (Eigen::Index j = 0; j < d; ++j)
        if (W(c, j) != 0) kernels::axpy(W(c, j), X.col(j).data() + lo, U.col(c).data() + lo, rows);
  }
}

void columns_dot(const Eigen::MatrixXd& A, const Eigen::MatrixXd& X, Eigen::MatrixXd& G) {
  G.resize(A.cols(), X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index c = 0; c < A.cols(); ++c) G(c, j) = kernels::dot(A.col(c).data(), X.col(j).data(), X.rows());
}

double penalty(const Eigen::MatrixXd& W, double lambda, double alpha) {
  return lambda * (alpha * W.lpNorm<1>() + (1 - alpha) / 2 * W.squaredNorm());
}

}  // namespace multinomial

// Shifted by each row's maximum so exp never overflows.
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& eta) {
  Eigen::MatrixXd p = (eta.colwise() - eta.rowwise().maxCoeff()).array().exp().matrix();
  return p.array().colwise() / p.rowwise().sum().array();
}

Eigen::MatrixXd SoftmaxModel::decision(const Eigen::MatrixXd& X) const {
  Eigen::MatrixXd eta;
  multinomial::predictors(X, coef, &intercept, eta);
  return eta;
}

Eigen::MatrixXd SoftmaxModel::predict_proba(const Eigen::MatrixXd& X) const { return softmax_rows(decision(X)); }

int SoftmaxModel::nonzero() const { return static_cast<int>((coef.array() != 0).count()); }

SoftmaxModel fit_multinomial(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, const LogisticOptions& o,
                             const SoftmaxModel* warm) {
  SoftmaxModel start;
  if (warm && warm->coef.rows() == classes && warm->coef.cols() == X.cols()) {
    start = *warm;
  } else {
    start.coef = Eigen::MatrixXd::Zero(classes, X.cols());
    start.intercept.resize(classes);
    for (int c = 0; c < classes; ++c) {
      const double freq =
          static_cast<double>((y.array() == c).count()) / static_cast<double>(std::max<Eigen::Index>(1, y.size()));
      start.intercept(c) = std::log(std::max(freq, 1e-12));
    }
  }
  SoftmaxModel m = o.lambda * o.l1_ratio > 0 ? multinomial::fit_class_blocks(X, y, classes, o, std::move(start))
                                             : multinomial::fit_newton_cg(X, y, classes, o, std::move(start));
  m.intercept.array() -= m.intercept.mean();
  return m;
}

double multinomial_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const SoftmaxModel& m, double lambda,
                             double l1_ratio) {
  Eigen::MatrixXd P;
  return multinomial::softmax_and_loss(m.decision(X), y, P) + multinomial::penalty(m.coef, lambda, l1_ratio);
}

double multinomial_lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, double l1_ratio) {
  const Eigen::Index n = X.rows();
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(n, classes);
  for (Eigen::Index i = 0; i < n; ++i) R(i, static_cast<Eigen::Index>(y(i))) = 1;
  R.rowwise() -= R.colwise().mean();
  const double top = (X.transpose() * R).cwiseAbs().maxCoeff() / (static_cast<double>(n) * std::max(l1_ratio, 1e-3));
  return top > 0 ? top : 1.0;
}

std::vector<SoftmaxModel> fit_multinomial_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                                               const std::vector<double>& lambdas, LogisticOptions options,
                                               const std::function<bool(int, const SoftmaxModel&)>& step) {
  std::vector<SoftmaxModel> path;
  path.reserve(lambdas.size());
  for (std::size_t k = 0; k < lambdas.size(); ++k) {
    options.lambda = lambdas[k];
    path.push_back(fit_multinomial(X, y, classes, options, path.empty() ? nullptr : &path.back()));
    if (step && !step(static_cast<int>(k), path.back())) throw Cancelled();
  }
  return path;
}

CrossValidation cross_validate_multinomial(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                                           const std::vector<int>& fold_of_row, int folds,
                                           const std::vector<double>& lambdas, const LogisticOptions& options,
                                           const std::function<bool(int)>& on_fold, const FoldSource& source) {
  return cross_validate_folds(
      fold_of_row, folds, lambdas.size(),
      [&](const std::vector<int>& fit_rows, const std::vector<int>& held_rows) {
        const Eigen::MatrixXd Xh = take_rows(X, held_rows);
        const Eigen::VectorXd yh = take_rows(y, held_rows);
        auto path = fit_multinomial_path(take_rows(X, fit_rows), take_rows(y, fit_rows), classes, lambdas, options);
        std::vector<double> loss(lambdas.size());
        for (std::size_t k = 0; k < lambdas.size(); ++k) loss[k] = multiclass_log_loss(yh, path[k].predict_proba(Xh));
        return loss;
      },
      on_fold, source);
}

}  // namespace lab
