#include "models/logistic.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

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

// Solves the quadratic model exactly on the current non-zero coefficients (signs fixed), then
// lets the caller's next sweeps confirm it. Coordinate descent alone crawls along directions the
// loss cannot see (the standardized one-hot columns of a category sum to zero), where only the
// small L2 term pulls; the exact solve removes that crawl and makes results reproducible across
// builds to ~1e-12. `r` holds w * (z - eta) and is updated to the new coefficients.
void polish_active_set(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, Eigen::VectorXd& r, double l1,
                       double l2, LinearModel& m) {
  std::vector<Eigen::Index> active;
  for (Eigen::Index j = 0; j < m.coef.size(); ++j) if (m.coef(j) != 0) active.push_back(j);
  const Eigen::Index k = static_cast<Eigen::Index>(active.size());
  const double inv_n = 1.0 / static_cast<double>(X.rows());
  Eigen::MatrixXd XA(X.rows(), k + 1);
  for (Eigen::Index a = 0; a < k; ++a) XA.col(a) = X.col(active[static_cast<std::size_t>(a)]);
  XA.col(k).setOnes();  // the intercept
  Eigen::VectorXd current(k + 1);
  for (Eigen::Index a = 0; a < k; ++a) current(a) = m.coef(active[static_cast<std::size_t>(a)]);
  current(k) = m.intercept;
  // Normal equations of (1/2n) sum w (z - XA b)^2 + l1 sum s|b| + l2/2 |b|^2 at fixed signs s.
  Eigen::MatrixXd H = XA.transpose() * w.asDiagonal() * XA * inv_n;
  H.diagonal().head(k).array() += l2;
  // Right-hand side X'Wz/n, with W z = W eta + r and eta = XA * current.
  Eigen::VectorXd g = XA.transpose() * r * inv_n + H * current;
  g.head(k) -= l2 * current.head(k);
  for (Eigen::Index a = 0; a < k; ++a) g(a) -= l1 * (current(a) > 0 ? 1.0 : -1.0);
  Eigen::LDLT<Eigen::MatrixXd> solver(H);
  if (solver.info() != Eigen::Success || !solver.isPositive()) return;
  Eigen::VectorXd solved = solver.solve(g);
  for (Eigen::Index a = 0; a < k; ++a)
    if (!std::isfinite(solved(a)) || (solved(a) > 0) != (current(a) > 0)) return;  // a sign changed: keep CD's answer
  if (!std::isfinite(solved(k))) return;
  r.noalias() -= w.cwiseProduct(XA * (solved - current));
  for (Eigen::Index a = 0; a < k; ++a) m.coef(active[static_cast<std::size_t>(a)]) = solved(a);
  m.intercept = solved(k);
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
    if (l2 > 0) polish_active_set(X, w, r, l1, l2, m);
    // Step halving keeps the true objective from increasing (rare, far from the optimum).
    Eigen::VectorXd step = m.coef - old_coef;
    double step0 = m.intercept - old_intercept;
    double new_objective = 0;
    bool descended = false;
    for (int half = 0; half < 30 && !descended; ++half) {
      eta = m.decision(X);
      new_objective = mean_loss(eta, y) + penalty(m.coef, o.lambda, o.l1_ratio);
      descended = new_objective <= objective + 1e-15 * std::abs(objective);
      if (descended) break;
      step *= 0.5;
      step0 *= 0.5;
      m.coef = old_coef + step;
      m.intercept = old_intercept + step0;
    }
    // Converged when the Newton step no longer moves the coefficients. (An objective-change
    // test stops too early: near the optimum the objective changes with the step squared.)
    double change = std::max(step.cwiseAbs().maxCoeff(), std::abs(step0));
    objective = new_objective;
    if (!descended || change < 1e-12 * (1 + m.coef.cwiseAbs().maxCoeff())) break;
  }
  return m;
}

}  // namespace lab
