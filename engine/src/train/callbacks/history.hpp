// Keras' History: one row per epoch (loss, accuracy, their validation twins, learning rate),
// handed to `on_row` as soon as it is made so front ends can stream learning curves.
#pragma once
#include <functional>

#include "lab/json.hpp"
#include "train/callbacks/callback.hpp"

namespace lab {

class HistoryCallback : public TrainingCallback {
 public:
  explicit HistoryCallback(std::function<void(const Json& row)> on_row = {}) : on_row_(std::move(on_row)) {}
  bool end_epoch(const EpochLogs& logs, Mlp& model) override;
  const Json& rows() const { return rows_; }

 private:
  std::function<void(const Json&)> on_row_;
  Json rows_ = Json::array();
};

}  // namespace lab
