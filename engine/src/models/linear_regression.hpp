// Penalized least squares, scikit-learn's ElasticNet objective:
//   (1/(2n)) |y - b0 - Xw|^2 + lambda * (alpha * |w|_1 + (1 - alpha)/2 * |w|_2^2)
// (ElasticNet(alpha=lambda, l1_ratio=alpha); Lasso at alpha = 1, ridge at alpha = 0, plain
// least squares at lambda = 0), with the intercept unpenalized. Solved as glmnet's gaussian
// family is: cyclic coordinate descent on centred data in "covariance" form (each update reads
// the gradient g_j = x_j'r/n, kept current through the Gram columns of the non-zero
// coefficients only, computed the first time a coefficient leaves zero), over an active set
// that is checked against the KKT conditions of every coefficient before a fit ends. Along a
// path, the sequential strong rule decides which coefficients are tried at all.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <vector>

#include "models/regularization_path.hpp"

namespace lab {

struct LinearRegressionOptions {
  double lambda = 0.01;
  double l1_ratio = 0.5;  // alpha
  int max_iter = 10000;   // coordinate-descent passes per lambda
  double tol = 1e-14;     // on max_j G_jj * (change of w_j)^2, glmnet's criterion
};

struct LinearRegressionRunOptions {
  LinearRegressionOptions fit;
  RegularizationPathOptions path;
  CrossValidationOptions cv;
  std::string select = "lambda";
};

struct RegressionModel {
  double intercept = 0;
  Eigen::VectorXd coef;
  int n_iter = 0;  // passes used by the last fit
  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const;
  int nonzero() const;
};

// The training rows centred once, with the Gram columns computed so far: a path (and each
// cross-validation fold) builds one and reuses it for every lambda.
class LeastSquaresData {
 public:
  LeastSquaresData(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
  Eigen::Index rows() const { return Xc_.rows(); }
  Eigen::Index cols() const { return Xc_.cols(); }
  const Eigen::VectorXd& gram_column(Eigen::Index j);        // X_c' x_j / n
  const Eigen::VectorXd& correlation() const { return c_; }  // X_c' y_c / n
  const Eigen::VectorXd& gram_diagonal() const { return d_; }
  const Eigen::RowVectorXd& x_mean() const { return x_mean_; }
  double y_mean() const { return y_mean_; }

 private:
  Eigen::MatrixXd Xc_;
  Eigen::VectorXd c_, d_;
  Eigen::RowVectorXd x_mean_;
  double y_mean_ = 0;
  std::vector<Eigen::VectorXd> gram_;  // empty until computed
};

// Fits from `warm` when given. `previous_lambda` (> lambda) enables the strong rule.
RegressionModel fit_linear_regression(LeastSquaresData& data, const LinearRegressionOptions& options,
                                      const RegressionModel* warm = nullptr, double previous_lambda = 0);
RegressionModel fit_linear_regression(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                      const LinearRegressionOptions& options);

// The objective above, for tests.
double linear_regression_objective(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const RegressionModel& model,
                                   double lambda, double l1_ratio);

// Smallest lambda with every coefficient zero: max_j |x_j'y_c| / (n alpha) (alpha floored at
// 0.001 as glmnet does, so ridge paths start somewhere finite).
double regression_lambda_max(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double l1_ratio);

std::vector<RegressionModel> fit_regression_path(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                                 const std::vector<double>& lambdas, LinearRegressionOptions options,
                                                 const std::function<bool(int, const RegressionModel&)>& step = {});

// Cross-validated mean squared error over `lambdas`.
CrossValidation cross_validate_regression(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                          const std::vector<int>& fold_of_row, int folds,
                                          const std::vector<double>& lambdas, const LinearRegressionOptions& options,
                                          const std::function<bool(int)>& on_fold = {}, const FoldSource& source = {});

}  // namespace lab
