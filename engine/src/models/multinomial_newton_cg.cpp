// Newton-CG for the multinomial objective without an L1 term (models/multinomial_solvers.hpp).
// With R = P - Y (rows x classes) the gradient is R'X/n + l2 W (and colsum(R)/n for the
// intercepts); the Hessian times a direction (V, v) is D'X/n + l2 V with U = X V' + v and
// D_i = P_i .* (U_i - P_i . U_i): two products with X, the cost of one gradient.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/multinomial_solvers.hpp"

namespace lab::multinomial {
namespace {

// A point or a direction in the parameters: coefficients (classes x features) and intercepts.
struct Params {
  Eigen::MatrixXd W;
  Eigen::VectorXd b;
  double dot(const Params& o) const { return (W.array() * o.W.array()).sum() + b.dot(o.b); }
  void add(double t, const Params& o) {
    W += t * o.W;
    b += t * o.b;
  }
};

class SoftmaxCurvature {
 public:
  SoftmaxCurvature(const Eigen::MatrixXd& X, double l2) : X_(X), l2_(l2), inv_n_(1.0 / static_cast<double>(X.rows())) {}

  // The Hessian at the point whose probabilities are P, times the direction v.
  void times(const Eigen::MatrixXd& P, const Params& v, Params& out) {
    predictors(X_, v.W, &v.b, U_);
    const Eigen::VectorXd mean = (P.array() * U_.array()).rowwise().sum();
    U_.colwise() -= mean;
    U_.array() *= P.array();  // D
    columns_dot(U_, X_, out.W);
    out.W *= inv_n_;
    out.W += l2_ * v.W;
    out.b = U_.colwise().sum().transpose() * inv_n_;
  }

 private:
  const Eigen::MatrixXd& X_;
  double l2_, inv_n_;
  Eigen::MatrixXd U_;
};

}  // namespace

NewtonOutcome newton_cg(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, const LogisticOptions& o,
                        SoftmaxModel& m, const Eigen::MatrixXd* active) {
  const Eigen::Index n = X.rows(), k = classes;
  const double inv_n = 1.0 / static_cast<double>(n);
  const double l1 = active ? o.lambda * o.l1_ratio : 0.0, l2 = o.lambda * (1 - o.l1_ratio);
  // On the active set the L1 term is l1 * sign(w) * w: linear, with the signs held fixed.
  const Eigen::MatrixXd sign = active ? Eigen::MatrixXd(m.coef.array().sign()) : Eigen::MatrixXd();
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index i = 0; i < n; ++i) Y(i, static_cast<Eigen::Index>(y(i))) = 1;
  Eigen::MatrixXd eta = m.decision(X), P, eta_new, P_new, step_eta;
  double objective = softmax_and_loss(eta, y, P) + penalty(m.coef, o.lambda, active ? o.l1_ratio : 0.0);
  SoftmaxCurvature hessian(X, l2);
  Eigen::MatrixXd mask = active ? *active : Eigen::MatrixXd();  // loses a coefficient that reaches zero
  Params g, d, r, z, p, hp, diagonal;
  const Eigen::MatrixXd X_squared = X.array().square();
  auto gradient = [&] {
    const Eigen::MatrixXd R = P - Y;
    columns_dot(R, X, g.W);
    g.W *= inv_n;
    g.W += l2 * m.coef;
    if (active) g.W = (g.W + l1 * sign).cwiseProduct(mask);
    g.b = R.colwise().sum().transpose() * inv_n;
  };
  gradient();
  // CG stops at the dimension (exact in exact arithmetic) or this many steps.
  const int max_cg = static_cast<int>(std::min<Eigen::Index>(k * (X.cols() + 1), 250));
  NewtonOutcome outcome;
  double last_decrement = std::numeric_limits<double>::infinity();
  for (int outer = 0; outer < o.max_iter; ++outer) {
    // Solve H d = -g inexactly: the residual is cut by the forcing term min(0.5, sqrt|g|) |g|,
    // loose far from the optimum and tight near it (superlinear convergence).
    const double g_norm = std::sqrt(g.dot(g));
    if (!(g_norm > 0)) {
      outcome.converged = true;
      break;
    }
    const double forcing = std::min(0.5, std::sqrt(g_norm)) * g_norm;
    // Preconditioned by the Hessian's diagonal, x_j^2 p_c (1 - p_c) / n + l2 (Jacobi): pixels,
    // counts and one-hot columns differ in scale by orders of magnitude, and so do the CG
    // steps plain CG needs (digits: ~100 per Newton step).
    {
      const Eigen::MatrixXd w = P.array() * (1 - P.array());
      columns_dot(w, X_squared, diagonal.W);
      diagonal.W = (diagonal.W * inv_n).array() + l2 + 1e-12;
      diagonal.b = (w.colwise().sum().transpose() * inv_n).array() + 1e-12;
    }
    auto precondition = [&](const Params& from, Params& to) {
      to.W = from.W.cwiseQuotient(diagonal.W);
      to.b = from.b.cwiseQuotient(diagonal.b);
      if (active) to.W = to.W.cwiseProduct(mask);
    };
    d = Params{Eigen::MatrixXd::Zero(k, X.cols()), Eigen::VectorXd::Zero(k)};
    r = Params{-g.W, -g.b};
    precondition(r, z);
    p = z;
    double rz = r.dot(z);
    for (int step = 0; step < max_cg; ++step) {
      hessian.times(P, p, hp);
      if (active) hp.W = hp.W.cwiseProduct(mask);  // the Hessian of the active coefficients alone
      const double curvature = p.dot(hp);
      if (!(curvature > 1e-300)) {  // no curvature along p (softmax's free shift, lambda 0)
        if (step == 0) d = z;
        break;
      }
      const double alpha = rz / curvature;
      d.add(alpha, p);
      r.add(-alpha, hp);
      if (std::sqrt(r.dot(r)) <= forcing) break;
      precondition(r, z);
      const double rz_next = r.dot(z);
      p.W = z.W + (rz_next / rz) * p.W;
      p.b = z.b + (rz_next / rz) * p.b;
      rz = rz_next;
    }
    // -g'd ~ d'Hd: the step's squared size in the curvature's metric, what tol bounds.
    const double decrement = -g.dot(d);
    // Below the objective's rounding the steps stop shrinking at some noise level, which may lie
    // above a very small tol: once they do, nothing measurable is left to gain.
    const bool below_noise = decrement <= 1e-13 * std::max(1.0, std::abs(objective));
    if (!(decrement > 0) || (below_noise && decrement >= last_decrement)) {
      outcome.converged = true;
      break;
    }
    last_decrement = decrement;
    // On the active set a step must keep every sign: past the first zero crossing the penalty
    // is no longer the linear term the step was solved with. A step that reaches the crossing
    // sets that coefficient to zero and takes it out of the set (an active-set method); the
    // class cycle that follows checks whether it belongs there.
    double t_max = 1;
    Eigen::Index first_zero = -1;
    if (active)
      for (Eigen::Index i = 0; i < d.W.size(); ++i)
        if (m.coef(i) * d.W(i) < 0 && -m.coef(i) / d.W(i) < t_max) {
          t_max = -m.coef(i) / d.W(i);
          first_zero = i;
        }
    // Backtracking (Armijo) along d; eta moves linearly, so one product with X serves every try.
    // A step whose expected gain is below the objective's rounding is taken as it is.
    predictors(X, d.W, &d.b, step_eta);
    const bool crossing = t_max < 1;
    bool taken = false;
    double t = crossing ? t_max : 1;
    for (int halving = 0; halving < 40; ++halving, t *= 0.5) {
      eta_new = eta + t * step_eta;
      const double candidate =
          softmax_and_loss(eta_new, y, P_new) + penalty(m.coef + t * d.W, o.lambda, active ? o.l1_ratio : 0.0);
      if (below_noise || candidate <= objective - 1e-4 * t * decrement) {
        objective = candidate;
        taken = true;
        break;
      }
    }
    if (!taken) break;  // at the precision floor: nothing measurable left to gain here
    m.coef += t * d.W;
    m.intercept += t * d.b;
    ++outcome.steps;
    if (crossing && t == t_max) {  // exactly at the first zero: that coefficient leaves the set
      m.coef(first_zero) = 0;
      mask(first_zero) = 0;
      predictors(X, m.coef, &m.intercept, eta_new);  // eta and the objective at the zeroed point
      objective = softmax_and_loss(eta_new, y, P_new) + penalty(m.coef, o.lambda, o.l1_ratio);
      last_decrement = std::numeric_limits<double>::infinity();  // a new problem: its own steps
    }
    eta.swap(eta_new);
    P.swap(P_new);
    gradient();
    if (crossing) continue;  // a step to a zero says nothing of convergence
    if (decrement <= o.tol) {
      outcome.converged = true;
      break;
    }
  }
  return outcome;
}

SoftmaxModel fit_newton_cg(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, const LogisticOptions& o,
                           SoftmaxModel m) {
  m.n_iter = newton_cg(X, y, classes, o, m, nullptr).steps;
  return m;
}

}  // namespace lab::multinomial
