#include "train/callbacks/early_stopping.hpp"

#include <cmath>

namespace lab {

EarlyStopping::EarlyStopping(const EarlyStoppingOptions& options) : options_(options) {
  maximize_ = options.mode == "max" || (options.mode == "auto" && options.monitor.find("acc") != std::string::npos);
  best_ = maximize_ ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
}

bool EarlyStopping::better(double value, double reference) const {
  return maximize_ ? value - options_.min_delta > reference : value + options_.min_delta < reference;
}

bool EarlyStopping::end_epoch(int epoch, double value) {
  improved_ = false;
  if (std::isnan(value) || epoch <= options_.start_from_epoch) return false;
  if (best_epoch_ == 0) best_epoch_ = epoch;  // Keras keeps the first watched epoch's weights
  ++wait_;
  if (better(value, best_)) {
    best_ = value;
    best_epoch_ = epoch;
    improved_ = true;
    wait_ = 0;
    return false;
  }
  if (wait_ >= options_.patience && epoch > 1) {
    stopped_epoch_ = epoch;
    return true;
  }
  return false;
}

bool EarlyStoppingCallback::end_epoch(const EpochLogs& logs, Mlp& model) {
  bool stop = stopper_.end_epoch(logs.epoch, logs.value(stopper_.options().monitor));
  if (stopper_.improved() && stopper_.options().restore_best) {
    best_params_ = model.params();
    best_mean_ = model.running_mean();
    best_var_ = model.running_var();
  }
  return stop;
}

void EarlyStoppingCallback::end_training(Mlp& model) {
  if (!stopper_.options().restore_best || best_params_.size() == 0) return;
  model.params() = best_params_;
  model.running_mean() = best_mean_;
  model.running_var() = best_var_;
  restored_ = true;
}

}  // namespace lab
