// Early stopping with Keras 3's EarlyStopping semantics: an epoch improves when it beats the
// best by more than min_delta; `wait` counts epochs since the last improvement and training
// stops once wait >= patience (never on the first epoch); with restore_best the best epoch's
// weights are restored when training ends. Epochs here count from 1, as Keras prints them.
#pragma once
#include <Eigen/Dense>
#include <limits>
#include <string>
#include <vector>

#include "train/callbacks/callback.hpp"

namespace lab {

struct EarlyStoppingOptions {
  std::string monitor = "val_loss";
  std::string mode = "auto";  // auto | min | max
  int patience = 10;
  double min_delta = 0;
  bool restore_best = true;
  int start_from_epoch = 0;
};

class EarlyStopping {
 public:
  explicit EarlyStopping(const EarlyStoppingOptions& options);

  // Returns true when training should stop after this epoch. `improved()` then tells whether
  // this epoch became the best (the caller snapshots weights).
  bool end_epoch(int epoch, double value);
  bool improved() const { return improved_; }

  int best_epoch() const { return best_epoch_; }        // 0 until an epoch is watched
  int stopped_epoch() const { return stopped_epoch_; }  // 0 when training ran to the end
  double best() const { return best_; }
  const EarlyStoppingOptions& options() const { return options_; }

 private:
  bool better(double value, double reference) const;

  EarlyStoppingOptions options_;
  bool maximize_ = false;
  double best_;
  int wait_ = 0;
  int best_epoch_ = 0;
  int stopped_epoch_ = 0;
  bool improved_ = false;
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

}  // namespace lab
