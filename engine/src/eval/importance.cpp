#include "eval/importance.hpp"

#include <numeric>

#include "core/random.hpp"

namespace lab {
namespace {

// The loop both forms share: for each source feature and repeat one shuffle of the rows (the
// same draws in both), the drop from `base` of `shuffled_score(feature, order)`, averaged.
template <typename ShuffledScore>
OrderedJson importance_loop(double base, Eigen::Index rows, const std::vector<std::string>& feature_names, int repeats,
                            std::uint64_t seed, ShuffledScore&& shuffled_score) {
  OrderedJson out = OrderedJson::object();
  Rng rng(seed);
  std::vector<int> order(static_cast<std::size_t>(rows));
  for (std::size_t f = 0; f < feature_names.size(); ++f) {
    double drop = 0;
    for (int rep = 0; rep < repeats; ++rep) {
      std::iota(order.begin(), order.end(), 0);
      rng.shuffle(order);
      drop += base - shuffled_score(static_cast<int>(f), order);
    }
    out[feature_names[f]] = drop / repeats;
  }
  return out;
}

}  // namespace

OrderedJson permutation_importance(const Task& task, const Predictor& predict, const Eigen::MatrixXd& X,
                                   const Eigen::VectorXd& y, const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed) {
  if (X.rows() < 2) return OrderedJson::object();
  const double base = main_score(task, y, predict(X));
  // One working copy: each shuffle overwrites the feature's columns, and the next feature's
  // first shuffle puts the last one's back, instead of copying the whole matrix per feature
  // and repeat (at 100k x 30 that copying was most of the importance's time).
  Eigen::MatrixXd shuffled = X;
  int restored = -1;
  return importance_loop(base, X.rows(), feature_names, repeats, seed, [&](int f, const std::vector<int>& order) {
    if (restored != f) {
      for (Eigen::Index j = 0; j < X.cols() && restored >= 0; ++j)
        if (column_feature[static_cast<std::size_t>(j)] == restored) shuffled.col(j) = X.col(j);
      restored = f;
    }
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (column_feature[static_cast<std::size_t>(j)] != f) continue;
      for (Eigen::Index i = 0; i < X.rows(); ++i) shuffled(i, j) = X(order[static_cast<std::size_t>(i)], j);
    }
    return main_score(task, y, predict(shuffled));
  });
}

OrderedJson permutation_importance(const Task& task, const LinearScores& model, const Eigen::MatrixXd& X,
                                   const Eigen::VectorXd& y, const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed) {
  if (X.rows() < 2) return OrderedJson::object();
  const Eigen::MatrixXd scores = model.scores(X);
  const auto score = [&](const Eigen::MatrixXd& s) {
    return model.score ? model.score(y, s) : main_score(task, y, model.link(s));
  };
  const double base = score(scores);
  Eigen::MatrixXd shuffled;
  return importance_loop(base, X.rows(), feature_names, repeats, seed, [&](int f, const std::vector<int>& order) {
    shuffled = scores;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (column_feature[static_cast<std::size_t>(j)] != f) continue;
      const double* x = X.col(j).data();
      for (Eigen::Index k = 0; k < shuffled.cols(); ++k) {
        const double w = model.weights(j, k);
        if (w == 0) continue;
        double* out = shuffled.col(k).data();
        for (Eigen::Index i = 0; i < X.rows(); ++i) out[i] += w * (x[order[static_cast<std::size_t>(i)]] - x[i]);
      }
    }
    return score(shuffled);
  });
}

}  // namespace lab
