// Learning-rate schedules, evaluated per epoch (0-based): constant, step decay, exponential
// decay and cosine annealing, each with an optional linear warm-up.
#pragma once
#include <string>

namespace lab {

struct ScheduleOptions {
  std::string type = "constant";  // constant | step | exponential | cosine
  int step_size = 30;
  double gamma = 0.5;
  double min_lr = 0;
  int warmup = 0;
};

double learning_rate_at(const ScheduleOptions& schedule, double base_lr, int epoch, int total_epochs);

}  // namespace lab
