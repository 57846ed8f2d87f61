#include "models/boosting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/random.hpp"
#include "models/logistic.hpp"

namespace lab {
namespace {

double mean_log_loss(const Eigen::VectorXd& y, const Eigen::VectorXd& raw) {
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double z = raw(i);
    const double softplus = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    sum += softplus - y(i) * z;
  }
  return y.size() ? sum / static_cast<double>(y.size()) : std::nan("");
}

// In-bag rows of one stage: a uniformly random subset of exactly `count` rows.
std::vector<char> subsample_mask(Eigen::Index n, Eigen::Index count, Rng& rng) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order);
  std::vector<char> mask(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < count; ++i) mask[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
  return mask;
}

}  // namespace


double BoostedTrees::raw_row(const float* row) const {
  double raw = init;
  for (const auto& t : trees) raw += learning_rate * t.predict_row(row);
  return raw;
}

Eigen::VectorXd BoostedTrees::predict_proba(const FloatRows& X) const {
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) out(i) = sigmoid(raw_row(X.row(i).data()));
  return out;
}

BoostedTrees fit_boosting(const FloatRows& X, const Eigen::VectorXd& y, const FloatRows* X_val,
                          const Eigen::VectorXd* y_val, const BoostingOptions& o, BoostingHistory* history,
                          const std::function<void(int, double, double)>& on_stage) {
  const Eigen::Index n = X.rows();
  BoostedTrees model;
  model.learning_rate = o.learning_rate;
  const double base_rate = std::min(std::max(y.mean(), 1e-15), 1 - 1e-15);
  model.init = std::log(base_rate / (1 - base_rate));

  const bool validate = X_val && y_val && y_val->size() > 0;
  Eigen::VectorXd raw = Eigen::VectorXd::Constant(n, model.init);
  Eigen::VectorXd raw_val = validate ? Eigen::VectorXd::Constant(y_val->size(), model.init) : Eigen::VectorXd();
  const SortedColumns sorted(X);
  const Eigen::Index in_bag = std::max<Eigen::Index>(1, static_cast<Eigen::Index>(o.subsample * static_cast<double>(n)));
  Rng rng(o.seed);
  NoChangeStopper stopper(o.n_iter_no_change, o.tol);
  BoostingHistory local;
  BoostingHistory& h = history ? *history : local;
  double best = std::numeric_limits<double>::infinity();

  for (int stage = 0; stage < o.n_estimators; ++stage) {
    const std::vector<char> mask = in_bag < n ? subsample_mask(n, in_bag, rng) : std::vector<char>();
    Eigen::VectorXd p = raw.unaryExpr([](double z) { return sigmoid(z); });
    Eigen::VectorXd residual = y - p;
    Tree tree = grow_tree(X, residual, sorted, mask, o.tree, SplitCriterion::FriedmanMse);

    // One Newton step per leaf over its in-bag rows (scikit-learn's _update_terminal_region).
    std::vector<double> numerator(tree.nodes.size(), 0.0), denominator(tree.nodes.size(), 0.0);
    std::vector<int> leaf(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      leaf[static_cast<std::size_t>(i)] = tree.leaf_of(X.row(i).data());
      if (!mask.empty() && !mask[static_cast<std::size_t>(i)]) continue;
      numerator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += residual(i);
      denominator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += p(i) * (1 - p(i));
    }
    for (std::size_t k = 0; k < tree.nodes.size(); ++k)
      if (tree.nodes[k].is_leaf())
        tree.nodes[k].value = std::abs(denominator[k]) < 1e-150 ? 0.0 : numerator[k] / denominator[k];
    for (Eigen::Index i = 0; i < n; ++i)
      raw(i) += o.learning_rate * tree.nodes[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])].value;

    double val_loss = std::nan("");
    if (validate) {
      for (Eigen::Index i = 0; i < raw_val.size(); ++i) raw_val(i) += o.learning_rate * tree.predict_row(X_val->row(i).data());
      val_loss = mean_log_loss(*y_val, raw_val);
      if (val_loss < best) { best = val_loss; h.best_stage = stage + 1; }
    }
    model.trees.push_back(std::move(tree));
    h.train_loss.push_back(mean_log_loss(y, raw));
    h.val_loss.push_back(val_loss);
    if (on_stage) on_stage(stage + 1, h.train_loss.back(), val_loss);
    if (validate && o.n_iter_no_change > 0 && stopper.should_stop(stage, val_loss)) {
      h.stopped_early = stage + 1 < o.n_estimators;
      break;
    }
  }
  return model;
}

}  // namespace lab
