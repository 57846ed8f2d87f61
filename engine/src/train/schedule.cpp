#include "train/schedule.hpp"

#include <cmath>

namespace lab {

double learning_rate_at(const ScheduleOptions& s, double base_lr, int epoch, int total_epochs) {
  if (epoch < s.warmup) return base_lr * (epoch + 1) / s.warmup;
  const int t = epoch - s.warmup;
  if (s.type == "step") return base_lr * std::pow(s.gamma, t / s.step_size);
  if (s.type == "exponential") return base_lr * std::pow(s.gamma, t);
  if (s.type == "cosine") {
    const int span = total_epochs - s.warmup;
    if (span <= 1) return base_lr;
    const double progress = static_cast<double>(t) / (span - 1);  // reaches min_lr on the last epoch
    return s.min_lr + 0.5 * (base_lr - s.min_lr) * (1 + std::cos(3.14159265358979323846 * progress));
  }
  return base_lr;
}

}  // namespace lab
