// The two solvers behind fit_multinomial (models/multinomial.hpp), for one lambda each:
//   - smooth (no L1 term): Newton-CG on every coefficient at once, the Hessian only through
//     products with a direction (scikit-learn's newton-cg). Nothing of size (d k)^2 is formed,
//     so a 784-feature, 10-class table costs what its gradient costs, times the CG steps.
//   - with an L1 term: glmnet's multinomial partial Newton, cycling over the classes; each
//     class's block is the penalized Newton model of the loss in that class's predictor
//     (weights p(1 - p)), solved by coordinate descent with covariance updates on its weighted
//     Gram matrix and an exact solve on the non-zero set (models/newton_model.hpp, shared with
//     the binary solver), then kept only if the objective falls.
#pragma once
#include <Eigen/Dense>

#include "models/multinomial.hpp"

namespace lab::multinomial {

// Row-wise softmax of eta into P, and the mean negative log-likelihood of the labels y.
double softmax_and_loss(const Eigen::MatrixXd& eta, const Eigen::VectorXd& y, Eigen::MatrixXd& P);

// The two products every solver step makes with X (rows x features, column-major), on the
// project's kernels rather than Eigen's: Eigen has no SIMD in wasm (its products ran 5x slower
// there than natively), and these sum in the same order in every build.
//   U = X W' (+ b on every row): rows x classes; W is classes x features.
void predictors(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::VectorXd* b, Eigen::MatrixXd& U);
//   G = A' X: classes x features, one dot product of whole columns per entry.
void columns_dot(const Eigen::MatrixXd& A, const Eigen::MatrixXd& X, Eigen::MatrixXd& G);

// lambda * (alpha |W|_1 + (1 - alpha)/2 |W|^2)
double penalty(const Eigen::MatrixXd& W, double lambda, double alpha);

// Newton-CG steps from `m` in place. With `active` (classes x features, 1 where a coefficient
// is free, 0 where it stays zero) only those move, their signs held, and the L1 term is linear
// there: the class-block solver's finish once the zeros and signs have settled (quadratic
// convergence where cycling over the classes is linear). Stops at tol, at the precision floor,
// or when a step would change a sign.
struct NewtonOutcome {
  int steps = 0;
  bool converged = false;
};
NewtonOutcome newton_cg(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, const LogisticOptions& options,
                        SoftmaxModel& m, const Eigen::MatrixXd* active);

// Each fits from `start` (a warm start or the prior-intercept point); n_iter counts Newton
// steps (smooth) or class cycles (blocks).
SoftmaxModel fit_newton_cg(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                           const LogisticOptions& options, SoftmaxModel start);
SoftmaxModel fit_class_blocks(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                              const LogisticOptions& options, SoftmaxModel start);

}  // namespace lab::multinomial
