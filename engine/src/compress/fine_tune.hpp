// Pruning with fine-tuning, on train_mlp's loop: its step hooks update the pruning mask before
// a step and re-apply it after, so pruned weights stay zero while the others fine-tune.
#pragma once
#include <vector>

#include "compress/pruning.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

// Prunes a trained model as `options` say and fine-tunes it for options.epochs epochs:
// one-shot prunes once and fine-tunes with the mask fixed; gradual raises the sparsity on the
// polynomial schedule while fine-tuning. Either way the model ends with exactly the requested
// sparsity. Returns the fine-tuning steps run.
long prune_and_fine_tune(Mlp& model, const TrainData& data, TrainOptions train, const PruneOptions& options,
                         const std::vector<TrainingCallback*>& callbacks, Rng& rng);

}  // namespace lab
