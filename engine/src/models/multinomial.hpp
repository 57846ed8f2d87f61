// Multinomial (softmax) logistic regression with an elastic-net penalty on every coefficient,
// the objective of scikit-learn's LogisticRegression(multi_class="multinomial") with
// C = 1 / (n * lambda):
//   (1/n) sum_i -log softmax(b + W x_i)[y_i] + lambda * (alpha |W|_1 + (1 - alpha)/2 |W|_2^2)
// (W: classes x features, b unpenalized). Without an L1 term by Newton-CG (Hessian-vector
// products, never a (d k)^2 matrix); with one by glmnet's partial Newton, class by class
// (models/multinomial_solvers.hpp). The intercepts are reported centred (summing to zero), the
// convention scikit-learn's solvers arrive at; the softmax does not change.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <vector>

#include "models/logistic.hpp"
#include "models/regularization_path.hpp"

namespace lab {

// Row-wise softmax of linear predictors (rows x classes): what predict_proba applies to decision.
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& eta);

struct SoftmaxModel {
  Eigen::VectorXd intercept;  // per class
  Eigen::MatrixXd coef;       // classes x features
  int n_iter = 0;             // Newton steps (no L1 term) or class cycles used by the last fit
  Eigen::MatrixXd decision(const Eigen::MatrixXd& X) const;       // rows x classes
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const;  // rows x classes, rows sum to 1
  int nonzero() const;                                            // non-zero coefficients
};

// `y` holds class indices 0..classes-1. Fits from `warm` when given, else from zeros with the
// intercepts at the log class frequencies. Uses LogisticOptions (lambda, l1_ratio, max_iter:
// Newton steps or class cycles, tol: the curvature-weighted squared size of a step at which
// the fit stops).
SoftmaxModel fit_multinomial(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                             const LogisticOptions& options, const SoftmaxModel* warm = nullptr);

double multinomial_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const SoftmaxModel& model,
                             double lambda, double l1_ratio);

// Smallest lambda with every coefficient zero: max |x_j'(Y_c - freq_c)| / (n alpha) (alpha
// floored at 0.001, as for the binary model).
double multinomial_lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes, double l1_ratio);

std::vector<SoftmaxModel> fit_multinomial_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                                               const std::vector<double>& lambdas, LogisticOptions options,
                                               const std::function<bool(int, const SoftmaxModel&)>& step = {});

// Cross-validated multinomial log loss over `lambdas`.
CrossValidation cross_validate_multinomial(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int classes,
                                           const std::vector<int>& fold_of_row, int folds,
                                           const std::vector<double>& lambdas, const LogisticOptions& options,
                                           const std::function<bool(int)>& on_fold = {}, const FoldSource& source = {});

}  // namespace lab
