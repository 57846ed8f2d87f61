#include "train/optimizer.hpp"

#include <cmath>

namespace lab {

Optimizer::Optimizer(const OptimizerOptions& options, Eigen::Index size)
    : options_(options), m_(Eigen::VectorXf::Zero(size)), v_(Eigen::VectorXf::Zero(size)) {}

void Optimizer::step(Eigen::VectorXf& w, const Eigen::VectorXf& g, const Eigen::VectorXf& decay_mask,
                     double learning_rate) {
  const float lr = static_cast<float>(learning_rate);
  if (options_.weight_decay > 0)
    w.array() -= (lr * static_cast<float>(options_.weight_decay)) * w.array() * decay_mask.array();
  ++t_;
  if (options_.rule == "sgd") {
    w.noalias() -= lr * g;
  } else if (options_.rule == "momentum") {
    m_ = static_cast<float>(options_.momentum) * m_ - lr * g;
    w += m_;
  } else {
    const float b1 = static_cast<float>(options_.beta1), b2 = static_cast<float>(options_.beta2);
    const double alpha = learning_rate * std::sqrt(1 - std::pow(options_.beta2, static_cast<double>(t_))) /
                         (1 - std::pow(options_.beta1, static_cast<double>(t_)));
    const float a = static_cast<float>(alpha), eps = static_cast<float>(options_.epsilon);
    // One plain loop (vectorized in every build; Eigen's expressions run scalar in wasm).
    float* m = m_.data();
    float* v = v_.data();
    float* p = w.data();
    const float* gp = g.data();
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      m[i] = b1 * m[i] + (1 - b1) * gp[i];
      v[i] = b2 * v[i] + (1 - b2) * (gp[i] * gp[i]);
      p[i] -= a * m[i] / (std::sqrt(v[i]) + eps);
    }
  }
}

}  // namespace lab
