// Trees for every task kind against scikit-learn (tests/fixtures/parity/tree_tasks.json, from
// tools/make_tree_task_fixtures.py): multi-class Gini and squared-error trees with their
// cost-complexity pruning paths, and gradient boosting on multinomial deviance and squared
// error; then the same models through a run on iris and on a numeric target.
#include <gtest/gtest.h>

#include <cmath>

#include "lab/experiment.hpp"
#include "models/boosting.hpp"
#include "models/tree.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

struct Fixture {
  Json json;
  lab::FloatRows X;
  Eigen::VectorXd classes, value;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    out.json = Json::parse(lab::test::read_source("tests/fixtures/parity/tree_tasks.json"));
    const Json& rows = out.json["X"];
    const auto n = static_cast<Eigen::Index>(rows.size());
    out.X.resize(n, static_cast<Eigen::Index>(rows[0].size()));
    out.classes.resize(n);
    out.value.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto r = static_cast<std::size_t>(i);
      for (std::size_t j = 0; j < rows[r].size(); ++j) out.X(i, static_cast<Eigen::Index>(j)) = rows[r][j].get<float>();
      out.classes(i) = out.json["classes"][r].get<double>();
      out.value(i) = out.json["value"][r].get<double>();
    }
    return out;
  }();
  return f;
}

lab::TreeOptions options_of(const Json& params) {
  lab::TreeOptions o;
  o.max_depth = params["max_depth"].get<int>();
  o.min_samples_split = params["min_samples_split"].get<int>();
  o.min_samples_leaf = params["min_samples_leaf"].get<int>();
  return o;
}

// A tree's prediction as the fixture holds it: class shares per row, or values.
void expect_prediction(const lab::Tree& tree, bool classifier, const Json& expected, double tol,
                       const std::string& where) {
  const lab::FloatRows& X = fixture().X;
  if (classifier) {
    const Eigen::MatrixXd p = tree.predict_shares(X);
    ASSERT_EQ(p.cols(), 3) << where;
    for (Eigen::Index i = 0; i < p.rows(); ++i)
      for (Eigen::Index c = 0; c < 3; ++c)
        ASSERT_NEAR(p(i, c), expected[static_cast<std::size_t>(i)][static_cast<std::size_t>(c)].get<double>(), tol)
            << where << " row " << i;
  } else {
    const Eigen::VectorXd v = tree.predict(X);
    for (Eigen::Index i = 0; i < v.size(); ++i)
      ASSERT_NEAR(v(i), expected[static_cast<std::size_t>(i)].get<double>(), tol) << where << " row " << i;
  }
}

void check_tree_cases(const char* key, bool classifier) {
  const Fixture& f = fixture();
  const lab::SplitCriterion criterion = classifier ? lab::SplitCriterion::Gini : lab::SplitCriterion::SquaredError;
  const Eigen::VectorXd& y = classifier ? f.classes : f.value;
  const double tol = classifier ? 1e-12 : 1e-9;  // sums of squares: the order of additions differs
  ASSERT_EQ(f.json[key].size(), 2u);
  for (const Json& c : f.json[key]) {
    const std::string where = std::string(key) + " " + c["params"].dump();
    const lab::Tree full = lab::fit_decision_tree(f.X, y, options_of(c["params"]), criterion, 3);
    EXPECT_EQ(full.leaves(), c["leaves"].get<int>()) << where;
    expect_prediction(full, classifier, c["prediction"], tol, where);
    const lab::CcpPath path = lab::cost_complexity_pruning_path(full);
    const auto alphas = c["ccp_alphas"].get<std::vector<double>>();
    const auto impurities = c["impurities"].get<std::vector<double>>();
    ASSERT_EQ(path.ccp_alphas.size(), alphas.size()) << where;
    for (std::size_t k = 0; k < alphas.size(); ++k) {
      EXPECT_NEAR(path.ccp_alphas[k], alphas[k], tol) << where << " step " << k;
      EXPECT_NEAR(path.impurities[k], impurities[k], tol) << where << " step " << k;
    }
    ASSERT_GE(c["pruned"].size(), 3u);
    for (const Json& p : c["pruned"]) {
      lab::TreeOptions o = options_of(c["params"]);
      o.ccp_alpha = p["ccp_alpha"].get<double>();
      const lab::Tree pruned = lab::fit_decision_tree(f.X, y, o, criterion, 3);
      EXPECT_EQ(pruned.leaves(), p["leaves"].get<int>()) << where << " alpha " << o.ccp_alpha;
      expect_prediction(pruned, classifier, p["prediction"], tol, where + " alpha " + std::to_string(o.ccp_alpha));
    }
  }
}

TEST(TreeTaskParity, MulticlassGiniTreesAndPruningPathsMatchScikitLearn) { check_tree_cases("multiclass_tree", true); }

TEST(TreeTaskParity, SquaredErrorTreesAndPruningPathsMatchScikitLearn) { check_tree_cases("regression_tree", false); }

void check_boosting(const char* key, lab::BoostingLoss loss) {
  const Fixture& f = fixture();
  const Json& c = f.json[key];
  lab::BoostingOptions o;
  o.n_estimators = c["params"]["n_estimators"].get<int>();
  o.learning_rate = c["params"]["learning_rate"].get<double>();
  o.subsample = c["params"]["subsample"].get<double>();
  o.tree.max_depth = c["params"]["max_depth"].get<int>();
  o.exact_splits = true;  // scikit-learn's GradientBoosting*; the histogram trees are checked in hist_boosting_test.cpp
  const bool classifier = loss == lab::BoostingLoss::MultinomialDeviance;
  lab::BoostingHistory history;
  const lab::BoostedTrees model =
      lab::fit_boosting(f.X, classifier ? f.classes : f.value, nullptr, nullptr, o, &history, {}, loss, 3);
  EXPECT_EQ(model.stages(), o.n_estimators);
  EXPECT_EQ(model.trees.size(), static_cast<std::size_t>(o.n_estimators * model.outputs()));
  const auto losses = c["train_loss"].get<std::vector<double>>();
  ASSERT_EQ(history.train_loss.size(), losses.size());
  for (std::size_t s = 0; s < losses.size(); ++s)
    EXPECT_NEAR(history.train_loss[s], losses[s], 1e-9) << key << " stage " << s + 1;
  const Eigen::MatrixXd p = model.predict(f.X);
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    if (classifier) {
      for (Eigen::Index k = 0; k < 3; ++k)
        ASSERT_NEAR(p(i, k), c["prediction"][static_cast<std::size_t>(i)][static_cast<std::size_t>(k)].get<double>(),
                    1e-9)
            << "row " << i;
    } else {
      ASSERT_NEAR(p(i, 0), c["prediction"][static_cast<std::size_t>(i)].get<double>(), 1e-9) << "row " << i;
    }
  }
}

TEST(TreeTaskParity, MultinomialBoostingMatchesScikitLearn) {
  check_boosting("multiclass_boosting", lab::BoostingLoss::MultinomialDeviance);
}

TEST(TreeTaskParity, SquaredErrorBoostingMatchesScikitLearn) {
  check_boosting("regression_boosting", lab::BoostingLoss::SquaredError);
}

lab::RunContext source_context() {
  lab::RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  return c;
}

TEST(TreeTaskRuns, IrisTreesAndBoostingClassifyEverySpecies) {
  for (const char* model : {R"({"type":"decision_tree","max_depth":4})",
                            R"({"type":"gradient_boosting","n_estimators":40,"n_iter_no_change":5})"}) {
    Json spec = Json::parse(R"({"dataset":{"csv":"widgets/data/iris.csv","target":"species"}})");
    spec["model"] = Json::parse(model);
    const Json r = lab::run_experiment(spec, source_context());
    EXPECT_EQ(r["data"]["task"], "multiclass");
    EXPECT_GE(r["metrics"]["test"]["accuracy"].get<double>(), 0.85) << model;
    EXPECT_EQ(r["metrics"]["test"]["confusion"].size(), 3u);
    EXPECT_EQ(lab::run_experiment(spec, source_context())["metrics"].dump(), r["metrics"].dump());
  }
}

TEST(TreeTaskRuns, RegressionTreesFitANumericTarget) {
  lab::RunContext c;
  c.files["d.csv"] = lab::test::smooth_regression_csv();
  for (const char* model :
       {R"({"type":"decision_tree","max_depth":8})", R"({"type":"gradient_boosting","n_estimators":80})"}) {
    Json spec = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"}})");
    spec["model"] = Json::parse(model);
    const Json r = lab::run_experiment(spec, c);
    EXPECT_EQ(r["data"]["task"], "regression");
    EXPECT_GT(r["metrics"]["test"]["r2"].get<double>(), 0.9) << model;
    if (r["model"]["type"] == "decision_tree") {
      EXPECT_EQ(r["model"]["criterion"], "squared_error");
      EXPECT_TRUE(r["ccp_path"]["scored"][0]["train"].contains("r2"));
    } else {
      EXPECT_EQ(r["model"]["loss"], "squared_error");
    }
  }
}

}  // namespace
