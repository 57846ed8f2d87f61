// What an MLP training loop tells its callbacks at the end of every epoch (Keras' logs), and
// the callback interface: history, early stopping and progress are callbacks, not loop code.
#pragma once
#include <string>

#include "models/mlp.hpp"

namespace lab {

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

}  // namespace lab
