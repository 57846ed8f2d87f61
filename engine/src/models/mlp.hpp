// A multi-layer perceptron for binary classification: dense hidden layers (optionally batch
// normalized before the activation, with inverted dropout after it) and one sigmoid output
// trained on binary cross-entropy. All trainable numbers live in one flat float vector so the
// optimizers stay model-agnostic; L1/L2 penalties on kernels belong to the model (Keras'
// kernel_regularizer semantics), never to the optimizer.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/random.hpp"

namespace lab {

// Knowledge distillation targets for one batch (Hinton et al. 2015). The loss becomes
//   alpha * CE(y, sigmoid(z)) + (1 - alpha) * T^2 * CE(sigmoid(z_t / T), sigmoid(z / T))
// where z_t are the teacher's logits; the T^2 keeps the soft term's gradient on the scale of
// the hard one as T grows (the Keras distillation example's convention; CE differs from the KL
// divergence only by the teacher's entropy, a constant).
struct SoftTargets {
  const Eigen::VectorXf* teacher_logits = nullptr;  // one per batch column
  float temperature = 1;
  float alpha = 0.5f;  // weight of the hard-label loss
};

struct MlpOptions {
  std::vector<int> hidden{32, 32};
  std::string activation = "relu";  // relu | tanh | sigmoid
  double dropout = 0;
  bool batch_norm = false;
  double l2 = 0, l1 = 0;
  std::string init = "auto";  // auto | he | glorot (uniform)
};

class Mlp {
 public:
  static constexpr float kBatchNormMomentum = 0.99f;  // Keras defaults
  static constexpr float kBatchNormEpsilon = 1e-3f;

  Mlp() = default;
  Mlp(int inputs, const MlpOptions& options, Rng& rng);

  const MlpOptions& options() const { return options_; }
  const std::vector<int>& sizes() const { return sizes_; }  // inputs, hidden..., 1
  Eigen::VectorXf& params() { return params_; }
  const Eigen::VectorXf& params() const { return params_; }
  const Eigen::VectorXf& decay_mask() const { return kernel_mask_; }
  std::vector<Eigen::VectorXf>& running_mean() { return running_mean_; }
  std::vector<Eigen::VectorXf>& running_var() { return running_var_; }
  const std::vector<Eigen::VectorXf>& running_mean() const { return running_mean_; }
  const std::vector<Eigen::VectorXf>& running_var() const { return running_var_; }
  int parameter_count() const { return static_cast<int>(params_.size()); }

  // Inference (no dropout, running batch-norm statistics). X: rows x inputs.
  Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X) const;
  Eigen::VectorXf logits(const Eigen::MatrixXf& Xt) const;  // Xt: inputs x rows

  // One training pass over a batch (Xt: inputs x batch). Dropout masks come from `rng`.
  // Writes d(loss)/d(params) into `grads` and returns mean cross-entropy + penalty.
  // `soft_targets` may hold probabilities instead of 0/1 labels (distillation).
  // `correct`, when given, receives how many rows the batch classified right.
  // `soft`, when given, mixes in a teacher's soft targets (distillation, see SoftTargets).
  double forward_backward(const Eigen::MatrixXf& Xt, const Eigen::VectorXf& targets, Rng& rng,
                          Eigen::VectorXf& grads, bool update_running_stats = true, int* correct = nullptr,
                          const SoftTargets* soft = nullptr);

  double penalty() const;  // l2 * sum(W^2) + l1 * sum(|W|) over kernels

  // Offsets of a layer's blocks in the flat vector.
  struct Layer {
    int in = 0, out = 0;
    Eigen::Index weight = 0, bias = 0, gamma = -1, beta = -1;  // gamma/beta: batch norm only
  };
  const std::vector<Layer>& layers() const { return layers_; }

 private:
  // forward_backward's buffers, reused from batch to batch: a training step allocates nothing.
  struct Workspace {
    std::vector<Eigen::MatrixXf> input, output, normalized, mask;  // per layer
    std::vector<Eigen::ArrayXf> inv_std;
    Eigen::MatrixXf delta, input_grad, transposed;
  };

  MlpOptions options_;
  std::vector<int> sizes_;
  std::vector<Layer> layers_;
  Eigen::VectorXf params_, kernel_mask_;
  std::vector<Eigen::VectorXf> running_mean_, running_var_;
  Workspace work_;
};

}  // namespace lab
