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
#include "train/early_stopping.hpp"
#include "train/optimizer.hpp"
#include "train/schedule.hpp"

namespace lab {

struct TrainOptions {
  OptimizerOptions optimizer;
  double learning_rate = 0.001;
  int batch_size = 32;
  int epochs = 200;
  ScheduleOptions schedule;
};

struct EpochLogs {
  int epoch = 0;  // from 1
  double loss = 0, accuracy = 0;
  double val_loss = 0, val_accuracy = 0;  // NaN without a validation set
  double learning_rate = 0;
  double value(const std::string& name) const;  // "loss", "val_accuracy", ...
};

class TrainingCallback {
 public:
  virtual ~TrainingCallback() = default;
  virtual bool end_epoch(const EpochLogs& logs, Mlp& model) = 0;  // true: stop training
  virtual void end_training(Mlp&) {}
};

// Snapshots the best epoch's weights and restores them at the end (Keras 3 semantics).
class EarlyStoppingCallback : public TrainingCallback {
 public:
  explicit EarlyStoppingCallback(const EarlyStoppingOptions& options) : stopper_(options) {}
  bool end_epoch(const EpochLogs& logs, Mlp& model) override;
  void end_training(Mlp& model) override;
  const EarlyStopping& stopper() const { return stopper_; }
  bool restored() const { return restored_; }

 private:
  EarlyStopping stopper_;
  Eigen::VectorXf best_params_;
  std::vector<Eigen::VectorXf> best_mean_, best_var_;
  bool restored_ = false;
};

struct TrainData {
  const Eigen::MatrixXd& X;        // rows x features
  const Eigen::VectorXd& y;        // 0/1 labels, or soft targets in [0, 1]
  const Eigen::MatrixXd* X_val = nullptr;
  const Eigen::VectorXd* y_val = nullptr;
};

// Knowledge distillation: a teacher's logits mixed into the loss (see SoftTargets in
// models/mlp.hpp).
struct Distillation {
  Eigen::VectorXd teacher_logits;  // one per training row
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
