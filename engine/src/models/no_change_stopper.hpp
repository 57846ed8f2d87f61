// Gradient boosting's early-stopping rule, a callback-style check run after every stage.
#pragma once
#include <vector>

namespace lab {

// scikit-learn's rule: a stage's validation loss must beat (by more than tol) at least one of
// the last n recorded losses, which start at +inf; the first stage that beats none of them
// stops training and, as in scikit-learn, is kept.
class NoChangeStopper {
 public:
  NoChangeStopper(int n, double tol);
  bool should_stop(int stage, double loss);  // stage counts from 0

 private:
  std::vector<double> history_;
  double tol_;
};

}  // namespace lab
