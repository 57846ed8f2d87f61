#include "models/boosting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "core/random.hpp"
#include "kernels/exp.hpp"
#include "models/hist_tree.hpp"
#include "models/logistic.hpp"
#include "models/packed_trees.hpp"

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

// Each stage's probabilities from the raw scores: P(class 1) (log loss) or the softmax over the
// classes, with the kernels' exp (kernels/exp.hpp), whose bits are the same in every build.
// The trees grow from these: libm's exp differs by an ulp between the native and the wasm
// build, and a histogram split that nearly ties with another then went another way.
Eigen::MatrixXd stage_probabilities(BoostingLoss loss, const Eigen::MatrixXd& raw) {
  if (loss == BoostingLoss::SquaredError) return raw;
  const Eigen::Index n = raw.rows(), k = raw.cols();
  Eigen::MatrixXd p(n, k);
  if (loss == BoostingLoss::LogLoss) {
    Eigen::VectorXd e(n);
    kernels::exp_minus_abs(raw.data(), e.data(), n);
    for (Eigen::Index i = 0; i < n; ++i) p(i, 0) = raw(i, 0) >= 0 ? 1 / (1 + e(i)) : e(i) / (1 + e(i));
    return p;
  }
  Eigen::VectorXd shifted(k), e(k);
  for (Eigen::Index i = 0; i < n; ++i) {
    shifted = raw.row(i).transpose().array() - raw.row(i).maxCoeff();  // <= 0: exp(-|x|)
    kernels::exp_minus_abs(shifted.data(), e.data(), k);
    p.row(i) = (e / e.sum()).transpose();
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

// One Newton step per leaf over its in-bag rows (scikit-learn's _update_terminal_region for
// the exact trees): scale * sum(residual) / sum(p (1 - p)).
void set_newton_leaves(Tree& tree, const std::vector<int>& leaf, const Eigen::VectorXd& residual,
                       const Eigen::VectorXd& p, const std::vector<char>& in_bag, double scale) {
  std::vector<double> numerator(tree.nodes.size(), 0.0), denominator(tree.nodes.size(), 0.0);
  for (Eigen::Index i = 0; i < residual.size(); ++i) {
    if (!in_bag.empty() && !in_bag[static_cast<std::size_t>(i)]) continue;
    numerator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += residual(i);
    denominator[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])] += p(i) * (1 - p(i));
  }
  for (std::size_t k = 0; k < tree.nodes.size(); ++k)
    if (tree.nodes[k].is_leaf())
      tree.nodes[k].value = std::abs(denominator[k]) < 1e-150 ? 0.0 : scale * numerator[k] / denominator[k];
}

// What each fit grows its trees from: the sorted columns (exact) or the binned ones (histogram).
class StageTreeGrower {
 public:
  StageTreeGrower(const FloatRows& X, const BoostingOptions& o) : options_(o) {
    if (o.exact_splits) {
      sorted_.emplace(X);
    } else {
      binned_.emplace(bin_columns(X, o.max_bins));
      hist_.emplace(*binned_, o.tree, o.l2_regularization);
    }
  }

  // A tree on the negative gradient `residual` with hessians p (1 - p) (1 for squared error)
  // of the in-bag rows; `leaf` gets every row's leaf. Leaf values are unshrunk steps.
  Tree grow(const FloatRows& X, const Eigen::VectorXd& residual, const Eigen::VectorXd& p, BoostingLoss loss,
            int outputs, const std::vector<char>& in_bag, std::vector<int>& leaf) {
    const Eigen::Index n = X.rows();
    Tree tree;
    if (sorted_) {
      tree = grow_tree(X, residual, *sorted_, in_bag, options_.tree, SplitCriterion::FriedmanMse);
    } else {
      gradient_.resize(static_cast<std::size_t>(n));
      hessian_.resize(static_cast<std::size_t>(n));
      rows_.clear();
      for (Eigen::Index i = 0; i < n; ++i) {
        gradient_[static_cast<std::size_t>(i)] = -residual(i);
        hessian_[static_cast<std::size_t>(i)] = loss == BoostingLoss::SquaredError ? 1.0 : p(i) * (1 - p(i));
        if (in_bag.empty() || in_bag[static_cast<std::size_t>(i)]) rows_.push_back(static_cast<int>(i));
      }
      tree = hist_->grow(gradient_, hessian_, rows_);
      hist_->set_leaves_of_rows(leaf);
    }
    for (Eigen::Index i = 0; i < n; ++i)
      if (sorted_ || (!in_bag.empty() && !in_bag[static_cast<std::size_t>(i)]))
        leaf[static_cast<std::size_t>(i)] = tree.leaf_of(X.row(i).data());
    // The exact trees' leaves are means of the residual: squared error keeps them, the other
    // losses take a Newton step.
    if (sorted_ && loss != BoostingLoss::SquaredError)
      set_newton_leaves(tree, leaf, residual, p, in_bag,
                        loss == BoostingLoss::MultinomialDeviance ? static_cast<double>(outputs - 1) / outputs : 1.0);
    return tree;
  }

 private:
  BoostingOptions options_;
  std::optional<SortedColumns> sorted_;
  std::optional<BinnedColumns> binned_;
  std::optional<HistTreeGrower> hist_;
  std::vector<double> gradient_, hessian_;
  std::vector<int> rows_;
};

}  // namespace

Eigen::MatrixXd BoostedTrees::raw_scores(const FloatRows& X) const {
  ScoreRows raw(X.rows(), outputs());
  if (loss == BoostingLoss::MultinomialDeviance) {
    for (Eigen::Index c = 0; c < raw.cols(); ++c) raw.col(c).setConstant(class_init[static_cast<std::size_t>(c)]);
  } else {
    raw.setConstant(init);
  }
  PackedTrees(trees).add_scores(X, learning_rate, raw);
  return raw;
}

Eigen::VectorXd BoostedTrees::predict_proba(const FloatRows& X) const {
  return raw_scores(X).col(0).unaryExpr([](double z) { return sigmoid(z); });
}

Eigen::MatrixXd BoostedTrees::predict(const FloatRows& X) const {
  if (loss == BoostingLoss::LogLoss) return predict_proba(X);
  if (loss == BoostingLoss::SquaredError) return raw_scores(X);
  return softmax_rows(raw_scores(X));
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
      const double prior =
          static_cast<double>((y.array() == c).count()) / static_cast<double>(std::max<Eigen::Index>(1, n));
      model.class_init.push_back(std::log(std::min(std::max(prior, eps), 1 - eps)));
      start(c) = model.class_init.back();
    }
  }
  const Eigen::Index outputs = start.size();

  const bool validate = X_val && y_val && y_val->size() > 0;
  Eigen::MatrixXd raw = start.replicate(n, 1);
  Eigen::MatrixXd raw_val = validate ? Eigen::MatrixXd(start.replicate(y_val->size(), 1)) : Eigen::MatrixXd();
  StageTreeGrower grower(X, o);
  const Eigen::Index in_bag =
      std::max<Eigen::Index>(1, static_cast<Eigen::Index>(o.subsample * static_cast<double>(n)));
  Rng rng(o.seed);
  NoChangeStopper stopper(o.n_iter_no_change, o.tol);
  BoostingHistory local;
  BoostingHistory& h = history ? *history : local;
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> leaf(static_cast<std::size_t>(n));

  for (int stage = 0; stage < o.n_estimators; ++stage) {
    const std::vector<char> mask = in_bag < n ? subsample_mask(n, in_bag, rng) : std::vector<char>();
    // Every class's tree of this stage starts from the scores at the stage's start.
    const Eigen::MatrixXd p = stage_probabilities(loss, raw);
    for (Eigen::Index c = 0; c < outputs; ++c) {
      const Eigen::VectorXd target = loss == BoostingLoss::MultinomialDeviance
                                         ? Eigen::VectorXd((y.array() == static_cast<double>(c)).cast<double>())
                                         : y;
      const Eigen::VectorXd residual = target - p.col(c);
      Tree tree = grower.grow(X, residual, p.col(c), loss, static_cast<int>(outputs), mask, leaf);
      for (Eigen::Index i = 0; i < n; ++i)
        raw(i, c) += o.learning_rate * tree.nodes[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])].value;
      if (validate)
        for (Eigen::Index i = 0; i < raw_val.rows(); ++i)
          raw_val(i, c) += o.learning_rate * tree.predict_row(X_val->row(i).data());
      model.trees.push_back(std::move(tree));
    }

    double val_loss = std::nan("");
    if (validate) {
      val_loss = mean_loss(loss, *y_val, raw_val);
      if (val_loss < best) {
        best = val_loss;
        h.best_stage = stage + 1;
      }
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
