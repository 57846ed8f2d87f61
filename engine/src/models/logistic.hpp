// Penalized logistic regression, glmnet's objective:
//   (1/n) sum_i logloss(y_i, b0 + x_i.w) + lambda * (alpha * |w|_1 + (1 - alpha)/2 * |w|_2^2)
// with the intercept unpenalized (scikit-learn's C = 1 / (n * lambda)). Solved by proximal
// Newton: each outer step makes the weighted least-squares model of the loss and solves it by
// cyclic coordinate descent with soft-thresholding, so L1 gives exact zeros.
#pragma once
#include <Eigen/Dense>

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
  Eigen::VectorXd decision(const Eigen::MatrixXd& X) const;
  Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X) const;
  int nonzero() const;
};

double sigmoid(double z);

// Fits from `warm` when given (warm starts make a path cheap), else from zeros with the
// intercept at the log-odds of the base rate.
LinearModel fit_logistic(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LogisticOptions& options,
                         const LinearModel* warm = nullptr);

// The objective above, for tests and line search.
double logistic_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const LinearModel& model,
                          double lambda, double l1_ratio);

// Smallest lambda at which every coefficient is zero (for l1_ratio = 0, glmnet's convention of
// using alpha = 0.001 keeps it finite).
double lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio);

}  // namespace lab
