// The MLP training loop: shuffled mini-batches, a learning-rate schedule per epoch, an
// optimizer over the flat parameters, and callbacks at each epoch's end (history, early
// stopping, progress/cancel), in the manner of Keras' fit().
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/mlp.hpp"
#include "train/callbacks/callback.hpp"
#include "train/optimizer.hpp"
#include "train/schedule.hpp"

namespace lab {

struct TrainOptions {
  OptimizerOptions optimizer;
  std::uint64_t seed = 7;  // initial weights, shuffles and dropout masks (the caller's Rng)
  double learning_rate = 0.001;
  int batch_size = 32;
  int epochs = 200;
  ScheduleOptions schedule;
};

struct TrainData {
  const Eigen::MatrixXd& X;  // rows x features
  const Eigen::VectorXd& y;  // 0/1 labels, or soft targets in [0, 1]
  const Eigen::MatrixXd* X_val = nullptr;
  const Eigen::VectorXd* y_val = nullptr;
};

// Knowledge distillation: a teacher's logits mixed into the loss (see SoftTargets in
// models/mlp.hpp).
struct Distillation {
  Eigen::MatrixXf teacher_scores;  // outputs x training rows: logits, class scores or values
  double temperature = 2;
  double alpha = 0.5;  // weight of the hard-label loss
};

// Called around every optimizer step (pruning keeps its mask applied through them).
struct StepHooks {
  std::function<void(long step, Mlp&)> before;  // optional
  std::function<void(long step, Mlp&)> after;   // optional
};

// Returns the number of epochs run. `rng` supplies shuffles and dropout masks. Steps count
// from 0 across epochs.
int train_mlp(Mlp& model, const TrainData& data, const TrainOptions& options,
              const std::vector<TrainingCallback*>& callbacks, Rng& rng, const StepHooks& hooks = {},
              const Distillation* distill = nullptr);

}  // namespace lab
