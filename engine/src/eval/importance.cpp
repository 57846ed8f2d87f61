#include "eval/importance.hpp"

#include <numeric>

#include "core/random.hpp"

namespace lab {

OrderedJson permutation_importance(const Task& task, const Predictor& predict, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                   const std::vector<std::string>& feature_names,
                                   const std::vector<int>& column_feature, int repeats, std::uint64_t seed) {
  OrderedJson out = OrderedJson::object();
  if (X.rows() < 2) return out;
  const double base = main_score(task, y, predict(X));
  Rng rng(seed);
  std::vector<int> order(static_cast<std::size_t>(X.rows()));
  // One working copy: each repeat overwrites the feature's columns and puts them back after,
  // instead of copying the whole matrix per feature and repeat (at 100k x 30 that copying was
  // most of the importance's time).
  Eigen::MatrixXd shuffled = X;
  for (std::size_t f = 0; f < feature_names.size(); ++f) {
    double drop = 0;
    for (int rep = 0; rep < repeats; ++rep) {
      std::iota(order.begin(), order.end(), 0);
      rng.shuffle(order);
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        if (column_feature[static_cast<std::size_t>(j)] != static_cast<int>(f)) continue;
        for (Eigen::Index i = 0; i < X.rows(); ++i) shuffled(i, j) = X(order[static_cast<std::size_t>(i)], j);
      }
      drop += base - main_score(task, y, predict(shuffled));
    }
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      if (column_feature[static_cast<std::size_t>(j)] == static_cast<int>(f)) shuffled.col(j) = X.col(j);
    out[feature_names[f]] = drop / repeats;
  }
  return out;
}

}  // namespace lab
