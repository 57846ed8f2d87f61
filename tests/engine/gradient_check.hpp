// Finite-difference check of an MLP's gradient: the largest relative difference between
// forward_backward's gradient and central differences (step 1e-2 on the float parameters) on
// one batch, with soft (distillation) targets when given. Dropout masks repeat: the same seed
// for every pass.
#pragma once
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "models/mlp.hpp"

namespace lab::test {

inline double gradient_error(Mlp& model, const Eigen::MatrixXf& X, const Eigen::VectorXf& y, const SoftTargets* soft) {
  Eigen::VectorXf grads, scratch;
  Rng masks(5);
  model.forward_backward(X, y, masks, grads, false, nullptr, soft);
  Eigen::VectorXf& w = model.params();
  double worst = 0;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    const float keep = w(i), h = 1e-2f;
    w(i) = keep + h;
    const double up = model.forward_backward(X, y, masks, scratch, false, nullptr, soft);
    w(i) = keep - h;
    const double down = model.forward_backward(X, y, masks, scratch, false, nullptr, soft);
    w(i) = keep;
    const double numeric = (up - down) / (2 * h);
    worst = std::max(worst, std::abs(numeric - grads(i)) / std::max(1.0, std::abs(numeric)));
  }
  return worst;
}

// With alpha = 1 the soft targets have no say: loss and gradient equal training without them.
inline void expect_hard_only_is_plain(Mlp& model, const Eigen::MatrixXf& X, const Eigen::VectorXf& y,
                                      const Eigen::MatrixXf& teacher, float temperature, double tolerance) {
  SoftTargets hard_only{&teacher, temperature, 1.0f};
  Eigen::VectorXf g_plain, g_soft;
  Rng masks(5);
  const double plain = model.forward_backward(X, y, masks, g_plain, false);
  const double mixed = model.forward_backward(X, y, masks, g_soft, false, nullptr, &hard_only);
  EXPECT_NEAR(plain, mixed, tolerance);
  EXPECT_LE((g_plain - g_soft).cwiseAbs().maxCoeff(), tolerance);
}

}  // namespace lab::test
