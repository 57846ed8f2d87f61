// Update rules over a flat parameter vector, as Keras defines them: SGD, SGD with momentum
// (v = m v - lr g; w += v) and Adam (bias-corrected step size, epsilon 1e-7). Optional
// decoupled weight decay (w -= lr * wd * w) applies where `decay_mask` is 1 (kernels only).
#pragma once
#include <Eigen/Dense>
#include <string>

namespace lab {

struct OptimizerOptions {
  std::string rule = "adam";  // sgd | momentum | adam
  double momentum = 0.9;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
  double weight_decay = 0;
};

class Optimizer {
 public:
  Optimizer(const OptimizerOptions& options, Eigen::Index size);
  void step(Eigen::VectorXf& params, const Eigen::VectorXf& grads, const Eigen::VectorXf& decay_mask,
            double learning_rate);

 private:
  OptimizerOptions options_;
  Eigen::VectorXf m_, v_;
  long t_ = 0;
};

}  // namespace lab
