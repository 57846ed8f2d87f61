// The task kinds beyond binary classification (engine/src/tasks/): how a target is read, the
// metrics of each kind and the multinomial and least-squares models, against scikit-learn
// (tests/fixtures/parity/tasks.json, written by tools/make_task_fixtures.py).
#include <gtest/gtest.h>

#include <cmath>

#include "lab/experiment.hpp"
#include "metrics/task_metrics.hpp"
#include "models/linear_regression.hpp"
#include "models/multinomial.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;
using lab::test::error_of;

const Json& fixture() {
  static const Json f = Json::parse(lab::test::read_source("tests/fixtures/parity/tasks.json"));
  return f;
}

Eigen::MatrixXd matrix(const Json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      m(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>();
  return m;
}

Eigen::VectorXd vector(const Json& values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) v(i) = values[static_cast<std::size_t>(i)].get<double>();
  return v;
}

lab::Task multiclass_task(int k) {
  lab::Task t;
  t.kind = lab::TaskKind::Multiclass;
  for (int c = 0; c < k; ++c) t.classes.push_back("c" + std::to_string(c));
  return t;
}

TEST(TaskFixture, HoldsTheCasesTheTestsLoopOver) {
  // Guards against an empty or truncated fixture silently passing the loops below.
  EXPECT_EQ(fixture()["multiclass_metrics"].size(), 2u);
  EXPECT_EQ(fixture()["regression_metrics"].size(), 4u);
  EXPECT_EQ(fixture()["multinomial_iris"]["fits"].size(), 6u);
  EXPECT_EQ(fixture()["multinomial_iris"]["y"].size(), 150u);
  EXPECT_EQ(fixture()["linear_regression"]["fits"].size(), 7u);
}

TEST(MulticlassMetrics, MatchScikitLearn) {
  for (const auto& c : fixture()["multiclass_metrics"]) {
    const std::string name = c["name"];
    Eigen::MatrixXd p = matrix(c["probability"]);
    lab::Task task = multiclass_task(static_cast<int>(p.cols()));
    auto m = lab::evaluate_task(task, vector(c["y"]), p);
    for (const char* key : {"accuracy", "log_loss", "f1_macro", "f1_weighted"})
      EXPECT_NEAR(m[key].get<double>(), c[key].get<double>(), 1e-12) << name << " " << key;
    EXPECT_EQ(m["confusion"].dump(), c["confusion"].dump()) << name;
    for (std::size_t k = 0; k < task.classes.size(); ++k) {
      const auto& row = m["per_class"][task.classes[k]];
      for (const char* key : {"precision", "recall", "f1"})
        EXPECT_NEAR(row[key].get<double>(), c[key][k].get<double>(), 1e-12) << name << " class " << k << " " << key;
      EXPECT_EQ(row["support"].get<long>(), c["support"][k].get<long>()) << name;
    }
  }
}

TEST(RegressionMetrics, MatchScikitLearnIncludingAConstantTruth) {
  lab::Task task;
  task.kind = lab::TaskKind::Regression;
  for (const auto& c : fixture()["regression_metrics"]) {
    const std::string name = c["name"];
    auto m = lab::evaluate_task(task, vector(c["y"]), vector(c["value"]));
    for (const char* key : {"rmse", "mae", "mse", "r2"})
      EXPECT_NEAR(m[key].get<double>(), c[key].get<double>(), 1e-12) << name << " " << key;
  }
}

// Every fit of a multinomial fixture (tools/make_task_fixtures.py): the engine's optimum is at
// least as good as scikit-learn's (a lower objective is allowed: saga stops on its own
// tolerance), and the fits agree to 1e-4.
void expect_multinomial_parity(const Json& problem, int classes) {
  const Eigen::MatrixXd X = matrix(problem["X"]);
  const Eigen::VectorXd y = vector(problem["y"]);
  for (const auto& fit : problem["fits"]) {
    lab::LogisticOptions options;
    options.lambda = fit["lambda"].get<double>();
    options.l1_ratio = fit["l1_ratio"].get<double>();
    // tol bounds the squared, curvature-weighted step, so 1e-18 means coefficient steps near
    // 1e-9: well inside the 1e-4 the comparison allows.
    options.tol = 1e-18;
    options.max_iter = 100000;
    const lab::SoftmaxModel model = lab::fit_multinomial(X, y, classes, options);
    const std::string label = fit["penalty"].get<std::string>() + " lambda=" + fit["lambda"].dump();
    lab::SoftmaxModel reference;
    reference.coef = matrix(fit["coef"]);
    reference.intercept = vector(fit["intercept"]);
    EXPECT_LE(lab::multinomial_objective(X, y, model, options.lambda, options.l1_ratio),
              lab::multinomial_objective(X, y, reference, options.lambda, options.l1_ratio) + 1e-10)
        << label;
    // Pure L1 leaves a shift of a feature's coefficients across classes free where the penalty
    // is flat (the optimum is not unique), so it is compared by its probabilities only.
    if (fit["penalty"] != "l1") {
      EXPECT_LT((model.coef - reference.coef).cwiseAbs().maxCoeff(), 1e-4) << label;
      EXPECT_LT((model.intercept - reference.intercept).cwiseAbs().maxCoeff(), 1e-4) << label;
    }
    EXPECT_LT((model.predict_proba(X) - matrix(fit["probability"])).cwiseAbs().maxCoeff(), 1e-4) << label;
  }
}

TEST(MultinomialParity, MatchesScikitLearnOnIris) {
  ASSERT_EQ(fixture()["multinomial_iris"]["fits"].size(), 6u);
  expect_multinomial_parity(fixture()["multinomial_iris"], 3);
}

// Ten overlapping classes: the cross-class coupling that a class-by-class solver must resolve
// (L1, elastic net) and the 130-dimensional Newton system the smooth solver never forms.
TEST(MultinomialParity, MatchesScikitLearnOnTenClasses) {
  ASSERT_EQ(fixture()["multinomial_ten_classes"]["fits"].size(), 4u);
  expect_multinomial_parity(fixture()["multinomial_ten_classes"], 10);
}

TEST(Multinomial, L2OptimumHasZeroGradientAndL1ZeroesAtLambdaMax) {
  const Json& iris = fixture()["multinomial_iris"];
  Eigen::MatrixXd X = matrix(iris["X"]);
  Eigen::VectorXd y = vector(iris["y"]);
  lab::LogisticOptions options;
  options.lambda = 0.02;
  options.l1_ratio = 0;
  options.tol = 1e-18;  // steps near 1e-9, so the gradient is near zero to ~1e-9 too
  auto m = lab::fit_multinomial(X, y, 3, options);
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(X.rows(), 3);
  for (Eigen::Index i = 0; i < y.size(); ++i) Y(i, static_cast<Eigen::Index>(y(i))) = 1;
  Eigen::MatrixXd residual = m.predict_proba(X) - Y;  // rows x classes
  const double n = static_cast<double>(X.rows());
  Eigen::MatrixXd gradient = residual.transpose() * X / n + options.lambda * m.coef;
  EXPECT_LT(gradient.cwiseAbs().maxCoeff(), 1e-7);
  EXPECT_LT((residual.colwise().sum() / n).cwiseAbs().maxCoeff(), 1e-7);  // intercepts
  EXPECT_NEAR(m.intercept.sum(), 0, 1e-12);                               // reported centred

  options.l1_ratio = 1;
  options.lambda = lab::multinomial_lambda_max(X, y, 3, 1.0);
  EXPECT_EQ(lab::fit_multinomial(X, y, 3, options).nonzero(), 0);
  options.lambda *= 0.95;
  EXPECT_GE(lab::fit_multinomial(X, y, 3, options).nonzero(), 1);
}

// The two solvers meet where their objectives do: an elastic net with a vanishing L1 share
// (class blocks) and the plain L2 fit (Newton-CG) find the same model.
TEST(Multinomial, ClassBlockAndNewtonCgSolversAgreeAtTheL2Limit) {
  const Json& problem = fixture()["multinomial_ten_classes"];
  const Eigen::MatrixXd X = matrix(problem["X"]);
  const Eigen::VectorXd y = vector(problem["y"]);
  lab::LogisticOptions smooth;
  smooth.lambda = 0.01;
  smooth.tol = 1e-20;
  lab::LogisticOptions blocks = smooth;
  blocks.l1_ratio = 1e-9;  // an L1 term too small to zero anything: the class-block solver runs
  blocks.max_iter = 100000;
  const lab::SoftmaxModel a = lab::fit_multinomial(X, y, 10, smooth);
  const lab::SoftmaxModel b = lab::fit_multinomial(X, y, 10, blocks);
  EXPECT_LT((a.coef - b.coef).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_LT((a.intercept - b.intercept).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_LT(a.n_iter, 30) << "Newton steps";  // Newton-CG converges in a few steps, not hundreds
}

TEST(LinearRegressionParity, MatchesElasticNetLassoRidgeAndLeastSquares) {
  const Json& problem = fixture()["linear_regression"];
  Eigen::MatrixXd X = matrix(problem["X"]);
  Eigen::VectorXd y = vector(problem["y"]);
  for (const auto& fit : problem["fits"]) {
    lab::LinearRegressionOptions options;
    options.lambda = fit["lambda"].get<double>();
    options.l1_ratio = fit["l1_ratio"].get<double>();
    auto model = lab::fit_linear_regression(X, y, options);
    const std::string label = "alpha=" + fit["l1_ratio"].dump() + " lambda=" + fit["lambda"].dump();
    EXPECT_NEAR(model.intercept, fit["intercept"].get<double>(), 1e-6) << label;
    EXPECT_LT((model.coef - vector(fit["coef"])).cwiseAbs().maxCoeff(), 1e-6) << label;
  }
}

TEST(LinearRegression, LassoPathIsWarmStartedToTheSameOptimaAsColdFits) {
  const Json& problem = fixture()["linear_regression"];
  Eigen::MatrixXd X = matrix(problem["X"]);
  Eigen::VectorXd y = vector(problem["y"]);
  const double top = lab::regression_lambda_max(X, y, 1.0);
  std::vector<double> lambdas;
  for (int i = 0; i < 12; ++i) lambdas.push_back(top * std::pow(0.6, i));
  lab::LinearRegressionOptions options;
  options.l1_ratio = 1;
  auto path = lab::fit_regression_path(X, y, lambdas, options);
  ASSERT_EQ(path.size(), lambdas.size());
  EXPECT_EQ(path.front().nonzero(), 0);  // lambda_max zeroes every coefficient
  for (std::size_t i = 0; i < lambdas.size(); ++i) {
    options.lambda = lambdas[i];
    auto cold = lab::fit_linear_regression(X, y, options);
    // The strong rule only screens; the KKT check must leave the same optimum.
    EXPECT_LT((path[i].coef - cold.coef).cwiseAbs().maxCoeff(), 1e-7) << "lambda " << lambdas[i];
    EXPECT_NEAR(lab::linear_regression_objective(X, y, path[i], lambdas[i], 1.0),
                lab::linear_regression_objective(X, y, cold, lambdas[i], 1.0), 1e-10);
  }
}

// ---- through a run: the task is read from the target column ---------------------------

lab::RunContext iris_context() {
  lab::RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  return c;
}

TEST(TaskRuns, IrisIsMulticlassWithPerClassCoefficientsAndMetrics) {
  Json spec = Json::parse(R"({"dataset":{"csv":"widgets/data/iris.csv","target":"species"},
    "model":{"type":"logistic_regression","lambda":0.001,"l1_ratio":0.5,"path":{"n_lambda":10},"cv":{"folds":3}}})");
  auto r = lab::run_experiment(spec, iris_context());
  EXPECT_EQ(r["data"]["task"], "multiclass");
  EXPECT_EQ(r["data"]["classes"], Json::parse(R"(["setosa","versicolor","virginica"])"));
  EXPECT_EQ(r["model"]["coefficients"].size(), 3u);
  EXPECT_EQ(r["model"]["coefficients"]["virginica"].size(), 4u);
  EXPECT_GE(r["metrics"]["test"]["accuracy"].get<double>(), 0.85);  // iris is nearly separable
  EXPECT_EQ(r["metrics"]["test"]["confusion"].size(), 3u);
  EXPECT_EQ(r["cv"]["metric"], "log_loss");
  EXPECT_EQ(r["path"].size(), 10u);
  // Seeded: the same spec gives the same numbers.
  EXPECT_EQ(lab::run_experiment(spec, iris_context())["metrics"].dump(), r["metrics"].dump());
}

TEST(TaskRuns, ANumericTargetWithFractionsIsRegression) {
  lab::RunContext c;
  std::string csv = "x1,x2,y\n";
  for (int i = 0; i < 60; ++i) {
    const double x1 = i % 7, x2 = (i * 3) % 11;
    csv += std::to_string(x1) + "," + std::to_string(x2) + "," + std::to_string(2.5 * x1 - 0.5 * x2 + 1.25) + "\n";
  }
  c.files["d.csv"] = csv;
  Json spec = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},
    "model":{"type":"linear_regression","lambda":0,"l1_ratio":1},"split":{"test":0.25,"validation":0}})");
  auto r = lab::run_experiment(spec, c);
  EXPECT_EQ(r["data"]["task"], "regression");
  EXPECT_NEAR(r["metrics"]["test"]["r2"].get<double>(), 1.0, 1e-9);  // an exact linear target
  EXPECT_LT(r["metrics"]["test"]["rmse"].get<double>(), 1e-6);
  // The logistic model is refused for it, naming the models that can.
  spec["model"] = Json::parse(R"({"type":"logistic_regression"})");
  EXPECT_NE(error_of([&] { lab::run_experiment(spec, c); }).find("models that do: 'linear_regression'"),
            std::string::npos);
}

// The MLP takes every kind of target: a softmax head on iris, a linear head on a smooth
// numeric target (trained on the standardized target, predictions in the target's units).
TEST(TaskRuns, MlpHeadsFollowTheTask) {
  Json iris = Json::parse(R"({"dataset":{"csv":"widgets/data/iris.csv","target":"species"},
    "model":{"type":"mlp","hidden":[16],"activation":"tanh"},
    "train":{"epochs":150,"batch_size":16,"learning_rate":0.05,"optimizer":"adam","seed":3}})");
  auto r = lab::run_experiment(iris, iris_context());
  EXPECT_EQ(r["model"]["sizes"], Json::parse("[4,16,3]"));
  EXPECT_GE(r["metrics"]["test"]["accuracy"].get<double>(), 0.9);
  EXPECT_EQ(r["metrics"]["test"]["confusion"].size(), 3u);
  EXPECT_EQ(lab::run_experiment(iris, iris_context())["metrics"].dump(), r["metrics"].dump());

  lab::RunContext c;
  c.files["d.csv"] = lab::test::smooth_regression_csv();
  Json reg = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},
    "model":{"type":"mlp","hidden":[32,16],"activation":"tanh"},
    "train":{"epochs":200,"batch_size":16,"learning_rate":0.01,"optimizer":"adam","seed":1}})");
  auto g = lab::run_experiment(reg, c);
  EXPECT_EQ(g["data"]["task"], "regression");
  EXPECT_EQ(g["model"]["sizes"].back(), 1);
  EXPECT_GT(g["metrics"]["test"]["r2"].get<double>(), 0.9);  // the target's mean alone scores 0
  EXPECT_NEAR(g["model"]["target_standardized"]["mean"].get<double>(), 100 + 30 * 0.2 + 12 * 2, 15);
  EXPECT_TRUE(g["history"][0]["accuracy"].is_null());
  // Accuracy cannot be monitored on a number.
  reg["train"]["early_stopping"] = {{"monitor", "val_accuracy"}};
  EXPECT_EQ(error_of([&] { lab::run_experiment(reg, c); }),
            "train.early_stopping.monitor: 'val_accuracy' is not defined for a numeric (regression) target; "
            "use 'val_loss' or 'loss'");
}

TEST(TaskBadInput, EachNamesTheFieldOrLineAndTheValue) {
  lab::RunContext c;
  auto run_csv = [&](const std::string& csv, Json patch = Json::object()) {
    c.files["d.csv"] = csv;
    Json s = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},"split":{"test":0,"validation":0}})");
    s.merge_patch(patch);
    return error_of([&] { lab::run_experiment(s, c); });
  };
  EXPECT_EQ(run_csv("x,y\n1,1.5\n2,2.5\n3,\n4,7.25\n5,1.1\n", Json::parse(R"({"model":{"type":"linear_regression"}})")),
            "d.csv:4: the regression target 'y' is empty in this row; fill it in or remove the row");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,c\n", Json::parse(R"({"dataset":{"positive":"a"}})")),
            "dataset.positive: 'positive' applies to binary targets only; 'y' is a multiclass target here "
            "(remove 'positive', or set dataset.task)");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,c\n4,a\n", Json::parse(R"({"dataset":{"task":"regression"}})")),
            "dataset.task: task 'regression' needs a numeric target; 'y' holds text (values 'a', 'b', 'c'); "
            "use task 'multiclass' or 'binary', or another target");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,c\n4,a\n", Json::parse(R"({"dataset":{"task":"binary"}})")),
            "dataset.target: target 'y' has 3 classes ('a', 'b', 'c'); task 'binary' needs exactly two "
            "(use task 'multiclass' or 'auto')");
  std::string many = "x,y\n";
  for (int i = 0; i < 120; ++i) many += std::to_string(i) + ",c" + std::to_string(i % 60) + "\n";
  EXPECT_EQ(run_csv(many),
            "dataset.target: target 'y' has 60 distinct values ('c0', 'c1', 'c10', 'c11', 'c12', ...); "
            "a classifier takes at most 50 classes, and a text column cannot be a regression target; "
            "choose another target");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,a\n4,b\n5,c\n6,a\n7,b\n8,a\n9,b\n10,a\n",
                    Json::parse(R"({"split":{"test":0.2,"stratify":true}})")),
            "split.stratify: class 'c' has 1 row; a stratified split needs at least 2 rows of every class "
            "(remove the class with dataset.where, or set split.stratify to false)");
  // A trade-off variant whose model cannot predict the target is named with its index.
  std::string numeric = "x,y\n";
  for (int i = 0; i < 40; ++i) numeric += std::to_string(i) + "," + std::to_string(0.5 * i) + "\n";
  const std::string refused = run_csv(numeric, Json::parse(R"({"split":{"test":0.25},
      "variants":[{"name":"least squares","model":{"type":"linear_regression"}},{"name":"v","model":{"type":"logistic_regression"}}]})"));
  EXPECT_EQ(refused.rfind("variants[1].model.type: 'logistic_regression' does not predict regression targets", 0), 0u)
      << refused;
  // And the same context then runs a good multi-class spec.
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,c\n4,a\n5,b\n6,c\n7,a\n8,b\n9,c\n"), "");
}

}  // namespace
