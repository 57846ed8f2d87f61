// Training for compression: train_mlp's loop (shuffled mini-batches, per-epoch schedule,
// optimizer, epoch callbacks) plus what pruning and distillation need and train_mlp does not
// offer: a hook around every optimizer step (pruning updates its mask before a step and
// re-applies it after, so pruned weights stay zero while the others fine-tune) and a teacher's
// logits mixed into the loss (knowledge distillation, see SoftTargets in models/mlp.hpp).
#pragma once
#include <functional>
#include <vector>

#include "compress/pruning.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

struct Distillation {
  Eigen::VectorXd teacher_logits;  // one per training row
  double temperature = 2;
  double alpha = 0.5;  // weight of the hard-label loss
};

struct StepHooks {
  std::function<void(long step, Mlp&)> before;  // optional
  std::function<void(long step, Mlp&)> after;   // optional
};

// Returns the number of epochs run. Steps count from 0 across epochs.
int fine_tune(Mlp& model, const TrainData& data, const TrainOptions& options,
              const std::vector<TrainingCallback*>& callbacks, Rng& rng, const StepHooks& hooks,
              const Distillation* distill = nullptr);

// Prunes a trained model as `options` say and fine-tunes it for options.epochs epochs:
// one-shot prunes once and fine-tunes with the mask fixed; gradual raises the sparsity on the
// polynomial schedule while fine-tuning. Either way the model ends with exactly the requested
// sparsity. Returns the fine-tuning steps run.
long prune_and_fine_tune(Mlp& model, const TrainData& data, TrainOptions train, const PruneOptions& options,
                         const std::vector<TrainingCallback*>& callbacks, Rng& rng);

}  // namespace lab
