#include "models/newton_model.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/dense.hpp"

namespace lab {

// Zero within a relative 1e-12 of the threshold: at lambda_max the gradient equals the L1
// threshold up to summation-order rounding, and the first fit of a path must be exactly zero
// in every build.
double soft_threshold(double g, double t) {
  if (std::abs(g) <= t * (1 + 1e-12)) return 0.0;
  if (g > t) return g - t;
  if (g < -t) return g + t;
  return 0.0;
}

void CurvatureBuilder::build(const Eigen::MatrixXd& X, const Eigen::MatrixXf& X_float, const Eigen::VectorXd& w,
                             Curvature& k) {
  const Eigen::Index n = w.size(), d = X.cols();
  const double inv_n = 1.0 / static_cast<double>(n);
  k.s.resize(d);
  for (Eigen::Index j = 0; j < d; ++j) k.s(j) = kernels::dot(X.col(j).data(), w.data(), n) * inv_n;
  wf_.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) wf_(i) = static_cast<float>(w(i));
  gram_.resize(d, d);
  kernels::weighted_gram(X_float.data(), n, d, wf_.data(), gram_.data(), scratch_);
  k.G.resize(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index m = 0; m <= j; ++m) k.G(j, m) = k.G(m, j) = static_cast<double>(gram_(j, m)) * inv_n;
  k.w_mean = w.sum() * inv_n;
  k.ready = true;
}

// The model's change of the mean loss for the step (dbeta, db0) (the quadratic above): what the
// step is expected to gain. O(d^2), no pass over the rows.
double model_change(const NewtonModel& q, const Eigen::VectorXd& dbeta, double db0) noexcept {
  const Curvature& k = q.curvature;
  double quadratic = 0;
  for (Eigen::Index j = 0; j < dbeta.size(); ++j) {
    double row = 0;
    for (Eigen::Index m = 0; m < dbeta.size(); ++m) row += k.G(j, m) * dbeta(m);
    quadratic += dbeta(j) * row;
  }
  return -q.c.dot(dbeta) - q.r_mean * db0 + 0.5 * quadratic + db0 * k.s.dot(dbeta) + 0.5 * k.w_mean * db0 * db0;
}

// Cyclic coordinate descent on the model from the current coefficients, with covariance
// updates: u = G dbeta + s db0 and u0 = s'dbeta + w_mean db0 are kept current, so moving a
// coordinate costs O(d) instead of a pass over the rows.
void coordinate_descent(const NewtonModel& q, double l1, double l2, double tol, LinearModel& m,
                        Eigen::VectorXd& u) noexcept {
  const Curvature& k = q.curvature;
  const Eigen::Index d = m.coef.size();  // u has d entries
  u.setZero();
  double u0 = 0;
  for (int sweep = 0; sweep < 10000; ++sweep) {
    double largest = 0;
    const double shift = (q.r_mean - u0) / k.w_mean;
    m.intercept += shift;
    u.noalias() += shift * k.s;
    u0 += shift * k.w_mean;
    largest = std::max(largest, k.w_mean * shift * shift);
    for (Eigen::Index j = 0; j < d; ++j) {
      const double old = m.coef(j), h = k.G(j, j);
      const double g = q.c(j) - u(j) + h * old;
      const double updated = soft_threshold(g, l1) / std::max(h + l2, 1e-300);
      const double delta = updated - old;
      if (delta == 0) continue;
      m.coef(j) = updated;
      u.noalias() += delta * k.G.col(j);
      u0 += delta * k.s(j);
      largest = std::max(largest, h * delta * delta);
    }
    if (largest < tol) break;
  }
}

bool ActiveSetSolver::solve(const NewtonModel& q, const Eigen::VectorXd& old_coef, double old_intercept, double l1,
                            double l2, bool every_coefficient, LinearModel& m) {
  const Eigen::Index d = m.coef.size();
  active_.clear();
  for (Eigen::Index j = 0; j < d; ++j)
    if (every_coefficient || m.coef(j) != 0) active_.push_back(j);
  const Eigen::Index k = static_cast<Eigen::Index>(active_.size());
  // Stationarity of the model plus penalty in the step from the outer iteration's start, with
  // coordinates outside the set moved to zero. Solving for the step (not the coefficients)
  // keeps its rounding relative to its size, so steps shrink to zero at the optimum.
  fixed_step_.setZero(d);  // -old value of coordinates now at zero
  if (!every_coefficient)
    for (Eigen::Index j = 0; j < d; ++j)
      if (m.coef(j) == 0) fixed_step_(j) = -old_coef(j);
  const Curvature& curv = q.curvature;
  pulled_.noalias() = curv.G * fixed_step_;  // the model's loss gradient at the fixed step is c - pulled
  K_.resize(k + 1, k + 1);
  rhs_.resize(k + 1);
  for (Eigen::Index a = 0; a < k; ++a) {
    const Eigen::Index ja = active_[static_cast<std::size_t>(a)];
    for (Eigen::Index b = 0; b < k; ++b) K_(a, b) = curv.G(ja, active_[static_cast<std::size_t>(b)]);
    K_(a, a) += l2;
    K_(a, k) = K_(k, a) = curv.s(ja);
    rhs_(a) = q.c(ja) - pulled_(ja) - l2 * old_coef(ja) - (l1 > 0 ? l1 * (m.coef(ja) > 0 ? 1.0 : -1.0) : 0.0);
  }
  K_(k, k) = curv.w_mean;
  rhs_(k) = q.r_mean - curv.s.dot(fixed_step_);
  ldlt_.compute(K_);
  if (ldlt_.info() != Eigen::Success || !ldlt_.isPositive()) return false;
  const auto pivots = ldlt_.vectorD().cwiseAbs();
  if (!(pivots.minCoeff() > 1e-8 * pivots.maxCoeff())) return false;  // collinear columns, no curvature
  step_ = ldlt_.solve(rhs_);
  if (!step_.allFinite()) return false;
  if (l1 > 0)
    for (Eigen::Index a = 0; a < k; ++a) {
      const Eigen::Index ja = active_[static_cast<std::size_t>(a)];
      if ((old_coef(ja) + step_(a) > 0) != (m.coef(ja) > 0)) return false;  // a sign changed: keep CD's answer
    }
  for (Eigen::Index a = 0; a < k; ++a) {
    const Eigen::Index ja = active_[static_cast<std::size_t>(a)];
    m.coef(ja) = old_coef(ja) + step_(a);
  }
  m.intercept = old_intercept + step_(k);
  return true;
}

}  // namespace lab
