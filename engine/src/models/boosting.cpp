#include "models/boosting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/random.hpp"
#include "models/logistic.hpp"

namespace lab {
namespace {

// Mean loss of raw scores (rows x outputs) against y, as scikit-learn's loss objects compute it.
double mean_loss(BoostingLoss loss, const Eigen::VectorXd& y, const Eigen::MatrixXd& raw) {
  if (y.size() == 0) return std::nan("");
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (loss == BoostingLoss::LogLoss) {
      const double z = raw(i, 0);
      sum += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - y(i) * z;
    } else if (loss == BoostingLoss::SquaredError) {
      sum += (y(i) - raw(i, 0)) * (y(i) - raw(i, 0));
    } else {
      const double top = raw.row(i).maxCoeff();
      sum += top + std::log((raw.row(i).array() - top).exp().sum()) - raw(i, static_cast<Eigen::Index>(y(i)));
    }
  }
  return sum / static_cast<double>(y.size());
}

// Softmax of each row, shifted by its maximum.
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& raw) {
  Eigen::MatrixXd p(raw.rows(), raw.cols());
  for (Eigen::Index i = 0; i < raw.rows(); ++i) {
    p.row(i) = (raw.row(i).array() - raw.row(i).maxCoeff()).exp();
    p.row(i) /= p.row(i).sum();
  }
  return p;
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

Eigen::MatrixXd BoostedTrees::predict(const FloatRows& X) const {
  if (loss == BoostingLoss::LogLoss) return predict_proba(X);
  if (loss == BoostingLoss::SquaredError) {
    Eigen::VectorXd out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) out(i) = raw_row(X.row(i).data());
    return out;
  }
  const int k = outputs();
  Eigen::MatrixXd raw(X.rows(), k);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (int c = 0; c < k; ++c) raw(i, c) = class_init[static_cast<std::size_t>(c)];
    for (std::size_t t = 0; t < trees.size(); ++t)
      raw(i, static_cast<Eigen::Index>(t % static_cast<std::size_t>(k))) += learning_rate * trees[t].predict_row(X.row(i).data());
  }
  return softmax_rows(raw);
}

BoostedTrees fit_boosting(const FloatRows& X, const Eigen::VectorXd& y, const FloatRows* X_val,
                          const Eigen::VectorXd* y_val, const BoostingOptions& o, BoostingHistory* history,
                          const std::function<void(int, double, double)>& on_stage, BoostingLoss loss, int classes) {
  const Eigen::Index n = X.rows();
  BoostedTrees model;
  model.loss = loss;
  model.learning_rate = o.learning_rate;
  Eigen::RowVectorXd start(1);
  if (loss == BoostingLoss::LogLoss) {
    const double base_rate = std::min(std::max(y.mean(), 1e-15), 1 - 1e-15);
    model.init = std::log(base_rate / (1 - base_rate));
    start(0) = model.init;
  } else if (loss == BoostingLoss::SquaredError) {
    model.init = y.size() ? y.mean() : 0.0;
    start(0) = model.init;
  } else {
    // Log class priors, clipped at float32 epsilon as scikit-learn's init estimator does.
    const double eps = std::numeric_limits<float>::epsilon();
    start.resize(classes);
    for (int c = 0; c < classes; ++c) {
      const double prior = static_cast<double>((y.array() == c).count()) / static_cast<double>(std::max<Eigen::Index>(1, n));
      model.class_init.push_back(std::log(std::min(std::max(prior, eps), 1 - eps)));
      start(c) = model.class_init.back();
    }
  }
  const Eigen::Index outputs = start.size();

  const bool validate = X_val && y_val && y_val->size() > 0;
  Eigen::MatrixXd raw = start.replicate(n, 1);
  Eigen::MatrixXd raw_val = validate ? Eigen::MatrixXd(start.replicate(y_val->size(), 1)) : Eigen::MatrixXd();
  const SortedColumns sorted(X);
  const Eigen::Index in_bag = std::max<Eigen::Index>(1, static_cast<Eigen::Index>(o.subsample * static_cast<double>(n)));
  Rng rng(o.seed);
  NoChangeStopper stopper(o.n_iter_no_change, o.tol);
  BoostingHistory local;
  BoostingHistory& h = history ? *history : local;
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> leaf(static_cast<std::size_t>(n));

  for (int stage = 0; stage < o.n_estimators; ++stage) {
    const std::vector<char> mask = in_bag < n ? subsample_mask(n, in_bag, rng) : std::vector<char>();
    // Every class's tree of this stage starts from the scores at the stage's start.
    const Eigen::MatrixXd p = loss == BoostingLoss::LogLoss ? Eigen::MatrixXd(raw.unaryExpr([](double z) { return sigmoid(z); }))
                              : loss == BoostingLoss::MultinomialDeviance ? softmax_rows(raw)
                                                                          : raw;
    for (Eigen::Index c = 0; c < outputs; ++c) {
      const Eigen::VectorXd target = loss == BoostingLoss::MultinomialDeviance
                                         ? Eigen::VectorXd((y.array() == static_cast<double>(c)).cast<double>())
                                         : y;
      const Eigen::VectorXd residual = target - p.col(c);
      Tree tree = grow_tree(X, residual, sorted, mask, o.tree, SplitCriterion::FriedmanMse);
      for (Eigen::Index i = 0; i < n; ++i) leaf[static_cast<std::size_t>(i)] = tree.leaf_of(X.row(i).data());
      if (loss != BoostingLoss::SquaredError) {
        // One Newton step per leaf over its in-bag rows (scikit-learn's _update_terminal_region);
        // squared error keeps the tree's own leaf means.
        std::vector<double> numerator(tree.nodes.size(), 0.0), denominator(tree.nodes.size(), 0.0);
        for (Eigen::Index i = 0; i < n; ++i) {
          if (!mask.empty() && !mask[static_cast<std::size_t>(i)]) continue;
          numerator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += residual(i);
          denominator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += p(i, c) * (1 - p(i, c));
        }
        const double scale = loss == BoostingLoss::MultinomialDeviance ? static_cast<double>(outputs - 1) / static_cast<double>(outputs) : 1.0;
        for (std::size_t k = 0; k < tree.nodes.size(); ++k)
          if (tree.nodes[k].is_leaf())
            tree.nodes[k].value = std::abs(denominator[k]) < 1e-150 ? 0.0 : scale * numerator[k] / denominator[k];
      }
      for (Eigen::Index i = 0; i < n; ++i)
        raw(i, c) += o.learning_rate * tree.nodes[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])].value;
      if (validate)
        for (Eigen::Index i = 0; i < raw_val.rows(); ++i) raw_val(i, c) += o.learning_rate * tree.predict_row(X_val->row(i).data());
      model.trees.push_back(std::move(tree));
    }

    double val_loss = std::nan("");
    if (validate) {
      val_loss = mean_loss(loss, *y_val, raw_val);
      if (val_loss < best) { best = val_loss; h.best_stage = stage + 1; }
    }
    h.train_loss.push_back(mean_loss(loss, y, raw));
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
