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
#include "metrics/task_metrics.hpp"

namespace lab {

OrderedJson permutation_importance(const Task& task, const Predictor& predict, const Eigen::MatrixXd& X,
                                   const Eigen::VectorXd& y, const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed);

// A model whose prediction is link(X W + b), one score column per output (logistic, softmax
// and least-squares models). Shuffling a feature's design columns moves each row's scores by
// (x_shuffled - x) W over those columns alone, so a shuffle costs rows x that feature's
// columns x outputs instead of a whole prediction (at 100k x 30 the importance was ~12 % of a
// run). Same shuffles, same scores up to the order of their terms.
struct LinearScores {
  std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)> scores;  // X -> X W + b, rows x outputs
  Eigen::MatrixXd weights;                                        // W: design columns x outputs
  std::function<Prediction(const Eigen::MatrixXd&)> link;         // scores -> prediction
  // Optional: the task's main score (y, scores), equal to main_score(task, y, link(scores))
  // without building the prediction (a binary model's accuracy needs no probabilities).
  std::function<double(const Eigen::VectorXd&, const Eigen::MatrixXd&)> score = nullptr;
};

OrderedJson permutation_importance(const Task& task, const LinearScores& model, const Eigen::MatrixXd& X,
                                   const Eigen::VectorXd& y, const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed);

}  // namespace lab
