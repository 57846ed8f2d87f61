#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "data/dataset_builder.hpp"
#include "kernels/exp.hpp"
#include "lab/experiment.hpp"
#include "models/logistic.hpp"
#include "models/logistic_rows.hpp"
#include "models/regularization_path.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

lab::PreparedData titanic_all_rows() {
  Json spec = lab::test::titanic_spec();
  spec["split"]["test"] = 0;
  spec["split"]["validation"] = 0;
  lab::RunContext context;
  context.base_dir = LAB_SOURCE_DIR;
  return lab::prepare_data(lab::normalize_spec(spec), context);
}

TEST(LogisticParity, DesignMatrixMatchesScikitLearnPreprocessing) {
  Json fixture = Json::parse(lab::test::read_source("tests/fixtures/parity/logistic_titanic.json"));
  auto data = titanic_all_rows();
  ASSERT_EQ(data.X_train.rows(), fixture["rows"].get<int>());
  ASSERT_EQ(data.preprocessor.columns, fixture["columns"].get<std::vector<std::string>>());
  for (std::size_t j = 0; j < data.preprocessor.columns.size(); ++j) {
    EXPECT_NEAR(data.preprocessor.mean(j), fixture["mean"][j].get<double>(), 1e-12) << data.preprocessor.columns[j];
    EXPECT_NEAR(data.preprocessor.scale(j), fixture["scale"][j].get<double>(), 1e-12) << data.preprocessor.columns[j];
  }
}

TEST(LogisticParity, CoefficientsMatchScikitLearnForL2L1AndElasticNet) {
  Json fixture = Json::parse(lab::test::read_source("tests/fixtures/parity/logistic_titanic.json"));
  auto data = titanic_all_rows();
  for (const auto& fit : fixture["fits"]) {
    lab::LogisticOptions options;
    options.lambda = fit["lambda"].get<double>();
    options.l1_ratio = fit["l1_ratio"].get<double>();
    auto model = lab::fit_logistic(data.X_train, data.y_train, options);
    std::string label = fit["penalty"].get<std::string>() + " lambda=" + fit["lambda"].dump();
    EXPECT_NEAR(model.intercept, fit["intercept"].get<double>(), 1e-4) << label;
    for (std::size_t j = 0; j < data.preprocessor.columns.size(); ++j) {
      const auto& name = data.preprocessor.columns[j];
      EXPECT_NEAR(model.coef(static_cast<Eigen::Index>(j)), fit["coefficients"][name].get<double>(), 1e-4)
          << label << " " << name;
    }
  }
}

TEST(Logistic, L1GivesExactZerosAndLambdaMaxZeroesEverything) {
  auto data = titanic_all_rows();
  lab::LogisticOptions options;
  options.l1_ratio = 1;
  options.lambda = lab::lambda_max(data.X_train, data.y_train, 1.0);
  EXPECT_EQ(lab::fit_logistic(data.X_train, data.y_train, options).nonzero(), 0);
  options.lambda *= 0.98;
  EXPECT_GE(lab::fit_logistic(data.X_train, data.y_train, options).nonzero(), 1);
  options.lambda = 0.03;
  auto m = lab::fit_logistic(data.X_train, data.y_train, options);
  EXPECT_GT(m.nonzero(), 0);
  EXPECT_LT(m.nonzero(), m.coef.size());
}

TEST(Logistic, L2OptimumHasZeroGradient) {
  auto data = titanic_all_rows();
  lab::LogisticOptions options;
  options.lambda = 0.005;
  auto m = lab::fit_logistic(data.X_train, data.y_train, options);
  const double n = static_cast<double>(data.y_train.size());
  Eigen::VectorXd residual = m.predict_proba(data.X_train) - data.y_train;
  Eigen::VectorXd gradient = data.X_train.transpose() * residual / n + options.lambda * m.coef;
  EXPECT_LT(gradient.cwiseAbs().maxCoeff(), 1e-7);
  EXPECT_LT(std::abs(residual.mean()), 1e-7);  // the unpenalized intercept's gradient
}

TEST(Logistic, PenalizedObjectiveIsLossPlusPenalty) {
  auto data = titanic_all_rows();
  lab::LinearModel m;
  m.coef = Eigen::VectorXd::LinSpaced(data.X_train.cols(), -0.5, 0.5);
  m.intercept = 0.1;
  double plain = lab::logistic_objective(data.X_train, data.y_train, m, 0, 0);
  double l1 = lab::logistic_objective(data.X_train, data.y_train, m, 0.2, 1);
  double l2 = lab::logistic_objective(data.X_train, data.y_train, m, 0.2, 0);
  EXPECT_NEAR(l1 - plain, 0.2 * m.coef.lpNorm<1>(), 1e-12);
  EXPECT_NEAR(l2 - plain, 0.1 * m.coef.squaredNorm(), 1e-12);
}

TEST(RegularizationPath, WarmStartedPathMatchesColdFits) {
  auto data = titanic_all_rows();
  lab::LogisticOptions options;
  options.l1_ratio = 0.5;
  auto lambdas = lab::lambda_sequence(lab::lambda_max(data.X_train, data.y_train, 0.5), 20, 1e-3);
  auto path = lab::fit_path(data.X_train, data.y_train, lambdas, options);
  ASSERT_EQ(path.size(), 20u);
  EXPECT_EQ(path.front().nonzero(), 0);
  for (std::size_t k : {5u, 12u, 19u}) {
    options.lambda = lambdas[k];
    auto cold = lab::fit_logistic(data.X_train, data.y_train, options);
    EXPECT_LT((cold.coef - path[k].coef).cwiseAbs().maxCoeff(), 1e-6) << k;
  }
}

// The largest violation of the optimality (KKT) conditions of the elastic-net objective at a
// fit, from a gradient computed here with Eigen and std::exp (not the solver's kernels).
double kkt_residual(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const lab::LinearModel& m, double lambda,
                    double l1_ratio) {
  const double n = static_cast<double>(X.rows()), l1 = lambda * l1_ratio, l2 = lambda * (1 - l1_ratio);
  Eigen::VectorXd eta = (X * m.coef).array() + m.intercept;
  Eigen::VectorXd r = y - eta.unaryExpr([](double z) { return 1 / (1 + std::exp(-z)); });
  Eigen::VectorXd g = X.transpose() * r / n;  // minus the mean loss's gradient
  double worst = std::abs(r.mean());
  for (Eigen::Index j = 0; j < g.size(); ++j) {
    const double b = m.coef(j);
    worst =
        std::max(worst, b == 0 ? std::max(std::abs(g(j)) - l1, 0.0) : std::abs(g(j) - l2 * b - l1 * (b > 0 ? 1 : -1)));
  }
  return worst;
}

// Many small true coefficients beside a few large ones, as in the benchmark's scale case: the
// fits near each optimum take steps whose effect on the objective is below its rounding. Each
// fit of the path must still be at the optimum (not stopped where comparing objectives became
// noise). LAB_KKT_ROWS sets the rows (default 20,000) to study larger data.
TEST(RegularizationPath, EveryFitOfALargePathMeetsTheOptimalityConditions) {
  const char* rows_env = std::getenv("LAB_KKT_ROWS");
  const Eigen::Index n = rows_env ? std::atol(rows_env) : 20000, d = 30;
  std::mt19937 gen{5};
  const auto uniform = [&] { return gen() / 4294967296.0; };
  Eigen::MatrixXd X(n, d);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    double z = -0.3;
    for (Eigen::Index j = 0; j < d; ++j) {
      X(i, j) = (uniform() - 0.5) * 3.4;
      z += (j < 5 ? 1.5 / (j + 1) : (j % 2 ? 0.1 : -0.1)) * X(i, j);
    }
    y(i) = uniform() < 1 / (1 + std::exp(-z)) ? 1 : 0;
  }
  lab::LogisticOptions options;
  options.l1_ratio = 0.5;
  const auto lambdas = lab::lambda_sequence(lab::lambda_max(X, y, 0.5), 100, 1e-4);
  const auto path = lab::fit_path(X, y, lambdas, options);
  ASSERT_EQ(path.size(), lambdas.size());
  double worst = 0;
  for (std::size_t k = 0; k < path.size(); ++k) {
    const double residual = kkt_residual(X, y, path[k], lambdas[k], 0.5);
    worst = std::max(worst, residual);
    EXPECT_LT(residual, 1e-10) << "fit " << k << " (lambda " << lambdas[k] << ")";
  }
  RecordProperty("worst_kkt_residual", std::to_string(worst));
  if (rows_env) std::printf("worst KKT residual %.3g\n", worst);
}

// The solver's fused pass reads X once per candidate step in row blocks; its sums must be the
// sums of one pass over all rows, bit for bit, at any number of rows (blocks and tails).
TEST(LogisticRows, SumsInBlocksEqualOnePassBitForBit) {
  std::mt19937 gen{9};
  const auto uniform = [&] { return gen() / 4294967296.0; };
  for (const Eigen::Index n :
       {Eigen::Index{1}, Eigen::Index{7}, Eigen::Index{512}, Eigen::Index{1537}, Eigen::Index{5003}}) {
    const Eigen::Index d = 6;
    Eigen::MatrixXd X(n, d);
    Eigen::VectorXd y(n), coef(d), eta(n), e(n);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform() * 4 - 2;
    for (Eigen::Index i = 0; i < n; ++i) y(i) = uniform() < 0.4 ? 1 : 0;
    coef << 0.5, 0, -1.25, 3, 0, 40;  // large enough that some rows' probabilities are clipped
    lab::logistic_rows::decision_rows(X, coef, 0.1, eta.data(), 0, n);
    const lab::logistic_rows::Pass whole = lab::logistic_rows::loss_pass(eta, y, e);
    Eigen::VectorXd w(n), r(n), xr(d);
    lab::logistic_rows::GradientSums sums(X, y, w, r);
    sums.start();
    sums.add(eta.data(), e.data(), 0, n);
    double r_sum = 0;
    sums.finish(xr, r_sum);

    Eigen::VectorXd eta_b(n), e_b(n), w_b(n), r_b(n), xr_b(d);
    lab::logistic_rows::LossSums loss;
    lab::logistic_rows::GradientSums blocks(X, y, w_b, r_b);
    blocks.start();
    for (Eigen::Index lo = 0; lo < n; lo += lab::logistic_rows::kBlockRows) {
      const Eigen::Index hi = std::min(n, lo + lab::logistic_rows::kBlockRows);
      lab::logistic_rows::decision_rows(X, coef, 0.1, eta_b.data(), lo, hi);
      lab::kernels::exp_minus_abs(eta_b.data() + lo, e_b.data() + lo, hi - lo);
      loss.add(eta_b.data() + lo, e_b.data() + lo, y.data() + lo, hi - lo);
      blocks.add(eta_b.data(), e_b.data(), lo, hi);
    }
    double r_sum_b = 0;
    blocks.finish(xr_b, r_sum_b);
    const lab::logistic_rows::Pass parts = loss.finish();
    EXPECT_EQ(parts.loss, whole.loss) << n;
    EXPECT_EQ(parts.clipped_loss, whole.clipped_loss) << n;
    EXPECT_EQ(parts.right, whole.right) << n;
    EXPECT_EQ(r_sum_b, r_sum) << n;
    for (Eigen::Index j = 0; j < d; ++j) {
      EXPECT_EQ(xr_b(j), xr(j)) << n << " column " << j;
      // and what they sum is the plain definition
      EXPECT_NEAR(xr(j), X.col(j).dot(r), 1e-9 * n);
    }
    EXPECT_TRUE(w_b == w) << n;  // the weights a curvature rebuild sums
    EXPECT_NEAR(whole.loss, (eta.array().exp().log1p() - y.array() * eta.array()).sum(), 1e-9 * n) << n;
  }
}

}  // namespace
