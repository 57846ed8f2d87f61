#include "models/no_change_stopper.hpp"

#include <algorithm>
#include <limits>

namespace lab {

NoChangeStopper::NoChangeStopper(int n, double tol)
    : history_(static_cast<std::size_t>(std::max(n, 1)), std::numeric_limits<double>::infinity()), tol_(tol) {}

bool NoChangeStopper::should_stop(int stage, double loss) {
  const bool improves = std::any_of(history_.begin(), history_.end(), [&](double h) { return loss + tol_ < h; });
  if (!improves) return true;
  history_[static_cast<std::size_t>(stage) % history_.size()] = loss;
  return false;
}

}  // namespace lab
