// A numeric target as a network trains on it: standardized with the training rows' mean and
// (population) standard deviation, so one learning rate suits targets of any scale. Predictions
// go back to the target's units with value = z * scale + mean (an affine output head).
#pragma once
#include <Eigen/Dense>
#include <cmath>

namespace lab {

struct TargetScale {
  double mean = 0, scale = 1;  // scale 1 for a constant target

  static TargetScale of(const Eigen::VectorXd& y) {
    TargetScale s;
    if (y.size() == 0) return s;
    s.mean = y.mean();
    const double sd = std::sqrt((y.array() - s.mean).square().mean());
    s.scale = sd > 0 ? sd : 1;
    return s;
  }
  Eigen::VectorXd standardize(const Eigen::VectorXd& y) const { return (y.array() - mean) / scale; }
};

}  // namespace lab
