#include <gtest/gtest.h>

#include <cmath>

#include "data/dataset_builder.hpp"
#include "lab/experiment.hpp"
#include "models/logistic.hpp"
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

}  // namespace
