#include "models/logistic_rows.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/exp.hpp"

namespace lab::logistic_rows {

using kernels::f64x2;
using kernels::load;

void LossSums::add(const double* eta, const double* e, const double* y, Eigen::Index rows) noexcept {
  for (Eigen::Index i = 0; i < rows; ++i) {
    const double z = eta[i];
    const double ei = e[i];
    const bool positive = y[i] > 0.5;
    right_ += (z >= 0 && ei < 1) == positive;  // sigmoid(z) > 0.5, as computed from ei
    const double margin = positive ? z : -z;
    if (std::abs(margin) > kClipMargin) {
      unclipped_tail_ += std::max(-margin, 0.0) + std::log1p(ei);
      clipped_tail_ += margin > 0 ? -std::log(1 - 1e-15) : -std::log(1e-15);
      continue;
    }
    hinge_ += std::max(-margin, 0.0);
    product_ *= 1 + ei;
    if (++factors_ == 32) {
      log_sum_ += std::log(product_);
      product_ = 1;
      factors_ = 0;
    }
  }
}

Pass LossSums::finish() const noexcept {
  const double log_sum = log_sum_ + std::log(product_);
  return {hinge_ + log_sum + unclipped_tail_, hinge_ + log_sum + clipped_tail_, right_};
}

Pass loss_pass(const Eigen::VectorXd& eta, const Eigen::VectorXd& y, Eigen::VectorXd& e) noexcept {
  kernels::exp_minus_abs(eta.data(), e.data(), eta.size());
  LossSums sums;
  sums.add(eta.data(), e.data(), y.data(), eta.size());
  return sums.finish();
}

void decision_rows(const Eigen::MatrixXd& X, const Eigen::VectorXd& coef, double intercept, double* eta,
                   Eigen::Index lo, Eigen::Index hi) noexcept {
  // Eight rows at a time in registers, down the non-zero columns: each row's sum in column
  // order (so the rows left over, done one by one, sum alike), one store per row.
  const Eigen::Index d = coef.size();
  Eigen::Index i = lo;
  for (; i + 8 <= hi; i += 8) {
    f64x2 a0 = {intercept, intercept}, a1 = a0, a2 = a0, a3 = a0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const double c = coef(j);
      if (c == 0) continue;
      const f64x2 cv = {c, c};
      const double* x = X.col(j).data() + i;
      a0 += cv * load<f64x2>(x);
      a1 += cv * load<f64x2>(x + 2);
      a2 += cv * load<f64x2>(x + 4);
      a3 += cv * load<f64x2>(x + 6);
    }
    kernels::store(eta + i, a0);
    kernels::store(eta + i + 2, a1);
    kernels::store(eta + i + 4, a2);
    kernels::store(eta + i + 6, a3);
  }
  for (; i < hi; ++i) {
    double a = intercept;
    for (Eigen::Index j = 0; j < d; ++j)
      if (coef(j) != 0) a += coef(j) * X(i, j);
    eta[i] = a;
  }
}

GradientSums::GradientSums(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, Eigen::VectorXd& w, Eigen::VectorXd& r)
    : X_(X), y_(y), w_(w), r_(r), lanes_(static_cast<std::size_t>(2 * X.cols())) {}

void GradientSums::start() noexcept {
  std::fill(lanes_.begin(), lanes_.end(), f64x2{});
  r_sum_ = 0;
}

void GradientSums::add(const double* eta, const double* e, Eigen::Index lo, Eigen::Index hi) noexcept {
  double* w = w_.data();
  double* r = r_.data();
  for (Eigen::Index i = lo; i < hi; ++i) {
    const double p = (eta[i] >= 0 ? 1.0 : e[i]) / (1.0 + e[i]);  // sigmoid(eta_i), no branch
    w[i] = std::max(p * (1 - p), 1e-12);
    r[i] = y_(i) - p;
  }
  for (Eigen::Index i = lo; i < hi; ++i) r_sum_ += r[i];
  // kernels::dot's order for doubles: rows in fours, two 2-lane accumulators per sum; the rows
  // after the last four are finish()'s.
  const Eigen::Index n = X_.rows(), end = std::min(hi, n - n % 4);
  for (Eigen::Index j = 0; j < X_.cols(); ++j) {
    const double* x = X_.col(j).data();
    f64x2* s = &lanes_[static_cast<std::size_t>(2 * j)];
    f64x2 s0 = s[0], s1 = s[1];
    for (Eigen::Index i = lo; i + 4 <= end; i += 4) {
      s0 += load<f64x2>(x + i) * load<f64x2>(r + i);
      s1 += load<f64x2>(x + i + 2) * load<f64x2>(r + i + 2);
    }
    s[0] = s0, s[1] = s1;
  }
}

void GradientSums::finish(Eigen::VectorXd& xr, double& r_sum) const noexcept {
  const Eigen::Index n = X_.rows();
  for (Eigen::Index j = 0; j < X_.cols(); ++j) {
    const double* x = X_.col(j).data();
    const f64x2* s = &lanes_[static_cast<std::size_t>(2 * j)];
    const f64x2 a = s[0] + s[1];
    double ab = a[0] + a[1];
    for (Eigen::Index i = n - n % 4; i < n; ++i) ab += x[i] * r_(i);
    xr(j) = ab;
  }
  r_sum = r_sum_;
}

}  // namespace lab::logistic_rows
