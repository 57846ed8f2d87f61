// Binary classification metrics with scikit-learn's definitions: accuracy at threshold 0.5,
// log loss (probabilities clipped to [1e-15, 1 - 1e-15]), ROC AUC (ties averaged), precision,
// recall, F1 (0 when undefined), confusion [[tn, fp], [fn, tp]].
#pragma once
#include <Eigen/Dense>

#include "lab/json.hpp"

namespace lab {

struct Metrics {
  double accuracy = 0, log_loss = 0, auc = 0, precision = 0, recall = 0, f1 = 0;
  long tn = 0, fp = 0, fn = 0, tp = 0;
  OrderedJson to_json() const;
};

Metrics evaluate(const Eigen::VectorXd& y, const Eigen::VectorXd& probability);
double log_loss(const Eigen::VectorXd& y, const Eigen::VectorXd& probability);
double accuracy(const Eigen::VectorXd& y, const Eigen::VectorXd& probability);

}  // namespace lab
