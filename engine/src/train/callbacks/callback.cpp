#include "train/callbacks/callback.hpp"

#include <cmath>

namespace lab {

double EpochLogs::value(const std::string& name) const {
  if (name == "loss") return loss;
  if (name == "accuracy") return accuracy;
  if (name == "val_loss") return val_loss;
  if (name == "val_accuracy") return val_accuracy;
  return std::nan("");
}

}  // namespace lab
