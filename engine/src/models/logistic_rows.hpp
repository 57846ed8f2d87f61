// The logistic solver's passes over the training rows, in row blocks, so that one read of X
// serves a candidate step's decision values, its loss and the gradient at its end (three reads
// of the 24 MB design matrix per iteration at 100k x 30 before). Every sum runs in one fixed
// order whatever blocks it is made of: a pass over all rows at once and the same pass in
// blocks give bit-identical results (tests/engine/logistic_test.cpp).
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "kernels/simd.hpp"

namespace lab::logistic_rows {

// Beyond this margin scikit-learn's log_loss clips the probability to 1e-15 or 1 - 1e-15
// (log((1 - 1e-15) / 1e-15)).
constexpr double kClipMargin = 34.538776394910684;

// What a pass over decision values gives. With margin m_i = eta_i for y_i = 1 and -eta_i for
// y_i = 0, the loss of a row is softplus(-m_i) = max(-m_i, 0) + log1p(e_i), e_i = exp(-|eta_i|).
struct Pass {
  double loss = 0;          // summed loss (the solver's objective, unclipped)
  double clipped_loss = 0;  // summed scikit-learn log_loss (clipped probabilities)
  long right = 0;           // rows with (sigmoid(eta) > 0.5) == (y = 1)
};

// The running sums of a pass, rows in order. The log1p terms are summed as logs of products
// of 32 factors (each in (1, 2], so no overflow): one log per 32 rows instead of one log1p
// per row; exact to ~1e-15 absolute. Rows with clipped probabilities (|m| > kClipMargin,
// rare) are summed one by one.
class LossSums {
 public:
  // The next `rows` rows: decision values, e = exp(-|eta|) and labels.
  void add(const double* eta, const double* e, const double* y, Eigen::Index rows) noexcept;
  Pass finish() const noexcept;

 private:
  double hinge_ = 0, log_sum_ = 0, product_ = 1, unclipped_tail_ = 0, clipped_tail_ = 0;
  int factors_ = 0;
  long right_ = 0;
};

// e = exp(-|eta|) for all rows and their pass.
Pass loss_pass(const Eigen::VectorXd& eta, const Eigen::VectorXd& y, Eigen::VectorXd& e) noexcept;

// eta = intercept + X coef on rows [lo, hi): per row the non-zero coefficients' terms in
// column order (zero coefficients cost nothing).
void decision_rows(const Eigen::MatrixXd& X, const Eigen::VectorXd& coef, double intercept, double* eta,
                   Eigen::Index lo, Eigen::Index hi) noexcept;

// The gradient part of the Newton model at decision values eta: p = sigmoid(eta) from e,
// r = y - p, w = max(p (1 - p), 1e-12) per row, and the sums X'r and sum(r). X'r is summed
// exactly as kernels::dot sums it (its lane accumulators carried from block to block). The
// weights w stay in their buffer for a curvature rebuild, which sums X'w itself (kernels::dot,
// the same bits): most passes are not followed by one.
class GradientSums {
 public:
  GradientSums(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, Eigen::VectorXd& w, Eigen::VectorXd& r);
  void start() noexcept;
  // Rows [lo, hi), blocks in order: lo a multiple of 4, hi too unless it is the last row.
  void add(const double* eta, const double* e, Eigen::Index lo, Eigen::Index hi) noexcept;
  // xr sized d.
  void finish(Eigen::VectorXd& xr, double& r_sum) const noexcept;

 private:
  const Eigen::MatrixXd& X_;
  const Eigen::VectorXd& y_;
  Eigen::VectorXd& w_;
  Eigen::VectorXd& r_;
  std::vector<kernels::f64x2> lanes_;  // X'r's two accumulators per column
  double r_sum_ = 0;
};

// Rows per block of a fused pass: the block's columns of X (30 x 512 doubles at d = 30) and
// its rows of every per-row buffer stay in cache between the pass's steps. A multiple of 32.
constexpr Eigen::Index kBlockRows = 512;

}  // namespace lab::logistic_rows
