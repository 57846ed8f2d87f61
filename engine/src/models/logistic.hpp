// Penalized logistic regression, glmnet's objective:
//   (1/n) sum_i logloss(y_i, b0 + x_i.w) + lambda * (alpha * |w|_1 + (1 - alpha)/2 * |w|_2^2)
// with the intercept unpenalized (scikit-learn's C = 1 / (n * lambda)). Solved by proximal
// Newton: each outer step makes the weighted least-squares model of the loss and solves it
// (directly when there is no L1 term, else by cyclic coordinate descent with soft-thresholding,
// so L1 gives exact zeros, then exactly on the non-zero set).
#pragma once
#include <Eigen/Dense>
#include <limits>
#include <memory>

namespace lab {

struct LogisticOptions {
  double lambda = 0.01;
  double l1_ratio = 0;  // alpha
  int max_iter = 1000;  // outer iterations
  double tol = 1e-14;
};

struct LinearModel {
  double intercept = 0;
  Eigen::VectorXd coef;
  int n_iter = 0;  // outer iterations used by the last fit
  // Set by a fit, on the rows it was fit on at the returned coefficients (NaN otherwise):
  // scikit-learn's log_loss and accuracy at 0.5, for free from the solver's last pass.
  double train_log_loss = std::numeric_limits<double>::quiet_NaN();
  double train_accuracy = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd decision(const Eigen::MatrixXd& X) const;
  Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X) const;
  int nonzero() const;
};

double sigmoid(double z);

// The model's curvature at some point: G = X'WX/n, s = X'w/n and mean(w) for the weights
// w = p(1 - p). It changes slowly along a path, so fits reuse it until their steps stop
// contracting fast (the fixed point a fit converges to does not depend on it).
struct Curvature {
  Eigen::MatrixXd G;
  Eigen::VectorXd s;
  double w_mean = 0;
  bool ready = false;
};

// The solver's working state (logistic.cpp): its buffers over the rows and what it knew at
// the point the last fit ended.
struct LogisticWork;

// A fit's training rows in the forms the solver reads, the curvature the last fit left, and
// the solver's state where it ended: a fit warm-started from that point begins there instead
// of two passes over the rows (its decision values and loss, and its gradient). A path builds
// one for all its lambdas.
struct LogisticData {
  LogisticData(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
  const Eigen::MatrixXd& X;
  const Eigen::VectorXd& y;
  Eigen::MatrixXf X_float;  // for the Gram matrix (the curvature only shapes steps: float is enough)
  Curvature curvature;
  std::shared_ptr<LogisticWork> work;  // made by the first fit
};

// Fits from `warm` when given (warm starts make a path cheap), else from zeros with the
// intercept at the log-odds of the base rate.
LinearModel fit_logistic(LogisticData& data, const LogisticOptions& options, const LinearModel* warm = nullptr);
LinearModel fit_logistic(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LogisticOptions& options,
                         const LinearModel* warm = nullptr);

// The objective above, for tests and line search.
double logistic_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LinearModel& model, double lambda,
                          double l1_ratio);

// scikit-learn's log_loss (probabilities clipped to [1e-15, 1 - 1e-15]) and accuracy at 0.5 of
// a linear model's decision values against 0/1 labels: the numbers metrics/metrics gives for
// sigmoid(eta), in one pass with one exp per row and one log per 32 rows.
struct LossAndAccuracy {
  double log_loss = 0, accuracy = 0;
};
LossAndAccuracy decision_loss_and_accuracy(const Eigen::VectorXd& eta, const Eigen::VectorXd& y);

// accuracy(y, sigmoid(eta)) (metrics/metrics: a row is predicted positive when its probability is
// over 0.5) without an exp per row: that is eta > 0 except within 1e-6 of zero, where the
// probability's rounding decides and is computed as sigmoid does. For the permutation
// importance, which scores 150 shuffles of the rows.
double decision_accuracy(const Eigen::Ref<const Eigen::VectorXd>& eta, const Eigen::VectorXd& y);

// Smallest lambda at which every coefficient is zero (for l1_ratio = 0, glmnet's convention of
// using alpha = 0.001 keeps it finite).
double lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio);

}  // namespace lab
