#include "models/multinomial.hpp"

#include <algorithm>
#include <cmath>

#include "lab/error.hpp"
#include "tasks/task_metrics.hpp"

namespace lab {
namespace {

double soft_threshold(double z, double t) { return z > t ? z - t : z < -t ? z + t : 0.0; }


// The mean negative log-likelihood from linear predictors: log-sum-exp minus the true class's.
double mean_nll(const Eigen::MatrixXd& eta, const Eigen::VectorXd& y) {
  double sum = 0;
  for (Eigen::Index i = 0; i < eta.rows(); ++i) {
    const double top = eta.row(i).maxCoeff();
    sum += top + std::log((eta.row(i).array() - top).exp().sum()) - eta(i, static_cast<Eigen::Index>(y(i)));
  }
  return sum / static_cast<double>(eta.rows());
}

double penalty(const Eigen::MatrixXd& W, double lambda, double alpha) {
  return lambda * (alpha * W.lpNorm<1>() + (1 - alpha) / 2 * W.squaredNorm());
}

}  // namespace

// Shifted by each row's maximum so exp never overflows.
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& eta) {
  Eigen::MatrixXd p = (eta.colwise() - eta.rowwise().maxCoeff()).array().exp().matrix();
  return p.array().colwise() / p.rowwise().sum().array();
}

Eigen::MatrixXd SoftmaxModel::decision(const Eigen::MatrixXd& X) const {
  return (X * coef.transpose()).rowwise() + intercept.transpose();
}

Eigen::MatrixXd SoftmaxModel::predict_proba(const Eigen::MatrixXd& X) const { return softmax_rows(decision(X)); }

int SoftmaxModel::nonzero() const { return static_cast<int>((coef.array() != 0).count()); }

SoftmaxModel fit_multinomial(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                             const LogisticOptions& o, const SoftmaxModel* warm) {
  const Eigen::Index n = X.rows(), p = X.cols(), k = classes;
  const double nd = static_cast<double>(n);
  const double l1 = o.lambda * o.l1_ratio, l2 = o.lambda * (1 - o.l1_ratio);
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index i = 0; i < n; ++i) Y(i, static_cast<Eigen::Index>(y(i))) = 1;

  SoftmaxModel m;
  if (warm) {
    m = *warm;
  } else {
    m.coef = Eigen::MatrixXd::Zero(k, p);
    const Eigen::VectorXd freq = Y.colwise().mean().transpose();
    m.intercept = freq.unaryExpr([](double f) { return std::log(std::max(f, 1e-12)); });
  }
  Eigen::MatrixXd eta = m.decision(X);
  double objective = mean_nll(eta, y) + penalty(m.coef, o.lambda, o.l1_ratio);

  Eigen::VectorXd w(n), r(n), a(p), beta(p);
  int cycle = 0;
  for (; cycle < o.max_iter; ++cycle) {
    double cycle_change = 0;
    for (Eigen::Index c = 0; c < k; ++c) {
      // The quadratic model of the loss in class c's predictor at the current point.
      const Eigen::MatrixXd P = softmax_rows(eta);
      for (Eigen::Index i = 0; i < n; ++i) {
        w(i) = std::max(P(i, c) * (1 - P(i, c)), 1e-5);
        r(i) = (Y(i, c) - P(i, c)) / w(i);  // the working residual at a zero step
      }
      const double w_sum = w.sum();
      for (Eigen::Index j = 0; j < p; ++j) a(j) = w.dot(X.col(j).cwiseAbs2()) / nd;
      beta = m.coef.row(c).transpose();
      double b = m.intercept(c);
      // Coordinate descent on the weighted elastic net: full passes, then the non-zero set
      // until it settles, then a full pass to confirm.
      for (int pass = 0, full = 1; pass < 1000; ++pass) {
        double change = 0;
        for (Eigen::Index j = 0; j < p; ++j) {
          if (!full && beta(j) == 0) continue;
          const double old = beta(j);
          const double u = X.col(j).dot(w.cwiseProduct(r)) / nd + a(j) * old;
          const double next = soft_threshold(u, l1) / (a(j) + l2);
          if (next == old) continue;
          r -= X.col(j) * (next - old);
          beta(j) = next;
          change = std::max(change, a(j) * (next - old) * (next - old));
        }
        const double db = w.dot(r) / w_sum;
        r.array() -= db;
        b += db;
        change = std::max(change, w_sum / nd * db * db);
        if (change <= o.tol) {
          if (full) break;
          full = 1;
        } else {
          full = 0;
        }
      }
      // Keep the step only if the objective falls; otherwise halve it (the quadratic model
      // overshoots when the probabilities are far from the fit's).
      const Eigen::VectorXd old_beta = m.coef.row(c).transpose();
      const double old_b = m.intercept(c);
      const Eigen::VectorXd old_eta = eta.col(c);
      for (double step = 1; step > 1e-6; step /= 2) {
        m.coef.row(c) = (old_beta + step * (beta - old_beta)).transpose();
        m.intercept(c) = old_b + step * (b - old_b);
        eta.col(c) = (X * m.coef.row(c).transpose()).array() + m.intercept(c);
        const double next = mean_nll(eta, y) + penalty(m.coef, o.lambda, o.l1_ratio);
        if (next <= objective + 1e-15 * std::abs(objective)) {
          objective = next;
          for (Eigen::Index j = 0; j < p; ++j) {
            const double d = m.coef(c, j) - old_beta(j);
            cycle_change = std::max(cycle_change, a(j) * d * d);
          }
          cycle_change = std::max(cycle_change, w_sum / nd * (m.intercept(c) - old_b) * (m.intercept(c) - old_b));
          break;
        }
        if (step / 2 <= 1e-6) {  // no decrease at all: the point is optimal along this block
          m.coef.row(c) = old_beta.transpose();
          m.intercept(c) = old_b;
          eta.col(c) = old_eta;
        }
      }
    }
    if (cycle_change <= o.tol) {
      ++cycle;
      break;
    }
  }
  m.n_iter = cycle;
  m.intercept.array() -= m.intercept.mean();
  return m;
}

double multinomial_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const SoftmaxModel& m,
                             double lambda, double l1_ratio) {
  return mean_nll(m.decision(X), y) + penalty(m.coef, lambda, l1_ratio);
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
  return cross_validate_folds(fold_of_row, folds, lambdas.size(), [&](const std::vector<int>& fit_rows, const std::vector<int>& held_rows) {
    const Eigen::MatrixXd Xh = take_rows(X, held_rows);
    const Eigen::VectorXd yh = take_rows(y, held_rows);
    auto path = fit_multinomial_path(take_rows(X, fit_rows), take_rows(y, fit_rows), classes, lambdas, options);
    std::vector<double> loss(lambdas.size());
    for (std::size_t k = 0; k < lambdas.size(); ++k) loss[k] = multiclass_log_loss(yh, path[k].predict_proba(Xh));
    return loss;
  }, on_fold, source);
}

}  // namespace lab
