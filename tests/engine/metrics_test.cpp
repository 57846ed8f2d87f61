// The binary metrics against scikit-learn's values on fixed labels and probabilities
// (tests/fixtures/parity/metrics_binary.json, written by tools/make_metrics_fixtures.py).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "metrics/metrics.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

Eigen::VectorXd vector_of(const Json& values) {
  const auto v = values.get<std::vector<double>>();
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

Json fixture_cases() {
  Json fixture = Json::parse(lab::test::read_source("tests/fixtures/parity/metrics_binary.json"));
  return fixture["cases"];
}

TEST(MetricsParity, FixtureHasTheCasesItNames) {
  // Guards against an empty or truncated fixture silently passing the loops below.
  Json cases = fixture_cases();
  ASSERT_EQ(cases.size(), 5u);
  for (const auto& c : cases) EXPECT_EQ(c["y"].size(), c["probability"].size()) << c["name"];
}

TEST(MetricsParity, EvaluateMatchesScikitLearn) {
  for (const auto& c : fixture_cases()) {
    const std::string name = c["name"];
    const lab::Metrics m = lab::evaluate(vector_of(c["y"]), vector_of(c["probability"]));
    EXPECT_NEAR(m.accuracy, c["accuracy"].get<double>(), 1e-12) << name;
    EXPECT_NEAR(m.log_loss, c["log_loss"].get<double>(), 1e-9) << name;
    EXPECT_NEAR(m.precision, c["precision"].get<double>(), 1e-12) << name;
    EXPECT_NEAR(m.recall, c["recall"].get<double>(), 1e-12) << name;
    EXPECT_NEAR(m.f1, c["f1"].get<double>(), 1e-12) << name;
    if (c["auc"].is_null())
      EXPECT_TRUE(std::isnan(m.auc)) << name << ": AUC of a single class is undefined, got " << m.auc;
    else
      EXPECT_NEAR(m.auc, c["auc"].get<double>(), 1e-12) << name;
    EXPECT_EQ((std::vector<long>{m.tn, m.fp}), c["confusion"][0].get<std::vector<long>>()) << name;
    EXPECT_EQ((std::vector<long>{m.fn, m.tp}), c["confusion"][1].get<std::vector<long>>()) << name;
  }
}

TEST(MetricsParity, FreeFunctionsAgreeWithScikitLearn) {
  // log_loss and accuracy are also called alone (each epoch's validation logs).
  for (const auto& c : fixture_cases()) {
    const Eigen::VectorXd y = vector_of(c["y"]), p = vector_of(c["probability"]);
    EXPECT_NEAR(lab::log_loss(y, p), c["log_loss"].get<double>(), 1e-9) << c["name"];
    EXPECT_NEAR(lab::accuracy(y, p), c["accuracy"].get<double>(), 1e-12) << c["name"];
  }
}

TEST(MetricsParity, JsonKeepsScikitLearnsConfusionLayoutAndNullForAnUndefinedAuc) {
  for (const auto& c : fixture_cases()) {
    const lab::OrderedJson j = lab::evaluate(vector_of(c["y"]), vector_of(c["probability"])).to_json();
    EXPECT_EQ(j["confusion"].dump(), c["confusion"].dump()) << c["name"];
    EXPECT_EQ(j["auc"].is_null(), c["auc"].is_null()) << c["name"];
  }
}

}  // namespace
