// Newton-CG for the multinomial objective without an L1 term (models/multinomial_solvers.hpp).
// With R = P - Y (rows x classes) the gradient is R'X/n + l2 W (and colsum(R)/n for the
// intercepts); the Hessian times a direction (V, v) is D'X/n + l2 V with U = X V' + v and
// D_i = P_i .* (U_i - P_i . U_i): two products with X, the cost of one gradient.
#include <algorithm>
#include <cmath>

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
    U_.noalias() = X_ * v.W.transpose();
    U_.rowwise() += v.b.transpose();
    const Eigen::VectorXd mean = (P.array() * U_.array()).rowwise().sum();
    U_.colwise() -= mean;
    U_.array() *= P.array();  // D
    out.W.noalias() = U_.transpose() * X_;
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

SoftmaxModel fit_newton_cg(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                           const LogisticOptions& o, SoftmaxModel m) {
  const Eigen::Index n = X.rows(), k = classes;
  const double inv_n = 1.0 / static_cast<double>(n), l2 = o.lambda * (1 - o.l1_ratio);
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index i = 0; i < n; ++i) Y(i, static_cast<Eigen::Index>(y(i))) = 1;
  Eigen::MatrixXd eta = m.decision(X), P, eta_new, P_new, step_eta;
  double objective = softmax_and_loss(eta, y, P) + 0.5 * l2 * m.coef.squaredNorm();
  SoftmaxCurvature hessian(X, l2);
  Params g, d, r, p, hp;
  auto gradient = [&] {
    const Eigen::MatrixXd R = P - Y;
    g.W.noalias() = R.transpose() * X;
    g.W *= inv_n;
    g.W += l2 * m.coef;
    g.b = R.colwise().sum().transpose() * inv_n;
  };
  gradient();
  // CG stops at the dimension (exact in exact arithmetic) or this many steps.
  const int max_cg = static_cast<int>(std::min<Eigen::Index>(k * (X.cols() + 1), 250));
  m.n_iter = 0;
  for (int outer = 0; outer < o.max_iter; ++outer) {
    m.n_iter = outer + 1;
    // Solve H d = -g inexactly: the residual is cut by the forcing term min(0.5, sqrt|g|) |g|,
    // loose far from the optimum and tight near it (superlinear convergence).
    const double g_norm = std::sqrt(g.dot(g));
    if (!(g_norm > 0)) break;
    const double forcing = std::min(0.5, std::sqrt(g_norm)) * g_norm;
    d = Params{Eigen::MatrixXd::Zero(k, X.cols()), Eigen::VectorXd::Zero(k)};
    r = Params{-g.W, -g.b};
    p = r;
    double rr = r.dot(r);
    for (int step = 0; step < max_cg; ++step) {
      hessian.times(P, p, hp);
      const double curvature = p.dot(hp);
      if (!(curvature > 1e-300)) {  // no curvature along p (softmax's free shift, lambda 0)
        if (step == 0) d = r;
        break;
      }
      const double alpha = rr / curvature;
      d.add(alpha, p);
      r.add(-alpha, hp);
      const double rr_next = r.dot(r);
      if (std::sqrt(rr_next) <= forcing) break;
      p.W = r.W + (rr_next / rr) * p.W;
      p.b = r.b + (rr_next / rr) * p.b;
      rr = rr_next;
    }
    // -g'd ~ d'Hd: the step's squared size in the curvature's metric, what tol bounds.
    const double decrement = -g.dot(d);
    if (!(decrement > 0)) break;
    // Backtracking (Armijo) along d; eta moves linearly, so one product with X serves every try.
    // A step whose expected gain is below the objective's rounding is taken as it is.
    step_eta.noalias() = X * d.W.transpose();
    step_eta.rowwise() += d.b.transpose();
    const bool below_noise = decrement <= 1e-13 * std::max(1.0, std::abs(objective));
    bool taken = false;
    double t = 1;
    for (int halving = 0; halving < 40; ++halving, t *= 0.5) {
      eta_new = eta + t * step_eta;
      const double candidate = softmax_and_loss(eta_new, y, P_new) + 0.5 * l2 * (m.coef + t * d.W).squaredNorm();
      if (below_noise || candidate <= objective - 1e-4 * t * decrement) {
        objective = candidate;
        taken = true;
        break;
      }
    }
    if (!taken) break;  // at the precision floor: nothing measurable left to gain
    m.coef += t * d.W;
    m.intercept += t * d.b;
    eta.swap(eta_new);
    P.swap(P_new);
    gradient();
    if (decrement <= o.tol) break;
  }
  return m;
}

}  // namespace lab::multinomial
