#include "metrics/task_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "metrics/metrics.hpp"

namespace lab {
namespace {

Eigen::Index predicted_class(const Eigen::MatrixXd& p, Eigen::Index row) {
  Eigen::Index best = 0;
  for (Eigen::Index c = 1; c < p.cols(); ++c)
    if (p(row, c) > p(row, best)) best = c;
  return best;
}

double multiclass_accuracy(const Eigen::VectorXd& y, const Eigen::MatrixXd& p) {
  if (y.size() == 0) return 0;
  long right = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) right += predicted_class(p, i) == static_cast<Eigen::Index>(y(i));
  return static_cast<double>(right) / static_cast<double>(y.size());
}

OrderedJson multiclass_metrics(const Task& task, const Eigen::VectorXd& y, const Eigen::MatrixXd& p) {
  const int k = task.class_count();
  std::vector<std::vector<long>> confusion(static_cast<std::size_t>(k),
                                           std::vector<long>(static_cast<std::size_t>(k), 0));
  for (Eigen::Index i = 0; i < y.size(); ++i)
    ++confusion[static_cast<std::size_t>(y(i))][static_cast<std::size_t>(predicted_class(p, i))];
  OrderedJson per_class = OrderedJson::object();
  double macro = 0, weighted = 0;
  for (int c = 0; c < k; ++c) {
    long tp = confusion[c][c], support = 0, predicted = 0;
    for (int o = 0; o < k; ++o) {
      support += confusion[c][o];
      predicted += confusion[o][c];
    }
    const double precision = predicted ? static_cast<double>(tp) / predicted : 0;
    const double recall = support ? static_cast<double>(tp) / support : 0;
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    macro += f1 / k;
    weighted += y.size() ? f1 * static_cast<double>(support) / static_cast<double>(y.size()) : 0;
    per_class[task.classes[static_cast<std::size_t>(c)]] = {
        {"precision", precision}, {"recall", recall}, {"f1", f1}, {"support", support}};
  }
  OrderedJson j;
  j["accuracy"] = multiclass_accuracy(y, p);
  j["log_loss"] = multiclass_log_loss(y, p);
  j["f1_macro"] = macro;
  j["f1_weighted"] = weighted;
  j["per_class"] = per_class;
  j["classes"] = task.classes;
  j["confusion"] = confusion;
  return j;
}

OrderedJson regression_metrics(const Eigen::VectorXd& y, const Eigen::VectorXd& v) {
  const double n = static_cast<double>(std::max<Eigen::Index>(y.size(), 1));
  const double mse = (v - y).squaredNorm() / n;
  OrderedJson j;
  j["rmse"] = std::sqrt(mse);
  j["mae"] = (v - y).cwiseAbs().sum() / n;
  j["mse"] = mse;
  j["r2"] = r2_score(y, v);
  return j;
}

}  // namespace

double multiclass_log_loss(const Eigen::VectorXd& y, const Eigen::MatrixXd& p) {
  if (y.size() == 0) return 0;
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    double total = 0;
    for (Eigen::Index c = 0; c < p.cols(); ++c) total += std::min(std::max(p(i, c), 1e-15), 1 - 1e-15);
    const double q = std::min(std::max(p(i, static_cast<Eigen::Index>(y(i))), 1e-15), 1 - 1e-15) / total;
    sum -= std::log(q);
  }
  return sum / static_cast<double>(y.size());
}

double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& v) {
  if (y.size() == 0) return 0;
  const double residual = (v - y).squaredNorm();
  const double total = (y.array() - y.mean()).square().sum();
  if (total == 0) return residual == 0 ? 1.0 : 0.0;
  return 1 - residual / total;
}

OrderedJson evaluate_task(const Task& task, const Eigen::VectorXd& y, const Prediction& p) {
  switch (task.kind) {
    case TaskKind::Binary:
      return evaluate(y, p.col(0)).to_json();
    case TaskKind::Multiclass:
      return multiclass_metrics(task, y, p);
    case TaskKind::Regression:
      return regression_metrics(y, p.col(0));
  }
  return {};
}

double main_score(const Task& task, const Eigen::VectorXd& y, const Prediction& p) {
  switch (task.kind) {
    case TaskKind::Binary:
      return accuracy(y, p.col(0));
    case TaskKind::Multiclass:
      return multiclass_accuracy(y, p);
    case TaskKind::Regression:
      return r2_score(y, p.col(0));
  }
  return 0;
}

double task_loss(const Task& task, const Eigen::VectorXd& y, const Prediction& p) {
  switch (task.kind) {
    case TaskKind::Binary:
      return log_loss(y, p.col(0));
    case TaskKind::Multiclass:
      return multiclass_log_loss(y, p);
    case TaskKind::Regression:
      return y.size() ? (p.col(0) - y).squaredNorm() / static_cast<double>(y.size()) : 0;
  }
  return 0;
}

}  // namespace lab
