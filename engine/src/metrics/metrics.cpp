#include "metrics/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lab {

double log_loss(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  if (y.size() == 0) return 0;
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    double q = std::min(std::max(p(i), 1e-15), 1 - 1e-15);
    sum -= y(i) > 0.5 ? std::log(q) : std::log(1 - q);
  }
  return sum / static_cast<double>(y.size());
}

double accuracy(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  if (y.size() == 0) return 0;
  long right = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) right += (p(i) > 0.5) == (y(i) > 0.5);
  return static_cast<double>(right) / static_cast<double>(y.size());
}

namespace {

// Mann-Whitney U with average ranks for ties: equals the area under the ROC curve.
double roc_auc(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  const Eigen::Index n = y.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return p(a) < p(b); });
  double positives = 0, rank_sum = 0;
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j < n && p(order[j]) == p(order[i])) ++j;
    double average_rank = 0.5 * static_cast<double>(i + j + 1);  // ranks are 1-based
    for (Eigen::Index k = i; k < j; ++k)
      if (y(order[k]) > 0.5) {
        rank_sum += average_rank;
        positives += 1;
      }
    i = j;
  }
  double negatives = static_cast<double>(n) - positives;
  if (positives == 0 || negatives == 0) return std::nan("");
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

}  // namespace

Metrics evaluate(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  Metrics m;
  if (y.size() == 0) return m;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    bool predicted = p(i) > 0.5, actual = y(i) > 0.5;
    if (predicted && actual)
      ++m.tp;
    else if (predicted)
      ++m.fp;
    else if (actual)
      ++m.fn;
    else
      ++m.tn;
  }
  m.accuracy = static_cast<double>(m.tp + m.tn) / static_cast<double>(y.size());
  m.log_loss = log_loss(y, p);
  m.auc = roc_auc(y, p);
  m.precision = m.tp + m.fp ? static_cast<double>(m.tp) / static_cast<double>(m.tp + m.fp) : 0;
  m.recall = m.tp + m.fn ? static_cast<double>(m.tp) / static_cast<double>(m.tp + m.fn) : 0;
  m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
  return m;
}

OrderedJson Metrics::to_json() const {
  OrderedJson j;
  j["accuracy"] = accuracy;
  j["log_loss"] = log_loss;
  j["auc"] = std::isfinite(auc) ? OrderedJson(auc) : OrderedJson();
  j["precision"] = precision;
  j["recall"] = recall;
  j["f1"] = f1;
  j["confusion"] = {{tn, fp}, {fn, tp}};
  return j;
}

}  // namespace lab
