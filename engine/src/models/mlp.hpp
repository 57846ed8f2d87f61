// A multi-layer perceptron: dense hidden layers (optionally batch normalized before the
// activation, with inverted dropout after it) and an output head for the task (MlpHead): one
// sigmoid output on binary cross-entropy, k softmax outputs on cross-entropy, or one linear
// output on squared error (Keras' "mse"). All trainable numbers live in one flat float vector so the
// optimizers stay model-agnostic; L1/L2 penalties on kernels belong to the model (Keras'
// kernel_regularizer semantics), never to the optimizer.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/random.hpp"

namespace lab {

// Knowledge distillation targets for one batch (Hinton et al. 2015). With the teacher's scores
// z_t (outputs x batch) the loss becomes, by head:
//   sigmoid: alpha * CE(y, sigmoid(z)) + (1 - alpha) * T^2 * CE(sigmoid(z_t / T), sigmoid(z / T))
//   softmax: alpha * CE(y, softmax(z)) + (1 - alpha) * T^2 * CE(softmax(z_t / T), softmax(z / T))
//   linear:  alpha * (z - y)^2 + (1 - alpha) * (z - z_t)^2   (a number has no temperature)
// The T^2 keeps the soft term's gradient on the scale of the hard one as T grows (the Keras
// distillation example's convention; CE differs from the KL divergence only by the teacher's
// entropy, a constant).
struct SoftTargets {
  const Eigen::MatrixXf* teacher_scores = nullptr;  // outputs x batch
  float temperature = 1;
  float alpha = 0.5f;  // weight of the hard-label loss
};

// The output layer and its loss, from the task (mlp_head_for in experiment/run_mlp.cpp).
enum class MlpHead { Sigmoid, Softmax, Linear };

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
  // `outputs`: 1 for the sigmoid and linear heads, the class count for softmax.
  Mlp(int inputs, const MlpOptions& options, Rng& rng, MlpHead head = MlpHead::Sigmoid, int outputs = 1);

  const MlpOptions& options() const { return options_; }
  MlpHead head() const { return head_; }
  const std::vector<int>& sizes() const { return sizes_; }  // inputs, hidden..., outputs
  Eigen::VectorXf& params() { return params_; }
  const Eigen::VectorXf& params() const { return params_; }
  const Eigen::VectorXf& decay_mask() const { return kernel_mask_; }
  std::vector<Eigen::VectorXf>& running_mean() { return running_mean_; }
  std::vector<Eigen::VectorXf>& running_var() { return running_var_; }
  const std::vector<Eigen::VectorXf>& running_mean() const { return running_mean_; }
  const std::vector<Eigen::VectorXf>& running_var() const { return running_var_; }
  int parameter_count() const { return static_cast<int>(params_.size()); }

  // Inference (no dropout, running batch-norm statistics). X: rows x inputs.
  Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X) const;  // sigmoid head: P(positive)
  // Every head: rows x outputs; the sigmoid's probability, the softmax's class probabilities,
  // or the linear output (a task Prediction, metrics/task_metrics.hpp).
  Eigen::MatrixXd predict(const Eigen::MatrixXd& X) const;
  Eigen::MatrixXf outputs(const Eigen::MatrixXf& Xt) const;  // pre-activation, outputs x rows; Xt: inputs x rows

  // The head's mean loss (no penalty) and accuracy (NaN for the linear head) on labelled rows:
  // what the trainer reports as val_loss and val_accuracy.
  struct Evaluation {
    double loss = 0, accuracy = 0;
  };
  Evaluation evaluate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) const;

  // One training pass over a batch (Xt: inputs x batch). Dropout masks come from `rng`.
  // `targets`: 0/1 labels (sigmoid), class indices (softmax) or values (linear).
  // Writes d(loss)/d(params) into `grads` and returns the head's mean loss + penalty.
  // `soft_targets` may hold probabilities instead of 0/1 labels (distillation).
  // `correct`, when given, receives how many rows the batch classified right.
  // `soft`, when given, mixes in a teacher's soft targets (distillation, see SoftTargets).
  double forward_backward(const Eigen::MatrixXf& Xt, const Eigen::VectorXf& targets, Rng& rng, Eigen::VectorXf& grads,
                          bool update_running_stats = true, int* correct = nullptr, const SoftTargets* soft = nullptr);

  double penalty() const;  // l2 * sum(W^2) + l1 * sum(|W|) over kernels

  // Offsets of a layer's blocks in the flat vector.
  struct Layer {
    int in = 0, out = 0;
    Eigen::Index weight = 0, bias = 0, gamma = -1, beta = -1;  // gamma/beta: batch norm only
  };
  const std::vector<Layer>& layers() const { return layers_; }

 private:
  // outputs() of X (rows x inputs), in row blocks (predict's and predict_proba's).
  Eigen::MatrixXf outputs_of_rows(const Eigen::MatrixXd& X) const;

  // forward_backward's buffers, reused from batch to batch: a training step allocates nothing.
  struct Workspace {
    std::vector<Eigen::MatrixXf> input, output, normalized, mask;  // per layer
    std::vector<Eigen::ArrayXf> inv_std;
    Eigen::MatrixXf delta, input_grad, transposed;
  };

  MlpOptions options_;
  MlpHead head_ = MlpHead::Sigmoid;
  std::vector<int> sizes_;
  std::vector<Layer> layers_;
  Eigen::VectorXf params_, kernel_mask_;
  std::vector<Eigen::VectorXf> running_mean_, running_var_;
  Workspace work_;
};

}  // namespace lab
