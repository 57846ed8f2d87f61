// glmnet's multinomial partial Newton for objectives with an L1 term
// (models/multinomial_solvers.hpp): a cycle visits every class; a class's step solves the
// penalized Newton model of the loss in its predictor alone, with the other classes fixed.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/dense.hpp"
#include "models/multinomial_solvers.hpp"
#include "models/newton_model.hpp"

namespace lab::multinomial {
namespace {

// A relative change of the objective below this is not measurable against its rounding.
constexpr double kObjectiveNoise = 1e-14;
// Newton finishes on the active set a fit may try, and the cycles in a row that must leave the
// zeros and signs in place before one (see below): a finish on a support still moving is
// CG work thrown away.
constexpr int kMaxNewtonRounds = 20;
constexpr int kSettledCycles = 2;
// Kept per-class curvatures: at most this many entries in all, and every class's rebuilt every
// this many cycles.
constexpr double kKeptCurvatureEntries = 2.0 * 1024 * 1024;
constexpr int kCurvatureRefresh = 4;

// Builds one class's Newton model at the current probabilities: the gradient part c =
// X'(y_c - p_c)/n and r_mean always, and the curvature (as the binary solver builds it) when
// asked: the Gram matrix is most of a class step's cost, and an older one still leads to the same optimum (a
// zero step is the true objective's optimality condition whatever G is).
class ClassModelBuilder {
 public:
  explicit ClassModelBuilder(const Eigen::MatrixXd& X) : X_(X), Xf_(X.cast<float>()), w_(X.rows()), r_(X.rows()) {}

  void build(const Eigen::MatrixXd& P, const Eigen::VectorXd& y, Eigen::Index c, NewtonModel& q, Curvature* k) {
    const Eigen::Index n = X_.rows(), d = X_.cols();
    const double inv_n = 1.0 / static_cast<double>(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double pc = P(i, c);
      r_(i) = (y(i) == static_cast<double>(c) ? 1.0 : 0.0) - pc;
      w_(i) = std::max(pc * (1 - pc), 1e-5);  // a floor keeps the model curved where p is 0 or 1
    }
    q.c.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) q.c(j) = kernels::dot(X_.col(j).data(), r_.data(), n) * inv_n;
    q.r_mean = r_.sum() * inv_n;
    if (k) curvature_.build(X_, Xf_, w_, *k);
  }

 private:
  const Eigen::MatrixXd& X_;
  Eigen::MatrixXf Xf_;
  Eigen::VectorXd w_, r_;
  CurvatureBuilder curvature_;
};

}  // namespace

SoftmaxModel fit_class_blocks(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, const LogisticOptions& o,
                              SoftmaxModel m) {
  const Eigen::Index d = X.cols(), k = classes;
  const double l1 = o.lambda * o.l1_ratio, l2 = o.lambda * (1 - o.l1_ratio);
  Eigen::MatrixXd eta = m.decision(X), P, eta_new, P_new;
  double objective = softmax_and_loss(eta, y, P) + penalty(m.coef, o.lambda, o.l1_ratio);
  ClassModelBuilder builder(X);
  // Each class keeps the curvature it was last given while the whole set is small (k d^2
  // doubles: 16 MB at most); a larger model rebuilds one for every class step.
  const bool keep = static_cast<double>(k) * static_cast<double>(d) * static_cast<double>(d) <= kKeptCurvatureEntries;
  std::vector<Curvature> curvatures(keep ? static_cast<std::size_t>(k) : 1);
  std::vector<char> stale(static_cast<std::size_t>(k), 1);
  ActiveSetSolver solver;
  LinearModel block;
  Eigen::VectorXd old_coef(d), step(d), scratch(d), step_eta(X.rows());
  int cycle = 0, newton_steps = 0, newton_rounds = 0, settled = 0;
  Eigen::MatrixXd active;
  for (; cycle < o.max_iter; ++cycle) {
    double cycle_change = 0;
    bool unsure = false;
    const Eigen::MatrixXd signs_before = m.coef.array().sign();
    for (Eigen::Index c = 0; c < k; ++c) {
      Curvature& curvature = curvatures[keep ? static_cast<std::size_t>(c) : 0];
      const bool rebuild = !keep || stale[static_cast<std::size_t>(c)] || cycle % kCurvatureRefresh == 0;
      NewtonModel q{curvature, Eigen::VectorXd(), 0};
      builder.build(P, y, c, q, rebuild ? &curvature : nullptr);
      stale[static_cast<std::size_t>(c)] = 0;
      block.coef = m.coef.row(c).transpose();
      block.intercept = m.intercept(c);
      old_coef = block.coef;
      const double old_intercept = block.intercept;
      coordinate_descent(q, l1, l2, o.tol, block, scratch);
      solver.solve(q, old_coef, old_intercept, l1, l2, false, block);
      step = block.coef - old_coef;
      double step0 = block.intercept - old_intercept;
      if (step.cwiseAbs().maxCoeff() == 0 && step0 == 0) continue;
      const double old_penalty = penalty(m.coef, o.lambda, o.l1_ratio);
      const double expected = model_change(q, step, step0) + (penalty(block.coef.transpose(), o.lambda, o.l1_ratio) -
                                                              penalty(old_coef.transpose(), o.lambda, o.l1_ratio));
      const bool below_noise = std::abs(expected) <= kObjectiveNoise * std::abs(objective);
      // The class's predictor moves linearly with the step: one product with X serves every
      // halving. A step that does not lower the objective is halved (the model overshoots
      // where the probabilities are far from the fit's).
      step_eta.setConstant(step0);
      for (Eigen::Index j = 0; j < d; ++j)
        if (step(j) != 0) kernels::axpy(step(j), X.col(j).data(), step_eta.data(), X.rows());
      bool taken = false;
      double t = 1;
      for (int halving = 0; halving < 30; ++halving, t *= 0.5) {
        eta_new = eta;
        eta_new.col(c) += t * step_eta;
        m.coef.row(c) = (old_coef + t * step).transpose();
        const double candidate =
            softmax_and_loss(eta_new, y, P_new) + old_penalty +
            (penalty(m.coef.row(c), o.lambda, o.l1_ratio) - penalty(old_coef.transpose(), o.lambda, o.l1_ratio));
        if (below_noise || candidate <= objective + 1e-15 * std::abs(objective)) {
          objective = candidate;
          taken = true;
          break;
        }
      }
      if (!taken) {  // no step lowers the objective: optimal along this block (or a stale model)
        stale[static_cast<std::size_t>(c)] = 1;
        unsure = unsure || !rebuild;  // only a fresh model's failure says the block is optimal
        m.coef.row(c) = old_coef.transpose();
        continue;
      }
      m.intercept(c) = old_intercept + t * step0;
      if (t < 1) stale[static_cast<std::size_t>(c)] = 1;  // the model overshot: a fresh curvature next time
      eta.swap(eta_new);
      P.swap(P_new);
      for (Eigen::Index j = 0; j < d; ++j)
        cycle_change = std::max(cycle_change, curvature.G(j, j) * t * t * step(j) * step(j));
      cycle_change = std::max(cycle_change, curvature.w_mean * t * t * step0 * step0);
    }
    if (cycle_change <= o.tol && !unsure) {
      ++cycle;
      break;
    }
    // Once cycles leave every zero and sign where they were, the rest is a smooth problem on the
    // non-zero coefficients: Newton-CG there converges in a few steps where cycling over
    // coupled classes crawls (digits, 10 classes: over 100 cycles a lambda). The next cycle
    // then checks the zeros (and moves them if the finish was wrong). The rounds are capped so
    // a support that keeps changing leaves the work to the cycles alone.
    settled = Eigen::MatrixXd(m.coef.array().sign()) == signs_before ? settled + 1 : 0;
    if (newton_rounds < kMaxNewtonRounds && settled >= kSettledCycles) {
      settled = 0;
      ++newton_rounds;
      active = (m.coef.array() != 0).cast<double>();
      const NewtonOutcome finish = newton_cg(X, y, classes, o, m, &active);
      newton_steps += finish.steps;
      if (finish.steps) {
        std::fill(stale.begin(), stale.end(), 1);
        eta = m.decision(X);
        objective = softmax_and_loss(eta, y, P) + penalty(m.coef, o.lambda, o.l1_ratio);
      }
    }
  }
  m.n_iter = cycle + newton_steps;
  return m;
}

}  // namespace lab::multinomial
