// Permutation importance: the fast form for linear models (scores moved by the shuffled
// columns' terms alone) against the general one (a whole prediction per shuffle) on the
// same shuffles, for each linear family: binary logistic, softmax and least squares.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "eval/importance.hpp"
#include "metrics/metrics.hpp"
#include "models/linear_regression.hpp"
#include "models/logistic.hpp"
#include "models/multinomial.hpp"

namespace lab {
namespace {

struct Rows {
  Eigen::MatrixXd X;
  Eigen::VectorXd signal;
  // Three source features: two numeric columns and a "categorical" one of two design columns.
  std::vector<int> column_feature{0, 1, 2, 2};
  std::vector<std::string> names{"strong", "weak", "pair"};
};

Rows rows(Eigen::Index n) {
  std::mt19937 gen{21};
  const auto uniform = [&] { return gen() / 4294967296.0 * 2 - 1; };
  Rows r;
  r.X.resize(n, 4);
  r.signal.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 4; ++j) r.X(i, j) = uniform();
    r.signal(i) = 3 * r.X(i, 0) + 0.3 * r.X(i, 1) + r.X(i, 2) - r.X(i, 3) + 0.5 * uniform();
  }
  return r;
}

void expect_same_importance(const OrderedJson& general, const OrderedJson& fast, const std::string& family) {
  ASSERT_EQ(general.size(), fast.size()) << family;
  for (auto it = general.begin(); it != general.end(); ++it)
    EXPECT_NEAR(fast[it.key()].get<double>(), it.value().get<double>(), 1e-12) << family << " " << it.key();
  // The strong feature must matter most: the comparison is not between two zeros.
  EXPECT_GT(general["strong"].get<double>(), general["weak"].get<double>()) << family;
  EXPECT_GT(general["strong"].get<double>(), 0.05) << family;
}

TEST(PermutationImportance, LinearFormEqualsWholePredictionsForEveryLinearFamily) {
  const Rows r = rows(600);
  LogisticOptions options;
  options.lambda = 0.001;

  Task binary;
  binary.classes = {"no", "yes"};
  const Eigen::VectorXd y01 = (r.signal.array() > 0).cast<double>();
  const LinearModel logistic = fit_logistic(r.X, y01, options);
  const Predictor proba = [&](const Eigen::MatrixXd& X) -> Prediction { return logistic.predict_proba(X); };
  const LinearScores logistic_scores{
      [&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return logistic.decision(X); }, logistic.coef,
      [](const Eigen::MatrixXd& s) -> Prediction { return s.unaryExpr([](double z) { return sigmoid(z); }); }};
  expect_same_importance(permutation_importance(binary, proba, r.X, y01, r.names, r.column_feature, 5, 3),
                         permutation_importance(binary, logistic_scores, r.X, y01, r.names, r.column_feature, 5, 3),
                         "logistic");
  // The run's form: accuracy straight from the decision values, no probabilities.
  LinearScores accuracy_scores = logistic_scores;
  accuracy_scores.score = [](const Eigen::VectorXd& y, const Eigen::MatrixXd& s) {
    return decision_accuracy(s.col(0), y);
  };
  expect_same_importance(permutation_importance(binary, proba, r.X, y01, r.names, r.column_feature, 5, 3),
                         permutation_importance(binary, accuracy_scores, r.X, y01, r.names, r.column_feature, 5, 3),
                         "logistic, accuracy from scores");

  Task three;
  three.kind = TaskKind::Multiclass;
  three.classes = {"a", "b", "c"};
  const Eigen::VectorXd y3 = r.signal.unaryExpr([](double s) { return s < -1 ? 0.0 : s < 1 ? 1.0 : 2.0; });
  const SoftmaxModel softmax = fit_multinomial(r.X, y3, 3, options);
  const Predictor softmax_proba = [&](const Eigen::MatrixXd& X) -> Prediction { return softmax.predict_proba(X); };
  const LinearScores softmax_scores{[&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return softmax.decision(X); },
                                    softmax.coef.transpose(),
                                    [](const Eigen::MatrixXd& s) -> Prediction { return softmax_rows(s); }};
  expect_same_importance(permutation_importance(three, softmax_proba, r.X, y3, r.names, r.column_feature, 5, 3),
                         permutation_importance(three, softmax_scores, r.X, y3, r.names, r.column_feature, 5, 3),
                         "softmax");

  Task regression;
  regression.kind = TaskKind::Regression;
  LinearRegressionOptions least;
  least.lambda = 0.001;
  const RegressionModel linear = fit_linear_regression(r.X, r.signal, least);
  const Predictor value = [&](const Eigen::MatrixXd& X) -> Prediction { return linear.predict(X); };
  const LinearScores linear_scores{[&](const Eigen::MatrixXd& X) -> Eigen::MatrixXd { return linear.predict(X); },
                                   linear.coef, [](const Eigen::MatrixXd& s) -> Prediction { return s; }};
  expect_same_importance(
      permutation_importance(regression, value, r.X, r.signal, r.names, r.column_feature, 5, 3),
      permutation_importance(regression, linear_scores, r.X, r.signal, r.names, r.column_feature, 5, 3),
      "least squares");
}

// accuracy(y, sigmoid(eta)) without the probabilities, also where sigmoid's rounding decides:
// at and around zero (sigmoid(1e-17) is exactly 0.5: not positive), at NaN and the infinities.
TEST(PermutationImportance, DecisionAccuracyEqualsAccuracyOfProbabilities) {
  std::vector<double> values{0.0,
                             -0.0,
                             1e-300,
                             1e-17,
                             1.1e-16,
                             2e-16,
                             5e-16,
                             1e-15,
                             1e-9,
                             9.99e-7,
                             1e-6,
                             1.01e-6,
                             0.3,
                             40,
                             -1e-17,
                             -1e-6,
                             -3,
                             std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity()};
  for (int i = 1; i < 60; ++i) values.push_back(std::ldexp(1.0, -i));  // every power of two down to 2^-59
  const Eigen::Index n = static_cast<Eigen::Index>(values.size());
  const Eigen::VectorXd eta = Eigen::Map<const Eigen::VectorXd>(values.data(), n);
  for (const double label : {0.0, 1.0}) {
    const Eigen::VectorXd y = Eigen::VectorXd::Constant(n, label);
    for (Eigen::Index i = 0; i < n; ++i) {
      const Eigen::VectorXd one = eta.segment(i, 1), y1 = y.segment(i, 1);
      EXPECT_EQ(decision_accuracy(one, y1), accuracy(y1, one.unaryExpr([](double z) { return sigmoid(z); }))) << eta(i);
    }
    EXPECT_EQ(decision_accuracy(eta, y), accuracy(y, eta.unaryExpr([](double z) { return sigmoid(z); })));
  }
}

}  // namespace
}  // namespace lab
