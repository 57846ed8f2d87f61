// The penalized Newton model of a logistic loss in one linear predictor, and its solvers:
// coordinate descent with covariance updates (L1 finds the zeros and the signs) and an exact
// solve on the non-zero set. The binary solver (logistic.cpp) solves one such model per outer
// step; the multinomial one (multinomial_blocks.cpp) one per class in turn, as glmnet does.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "kernels/gram.hpp"
#include "models/logistic.hpp"

namespace lab {

// Zero within a relative 1e-12 of the threshold: at lambda_max the gradient equals the L1
// threshold up to summation-order rounding, and the first fit of a path must be exactly zero
// in every build.
double soft_threshold(double g, double t);

// The weighted least-squares model of the mean loss at the current point (b0, beta), in the
// step (db0, dbeta):
//   -c'dbeta - r_mean db0 + 1/2 dbeta'G dbeta + db0 s'dbeta + 1/2 w_mean db0^2
// with c = X'(y - p)/n and r_mean = mean(y - p) taken at the current point (in double: they
// decide where the fit converges) and G, s, w_mean from a Curvature, possibly an older one.
struct NewtonModel {
  const Curvature& curvature;
  Eigen::VectorXd c;
  double r_mean = 0;
};

// Builds a Curvature from the weights w = p(1 - p) at some point: G = X'WX/n in float from one
// blocked pass over X_float (kernels/gram.hpp; summed exactly as one dot per pair, so native
// and wasm agree: a row-blocked Gram with another summation order parted them by 1e-9), and
// s = X'w/n and mean(w) in double (they decide the intercept's steps). The buffers are the
// caller's, kept between builds so that a build allocates nothing once sized.
class CurvatureBuilder {
 public:
  void build(const Eigen::MatrixXd& X, const Eigen::MatrixXf& X_float, const Eigen::VectorXd& w, Curvature& k);

 private:
  Eigen::VectorXf wf_;
  Eigen::MatrixXf gram_;
  kernels::GramScratch scratch_;
};

// The model's change of the mean loss for the step (dbeta, db0) (the quadratic above): what the
// step is expected to gain. O(d^2), no pass over the rows.
double model_change(const NewtonModel& q, const Eigen::VectorXd& dbeta, double db0) noexcept;

// Cyclic coordinate descent on the model from the current coefficients, with covariance
// updates: u = G dbeta + s db0 and u0 = s'dbeta + w_mean db0 are kept current, so moving a
// coordinate costs O(d) instead of a pass over the rows.
void coordinate_descent(const NewtonModel& q, double l1, double l2, double tol, LinearModel& m,
                        Eigen::VectorXd& u) noexcept;

// Solves the model exactly on the non-zero coefficients with their signs fixed (on every
// coefficient when there is no L1 term: a plain Newton step). Coordinate descent alone crawls
// along directions the loss cannot see (the standardized one-hot columns of a category sum to
// zero), where only the small L2 term pulls; the exact solve removes that crawl and makes
// results reproducible across builds to ~1e-12. solve() returns false, leaving `m` alone, when
// the system is (nearly) singular or a sign would change. The buffers live as long as the
// fit: an iteration allocates nothing (in wasm every allocation under a C++ exception
// handler is a call out to JavaScript).
class ActiveSetSolver {
 public:
  bool solve(const NewtonModel& q, const Eigen::VectorXd& old_coef, double old_intercept, double l1, double l2,
             bool every_coefficient, LinearModel& m);

 private:
  std::vector<Eigen::Index> active_;
  Eigen::VectorXd fixed_step_, pulled_, rhs_, step_;
  Eigen::MatrixXd K_;
  Eigen::LDLT<Eigen::MatrixXd> ldlt_;
};

}  // namespace lab
