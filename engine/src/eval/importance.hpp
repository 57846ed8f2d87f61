// Permutation importance: how much accuracy drops when one source feature's design columns
// are shuffled across rows (all one-hot columns of a feature move together).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

using Predictor = std::function<Eigen::VectorXd(const Eigen::MatrixXd&)>;

OrderedJson permutation_importance(const Predictor& predict, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                   const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed);

}  // namespace lab
