#include "train/early_stopping.hpp"

#include <cmath>

namespace lab {

EarlyStopping::EarlyStopping(const EarlyStoppingOptions& options) : options_(options) {
  maximize_ = options.mode == "max" ||
              (options.mode == "auto" && options.monitor.find("acc") != std::string::npos);
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

}  // namespace lab
