#include "models/logistic.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/dense.hpp"
#include "kernels/exp.hpp"
#include "models/logistic_rows.hpp"
#include "models/newton_model.hpp"

namespace lab {

using kernels::matmul;
using logistic_rows::GradientSums;
using logistic_rows::loss_pass;
using logistic_rows::Pass;

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

// The fit's own kernel, not Eigen's product: Eigen runs scalar in wasm, and one kernel gives
// the same sums in every build.
Eigen::VectorXd LinearModel::decision(const Eigen::MatrixXd& X) const {
  Eigen::VectorXd eta(X.rows());
  logistic_rows::decision_rows(X, coef, intercept, eta.data(), 0, X.rows());
  return eta;
}

Eigen::VectorXd LinearModel::predict_proba(const Eigen::MatrixXd& X) const {
  return decision(X).unaryExpr([](double z) { return sigmoid(z); });
}

int LinearModel::nonzero() const { return static_cast<int>((coef.array() != 0.0).count()); }

LogisticData::LogisticData(const Eigen::MatrixXd& X_in, const Eigen::VectorXd& y_in)
    : X(X_in), y(y_in), X_float(X_in.cast<float>()) {}

namespace {

double penalty(const Eigen::VectorXd& w, double lambda, double alpha) {
  return lambda * (alpha * w.lpNorm<1>() + 0.5 * (1 - alpha) * w.squaredNorm());
}

// A relative change of the objective below this is not measurable against its rounding.
constexpr double kObjectiveNoise = 1e-14;

// Computes what the Newton model needs from the current point's decision values. The
// per-iteration part is noexcept and allocates nothing: in wasm (Emscripten's JavaScript
// exception handling) a call that may throw from a function with destructors to run goes
// through a JavaScript trampoline.
class NewtonModelBuilder {
 public:
  explicit NewtonModelBuilder(const LogisticData& data) : data_(data), w_(data.X.rows()), r_(data.X.rows()) {}

  // The gradient part at the current point: q.c (sized d) and q.r_mean.
  void gradient(const Eigen::VectorXd& eta, const Eigen::VectorXd& e, NewtonModel& q) noexcept {
    sums_.start();
    sums_.add(eta.data(), e.data(), 0, eta.size());
    finish(q);
  }

  // The same from a fused pass (fit_logistic's candidate_pass): start(), add() over the row
  // blocks in order, then finish(q).
  GradientSums& sums() noexcept { return sums_; }

  void finish(NewtonModel& q) noexcept {
    const double inv_n = 1.0 / static_cast<double>(w_.size());
    double r_sum = 0;
    sums_.finish(q.c, r_sum);
    q.c *= inv_n;
    q.r_mean = r_sum * inv_n;
  }

  // The curvature at the point gradient() saw last (its weights are still in w_).
  void curvature(Curvature& k) { curvature_.build(data_.X, data_.X_float, w_, k); }

 private:
  const LogisticData& data_;
  Eigen::VectorXd w_, r_;
  GradientSums sums_{data_.X, data_.y, w_, r_};
  CurvatureBuilder curvature_;
};

}  // namespace

// The solver's state kept between the fits of a path (see LogisticData).
struct LogisticWork {
  explicit LogisticWork(const LogisticData& data)
      : builder(data),
        q{data.curvature, Eigen::VectorXd(data.X.cols()), 0},
        eta(data.X.rows()),
        e(data.X.rows()),
        eta_new(data.X.rows()),
        e_new(data.X.rows()),
        eta_step(data.X.rows()) {}
  NewtonModelBuilder builder;
  NewtonModel q;  // the model at the current point (its gradient part valid when gradient_ready)
  // eta/e/at describe the current point; the *_new buffers a candidate step's end.
  Eigen::VectorXd eta, e, eta_new, e_new, eta_step;
  // Where the last fit ended: its coefficients, loss pass and whether q's gradient part (and
  // the builder's w and X'w) are still that point's.
  Eigen::VectorXd end_coef;
  double end_intercept = 0;
  Pass at;
  bool ended = false, gradient_ready = false;
};

double logistic_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LinearModel& m, double lambda,
                          double l1_ratio) {
  const Eigen::VectorXd eta = m.decision(X);
  Eigen::VectorXd e(eta.size());
  const Pass pass = loss_pass(eta, y, e);
  return pass.loss / static_cast<double>(X.rows()) + penalty(m.coef, lambda, l1_ratio);
}

LossAndAccuracy decision_loss_and_accuracy(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
  if (eta.size() == 0) return {};
  Eigen::VectorXd e(eta.size());
  const Pass pass = loss_pass(eta, y, e);
  const double n = static_cast<double>(eta.size());
  return {pass.clipped_loss / n, static_cast<double>(pass.right) / n};
}

double decision_accuracy(const Eigen::Ref<const Eigen::VectorXd>& eta, const Eigen::VectorXd& y) {
  if (y.size() == 0) return 0;
  long right = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double z = eta(i);
    const bool positive = z > 1e-6 || (z >= 0 && sigmoid(z) > 0.5);  // NaN: not positive, as sigmoid
    right += positive == (y(i) > 0.5);
  }
  return static_cast<double>(right) / static_cast<double>(y.size());
}

double lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio) {
  const double n = static_cast<double>(X.rows());
  Eigen::VectorXd centered = y.array() - y.mean();
  double g = (X.transpose() * centered).cwiseAbs().maxCoeff() / n;
  return g / std::max(l1_ratio, 1e-3);
}

LinearModel fit_logistic(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LogisticOptions& o,
                         const LinearModel* warm) {
  LogisticData data(X, y);
  return fit_logistic(data, o, warm);
}

namespace {

// A full step's candidate point in one read of X: per row block its decision values,
// e = exp(-|eta|), the loss sums and the gradient sums at the candidate (used only if the step
// is taken). Bit-identical to the separate passes: every sum keeps its order across blocks.
Pass candidate_pass(const LogisticData& data, const LinearModel& m, Eigen::VectorXd& eta_new, Eigen::VectorXd& e_new,
                    GradientSums& gradient) noexcept {
  const Eigen::Index n = data.X.rows();
  logistic_rows::LossSums loss;
  gradient.start();
  for (Eigen::Index lo = 0; lo < n; lo += logistic_rows::kBlockRows) {
    const Eigen::Index hi = std::min(n, lo + logistic_rows::kBlockRows), rows = hi - lo;
    logistic_rows::decision_rows(data.X, m.coef, m.intercept, eta_new.data(), lo, hi);
    kernels::exp_minus_abs(eta_new.data() + lo, e_new.data() + lo, rows);
    loss.add(eta_new.data() + lo, e_new.data() + lo, data.y.data() + lo, rows);
    gradient.add(eta_new.data(), e_new.data(), lo, hi);
  }
  return loss.finish();
}

}  // namespace

LinearModel fit_logistic(LogisticData& data, const LogisticOptions& o, const LinearModel* warm) {
  const Eigen::MatrixXd& X = data.X;
  const Eigen::VectorXd& y = data.y;
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
  if (!data.work) data.work = std::make_shared<LogisticWork>(data);
  LogisticWork& work = *data.work;
  Eigen::VectorXd &eta = work.eta, &e = work.e, &eta_new = work.eta_new, &e_new = work.e_new, &eta_step = work.eta_step;
  NewtonModelBuilder& builder = work.builder;
  NewtonModel& q = work.q;
  Eigen::VectorXd old_coef(d), step(d), cd_scratch(d);
  // Starting where the last fit ended (a path's warm start), eta, e and the loss pass are
  // still those of this point, and maybe the gradient too.
  const bool resume = work.ended && m.intercept == work.end_intercept && m.coef == work.end_coef;
  bool have_gradient = resume && work.gradient_ready;  // the builder holds the current point's gradient
  Pass at;
  if (resume) {
    at = work.at;
  } else {
    logistic_rows::decision_rows(X, m.coef, m.intercept, eta.data(), 0, n);
    at = loss_pass(eta, y, e);
  }
  work.ended = false;
  double objective = at.loss * inv_n + penalty(m.coef, o.lambda, o.l1_ratio);
  ActiveSetSolver solver;
  // The curvature is rebuilt at the current point when there is none (or it has the wrong
  // size) and whenever the last step contracted less than tenfold: near the optimum a fresh
  // one gives Newton's quadratic convergence, a reused one linear convergence at a rate set
  // by how far the point has moved since it was built.
  bool refresh = !data.curvature.ready || data.curvature.G.rows() != d;
  double last_change = std::numeric_limits<double>::infinity();
  m.n_iter = 0;
  for (int outer = 0; outer < o.max_iter; ++outer) {
    m.n_iter = outer + 1;
    if (!have_gradient) builder.gradient(eta, e, q);
    have_gradient = true;
    if (refresh) builder.curvature(data.curvature);
    std::copy(m.coef.data(), m.coef.data() + d, old_coef.data());
    const double old_intercept = m.intercept;
    // Without an L1 term the model's minimum is one linear solve; otherwise coordinate descent
    // finds the zeros and the signs, and the exact solve on the rest finishes the job.
    bool exact = l1 == 0 && solver.solve(q, old_coef, old_intercept, l1, l2, true, m);
    if (!exact) {
      coordinate_descent(q, l1, l2, o.tol, m, cd_scratch);
      if (l1 > 0 || l2 > 0) exact = solver.solve(q, old_coef, old_intercept, l1, l2, false, m);
    }
    // Step halving keeps the true objective from increasing (far from the optimum). Near it a
    // step's effect on the objective is below the rounding of the summed loss (~1e-16
    // relative), where comparing objectives is noise: a step the model expects to change the
    // objective by less than kObjectiveNoise is taken as it is (halving such steps cost up to
    // 18 passes over the rows for nothing, and a curvature rebuild after each).
    for (Eigen::Index j = 0; j < d; ++j) step(j) = m.coef(j) - old_coef(j);
    double step0 = m.intercept - old_intercept;
    const double expected =
        model_change(q, step, step0) + penalty(m.coef, o.lambda, o.l1_ratio) - penalty(old_coef, o.lambda, o.l1_ratio);
    const bool below_noise = std::abs(expected) <= kObjectiveNoise * std::abs(objective);
    double new_objective = 0;
    Pass at_new;
    bool descended = false;
    int halvings = 0;
    for (; halvings < 30; ++halvings) {
      // The full step's decision values read X; a halved step's are eta + t (eta_full - eta),
      // with no pass over X (eta is linear in the step; the next full step reads X afresh).
      if (halvings == 0) {
        have_gradient = false;  // the builder's sums are now the candidate's
        at_new = candidate_pass(data, m, eta_new, e_new, builder.sums());
      } else {
        if (halvings == 1) eta_step = eta_new - eta;  // the full step's, before eta_new moves
        eta_new = eta + std::ldexp(1.0, -halvings) * eta_step;
        at_new = loss_pass(eta_new, y, e_new);
      }
      new_objective = at_new.loss * inv_n + penalty(m.coef, o.lambda, o.l1_ratio);
      descended = below_noise || new_objective <= objective + 1e-15 * std::abs(objective);
      if (descended) break;
      step *= 0.5;
      step0 *= 0.5;
      m.coef = old_coef + step;
      m.intercept = old_intercept + step0;
    }
    if (!descended) {
      m.coef = old_coef;
      m.intercept = old_intercept;
      if (refresh) break;  // not even a step from fresh curvature lowers the objective: done
      refresh = true;      // the reused curvature was too far off; retry from here
      continue;
    }
    eta.swap(eta_new);
    e.swap(e_new);
    if (halvings == 0) {  // the fused pass left the gradient at this point
      builder.finish(q);
      have_gradient = true;
    }
    at = at_new;
    objective = new_objective;
    // Converged when the step no longer moves the coefficients. (An objective-change test
    // stops too early: near the optimum the objective changes with the step squared.) After an
    // exact solve of the model the iteration contracts by `ratio` per step, so the distance
    // left is about change * ratio / (1 - ratio); that may stop it one step earlier.
    const double change = std::max(d ? step.cwiseAbs().maxCoeff() : 0.0, std::abs(step0));
    const double scale = 1e-12 * (1 + (d ? m.coef.cwiseAbs().maxCoeff() : 0.0));
    const double ratio = std::isfinite(last_change) ? change / last_change : 1.0;
    if (change < scale || (exact && halvings == 0 && ratio < 0.1 && change * ratio / (1 - ratio) < scale)) break;
    // Steps taken without the objective's test (below its rounding) that stopped shrinking:
    // nothing measurable is left to gain, and such steps must not run on to max_iter.
    if (below_noise && std::isfinite(last_change) && change >= last_change) break;
    refresh = !exact || halvings > 0 || ratio > 0.1;
    last_change = change;
  }
  work.end_coef = m.coef;
  work.end_intercept = m.intercept;
  work.at = at;
  work.gradient_ready = have_gradient;
  work.ended = true;
  m.train_log_loss = at.clipped_loss * inv_n;
  m.train_accuracy = static_cast<double>(at.right) * inv_n;
  return m;
}

}  // namespace lab
