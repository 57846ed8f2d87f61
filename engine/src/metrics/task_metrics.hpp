// Metrics of a prediction for each kind of task, with scikit-learn's definitions:
// - binary: metrics/metrics (accuracy at 0.5, log loss, ROC AUC, precision, recall, F1, confusion);
// - multi-class: accuracy of the most probable class (the first on ties, as numpy's argmax),
//   log loss (probabilities clipped to [1e-15, 1 - 1e-15] and renormalized per row), macro and
//   weighted F1, per-class precision/recall/F1/support (0 when undefined) and the k x k
//   confusion matrix (rows: true class, columns: predicted);
// - regression: RMSE, MAE, MSE and R² (1 - SS_res / SS_tot; for a constant truth 1 when the
//   prediction is exact, else 0, as r2_score).
// A prediction is a rows x task.outputs() matrix (see Task::outputs).
#pragma once
#include <Eigen/Dense>
#include <functional>

#include "lab/json.hpp"
#include "tasks/task.hpp"

namespace lab {

using Prediction = Eigen::MatrixXd;
using Predictor = std::function<Prediction(const Eigen::MatrixXd&)>;

OrderedJson evaluate_task(const Task& task, const Eigen::VectorXd& y, const Prediction& prediction);
// Task::main_score() of a prediction (higher is better).
double main_score(const Task& task, const Eigen::VectorXd& y, const Prediction& prediction);
// The training loss of the kind: log loss (classification) or mean squared error.
double task_loss(const Task& task, const Eigen::VectorXd& y, const Prediction& prediction);

double multiclass_log_loss(const Eigen::VectorXd& y, const Eigen::MatrixXd& probability);
double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& value);

}  // namespace lab
