// Magnitude pruning of an MLP's kernels (biases and batch-norm parameters are left alone, as
// in TensorFlow's Model Optimization Toolkit). A mask over the model's flat parameters holds 1
// for kept entries and 0 for pruned ones; applying it zeroes the pruned weights.
//
// Counts are exact: pruning `count` weights at `sparsity` removes round(sparsity * count) of
// them (per layer, or over all kernels at once for global scope), the smallest by magnitude,
// equal magnitudes broken by position. TF's own mask keeps every weight tied with the
// threshold, which can miss the target; a lesson that asks for 80 % should get 80 %.
#pragma once
#include <Eigen/Dense>

#include "models/mlp.hpp"

namespace lab {

struct PruneOptions {
  double sparsity = 0.5;
  bool global = false;   // one threshold over every kernel instead of one per layer
  bool units = false;    // structured: remove whole hidden units instead of single weights
  bool gradual = false;  // Zhu & Gupta's schedule during fine-tuning instead of one shot
  int epochs = 10;       // fine-tuning epochs (gradual: the epochs the schedule runs in)
  double initial_sparsity = 0;
  long begin_step = 0;
  long end_step = -1;  // -1: three quarters of the fine-tuning steps
  int frequency = 10;  // optimizer steps between mask updates
  double power = 3;
};

long pruned_count(long count, double sparsity);

// Unstructured: the smallest-magnitude kernel weights.
Eigen::VectorXf magnitude_mask(const Mlp& model, double sparsity, bool global);

// Structured: hidden units with the smallest L2 norm of their incoming kernel row (global
// scope compares norm / sqrt(fan_in), so layers of different width are comparable). A pruned
// unit loses its incoming row, bias, batch-norm scale/shift and outgoing column, so it no
// longer affects the output and the frozen model can drop it. Every layer keeps a unit.
Eigen::VectorXf unit_mask(const Mlp& model, double sparsity, bool global);

Eigen::VectorXf prune_mask(const Mlp& model, double sparsity, const PruneOptions& options);
void apply_mask(Mlp& model, const Eigen::VectorXf& mask);

// Share of kernel weights that are exactly zero.
double kernel_sparsity(const Mlp& model);

// Zhu & Gupta (2017) as tfmot.sparsity.keras.PolynomialDecay defines it:
//   s(step) = final + (initial - final) * (1 - p)^power,  p = min(1, (step - begin) / (end - begin))
// with masks updated at begin, begin + frequency, ... up to end. One deviation: `end` itself is
// always an update step, so the final sparsity is reached even when frequency does not divide
// end - begin (TF would stop at the last multiple below it).
struct PolynomialDecay {
  double initial_sparsity = 0, final_sparsity = 0.5;
  long begin_step = 0, end_step = 1000;
  int frequency = 100;
  double power = 3;

  bool should_prune(long step) const;
  double sparsity(long step) const;
};

}  // namespace lab
