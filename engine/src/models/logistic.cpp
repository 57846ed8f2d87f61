#include "models/logistic.hpp"

#include <algorithm>
#include <cmath>

namespace lab {

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

Eigen::VectorXd LinearModel::decision(const Eigen::MatrixXd& X) const {
  return (X * coef).array() + intercept;
}

Eigen::VectorXd LinearModel::predict_proba(const Eigen::MatrixXd& X) const {
  return decision(X).unaryExpr([](double z) { return sigmoid(z); });
}

int LinearModel::nonzero() const { return static_cast<int>((coef.array() != 0.0).count()); }

namespace {

// log(1 + e^z) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

double soft_threshold(double g, double t) {
  if (g > t) return g - t;
  if (g < -t) return g + t;
  return 0.0;
}

double penalty(const Eigen::VectorXd& w, double lambda, double alpha) {
  return lambda * (alpha * w.lpNorm<1>() + 0.5 * (1 - alpha) * w.squaredNorm());
}

double mean_loss(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
  double sum = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) sum += softplus(eta(i)) - y(i) * eta(i);
  return sum / static_cast<double>(eta.size());
}

}  // namespace

double logistic_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LinearModel& m,
                          double lambda, double l1_ratio) {
  return mean_loss(m.decision(X), y) + penalty(m.coef, lambda, l1_ratio);
}

double lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio) {
  const double n = static_cast<double>(X.rows());
  Eigen::VectorXd centered = y.array() - y.mean();
  double g = (X.transpose() * centered).cwiseAbs().maxCoeff() / n;
  return g / std::max(l1_ratio, 1e-3);
}

LinearModel fit_logistic(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LogisticOptions& o,
                         const LinearModel* warm) {
  const Eigen::Index n = X.rows(), d = X.cols();
  const double inv_n = 1.0 / static_cast<double>(n);
  const double l1 = o.lambda * o.l1_ratio, l2 = o.lambda * (1 - o.l1_ratio);
  LinearModel m;
  if (warm && warm->coef.size() == d) {
    m = *warm;
  } else {
    m.coef = Eigen::VectorXd::Zero(d);
    double rate = std::min(std::max(y.mean(), 1e-6), 1 - 1e-6);
    m.intercept = std::log(rate / (1 - rate));
  }
  Eigen::VectorXd eta = m.decision(X), w(n), r(n), h(d);
  double objective = mean_loss(eta, y) + penalty(m.coef, o.lambda, o.l1_ratio);
  m.n_iter = 0;
  for (int outer = 0; outer < o.max_iter; ++outer) {
    m.n_iter = outer + 1;
    for (Eigen::Index i = 0; i < n; ++i) {
      double p = sigmoid(eta(i));
      w(i) = std::max(p * (1 - p), 1e-12);
      r(i) = y(i) - p;  // weighted working residual w * (z - eta)
    }
    for (Eigen::Index j = 0; j < d; ++j) h(j) = X.col(j).cwiseAbs2().dot(w) * inv_n;
    const double w_sum = w.sum();
    const Eigen::VectorXd old_coef = m.coef;
    const double old_intercept = m.intercept;
    // Coordinate descent on the quadratic model; r tracks w * (z - eta_new).
    for (int sweep = 0; sweep < 10000; ++sweep) {
      double largest = 0;
      double shift = r.sum() / w_sum;
      m.intercept += shift;
      r.noalias() -= shift * w;
      largest = std::max(largest, w_sum * inv_n * shift * shift);
      for (Eigen::Index j = 0; j < d; ++j) {
        const double old = m.coef(j);
        const double g = X.col(j).dot(r) * inv_n + h(j) * old;
        const double updated = soft_threshold(g, l1) / std::max(h(j) + l2, 1e-300);
        const double delta = updated - old;
        if (delta == 0) continue;
        m.coef(j) = updated;
        r.noalias() -= delta * X.col(j).cwiseProduct(w);
        largest = std::max(largest, h(j) * delta * delta);
      }
      if (largest < o.tol) break;
    }
    // Step halving keeps the true objective from increasing (rare, far from the optimum).
    Eigen::VectorXd step = m.coef - old_coef;
    double step0 = m.intercept - old_intercept;
    double new_objective = 0;
    for (int half = 0; half < 30; ++half) {
      eta = m.decision(X);
      new_objective = mean_loss(eta, y) + penalty(m.coef, o.lambda, o.l1_ratio);
      if (new_objective <= objective + 1e-15 * std::abs(objective)) break;
      step *= 0.5;
      step0 *= 0.5;
      m.coef = old_coef + step;
      m.intercept = old_intercept + step0;
    }
    double change = std::max(step.cwiseAbs().maxCoeff(), std::abs(step0));
    bool converged = change < 1e-9 * (1 + m.coef.cwiseAbs().maxCoeff()) ||
                     objective - new_objective < 1e-15 * std::abs(objective);
    objective = new_objective;
    if (converged) break;
  }
  return m;
}

}  // namespace lab
