// Permutation importance: how much the task's main score (accuracy, or R² for regression)
// drops when one source feature's design columns are shuffled across rows (all one-hot columns
// of a feature move together).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lab/json.hpp"
#include "tasks/task_metrics.hpp"

namespace lab {

OrderedJson permutation_importance(const Task& task, const Predictor& predict, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                   const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed);

}  // namespace lab
