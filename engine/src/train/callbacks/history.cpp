#include "train/callbacks/history.hpp"

#include <cmath>

namespace lab {

bool HistoryCallback::end_epoch(const EpochLogs& l, Mlp&) {
  auto number = [](double v) { return std::isfinite(v) ? Json(v) : Json(); };  // JSON has no NaN
  Json row{{"epoch", l.epoch},
           {"loss", number(l.loss)},
           {"accuracy", number(l.accuracy)},
           {"val_loss", number(l.val_loss)},
           {"val_accuracy", number(l.val_accuracy)},
           {"learning_rate", l.learning_rate}};
  rows_.push_back(row);
  if (on_row_) on_row_(row);
  return false;
}

}  // namespace lab
