#include <gtest/gtest.h>

#include <algorithm>

#include "core/limits.hpp"
#include "lab/experiment.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;
using lab::test::error_of;
using lab::test::titanic_spec;

lab::RunContext context() {
  lab::RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  return c;
}

Json logistic_spec() {
  Json s = titanic_spec();
  s["model"] = Json::parse(R"({"type":"logistic_regression","lambda":0.01,"l1_ratio":0.5,
                               "path":{"n_lambda":30},"cv":{"folds":5}})");
  return s;
}

Json mlp_spec(int epochs = 30) {
  Json s = titanic_spec();
  s["model"] = Json::parse(R"({"type":"mlp","hidden":[16,16],"dropout":0.2})");
  s["train"] = Json::parse(R"({"optimizer":"adam","learning_rate":0.01,"batch_size":32,"seed":7,
                               "schedule":{"type":"cosine"},
                               "early_stopping":{"patience":5}})");
  s["train"]["epochs"] = epochs;
  return s;
}

TEST(Experiment, LogisticRegressionOnTitanicHasUsualAccuracyPathAndCv) {
  auto r = lab::run_experiment(logistic_spec(), context());
  double test_accuracy = r["metrics"]["test"]["accuracy"];
  EXPECT_GE(test_accuracy, 0.74);
  EXPECT_LE(test_accuracy, 0.86);
  ASSERT_EQ(r["path"].size(), 30u);
  EXPECT_EQ(r["path"][0]["nonzero"], 0);
  EXPECT_GT(r["path"][29]["nonzero"].get<int>(), 5);
  double lmin = r["cv"]["lambda_min"], l1se = r["cv"]["lambda_1se"];
  EXPECT_GE(l1se, lmin);
  EXPECT_TRUE(r["model"]["coefficients"].contains("gender=male"));
  EXPECT_TRUE(r["model"]["coefficients"].contains("class=3rd"));
  EXPECT_EQ(r["data"]["rows"]["train"].get<int>() + r["data"]["rows"]["validation"].get<int>() +
                r["data"]["rows"]["test"].get<int>(),
            1317);
  auto confusion = r["metrics"]["test"]["confusion"];
  EXPECT_EQ(
      confusion[0][0].get<int>() + confusion[0][1].get<int>() + confusion[1][0].get<int>() + confusion[1][1].get<int>(),
      r["data"]["rows"]["test"].get<int>());
  EXPECT_GT(r["importance"]["permutation"]["gender"].get<double>(), 0.05);
}

TEST(Experiment, ASharedSpanGivesL1AndL2OnePathAxis) {
  auto lambdas_of = [](double l1_ratio, const char* span) {
    Json s = logistic_spec();
    s["model"]["l1_ratio"] = l1_ratio;
    s["model"]["path"]["span"] = span;
    s["model"].erase("cv");
    const auto r = lab::run_experiment(s, context());
    std::vector<double> out;
    for (const auto& row : r["path"]) out.push_back(row["lambda"].get<double>());
    return out;
  };
  const auto ridge = lambdas_of(0, "shared"), lasso = lambdas_of(1, "shared"), net = lambdas_of(0.5, "shared");
  EXPECT_EQ(ridge, lasso);
  EXPECT_EQ(ridge, net);
  // From ridge's own top down to lasso's own bottom: the union of the two own ranges.
  const auto own_ridge = lambdas_of(0, "own"), own_lasso = lambdas_of(1, "own");
  EXPECT_DOUBLE_EQ(ridge.front(), own_ridge.front());
  EXPECT_NEAR(ridge.back(), own_lasso.back(), 1e-12 * own_lasso.back());
  // The model's lambda (0.01) is a point of the path, exactly.
  EXPECT_EQ(std::count(ridge.begin(), ridge.end(), 0.01), 1);
  EXPECT_TRUE(std::is_sorted(ridge.rbegin(), ridge.rend()));
  EXPECT_NEAR(own_lasso.back() / own_ridge.back(), 1e-3, 1e-9);  // own ranges sit 1000x apart: the old jump
}

TEST(Experiment, MlpTrainsWithHistoryAndIsDeterministic) {
  auto a = lab::run_experiment(mlp_spec(), context());
  auto b = lab::run_experiment(mlp_spec(), context());
  EXPECT_EQ(a.dump(), b.dump());
  double test_accuracy = a["metrics"]["test"]["accuracy"];
  EXPECT_GE(test_accuracy, 0.74);
  EXPECT_LE(test_accuracy, 0.88);
  int run = a["early_stopping"]["epochs_run"];
  ASSERT_GE(run, 2);
  EXPECT_EQ(a["history"].size(), static_cast<std::size_t>(run));
  EXPECT_GT(a["history"][0]["learning_rate"].get<double>(), a["history"][run - 1]["learning_rate"].get<double>());
}

// A min_delta larger than any change of the validation loss leaves the first epoch as the only
// improvement, so training must stop `patience` epochs after it, whatever the data and seed.
TEST(Experiment, MlpEarlyStoppingStopsPatienceEpochsAfterTheBestAndRestoresIt) {
  Json spec = mlp_spec(30);
  spec["train"]["early_stopping"] = Json::parse(R"({"patience":5,"min_delta":10})");
  auto r = lab::run_experiment(spec, context());
  const auto& es = r["early_stopping"];
  EXPECT_EQ(es["best_epoch"], 1);
  EXPECT_EQ(es["stopped_epoch"], 6);
  EXPECT_EQ(es["epochs_run"], 6);
  EXPECT_EQ(es["epochs_saved"], 24);
  EXPECT_EQ(es["restored"], true);
  ASSERT_EQ(r["history"].size(), 6u);
  // The model evaluated afterwards is epoch 1's, not epoch 6's: its validation loss is the one
  // epoch 1 logged (the model has no penalty, so val_loss is the plain log loss).
  const double first = r["history"][0]["val_loss"], last = r["history"][5]["val_loss"];
  EXPECT_NE(first, last);
  EXPECT_NEAR(r["metrics"]["validation"]["log_loss"].get<double>(), first, 1e-12);
}

// The first report is the data read (rows after the header, the file's bytes), before any
// training; answering false there cancels the run before it trains.
TEST(Experiment, ProgressReportsTheDataReadFirst) {
  lab::RunContext c = context();
  std::vector<lab::Progress> seen;
  c.on_progress = [&](const lab::Progress& p) {
    seen.push_back(p);
    return true;
  };
  lab::run_experiment(mlp_spec(2), c);
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen[0].stage, "read");
  EXPECT_GT(seen[0].data["rows"].get<int>(), 100);
  EXPECT_GT(seen[0].data["bytes"].get<int>(), 1000);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_NE(seen[i].stage, "read");
  int calls = 0;
  c.on_progress = [&](const lab::Progress&) { return ++calls > 1; };
  EXPECT_THROW(lab::run_experiment(mlp_spec(2), c), lab::Cancelled);
  EXPECT_EQ(calls, 1);
}

TEST(Experiment, ProgressStreamsEpochsAndCanCancel) {
  lab::RunContext c = context();
  int seen = 0;
  c.on_progress = [&](const lab::Progress& p) {
    if (p.stage == "train") EXPECT_EQ(p.data["epoch"].get<int>(), ++seen);
    return seen < 3;
  };
  EXPECT_THROW(lab::run_experiment(mlp_spec(), c), lab::Cancelled);
  EXPECT_EQ(seen, 3);
  // The engine keeps working after a cancelled run.
  EXPECT_NO_THROW(lab::run_experiment(mlp_spec(3), context()));
}

TEST(Experiment, NamedExperimentsArePatchesOverTheBase) {
  Json s = logistic_spec();
  s["model"].erase("path");
  s["model"].erase("cv");
  s["experiments"] = Json::parse(R"({"ridge":{"model":{"l1_ratio":0}},
                                     "net":{"model":{"type":"mlp","hidden":[4]},"train":{"epochs":2}}})");
  auto r = lab::run_experiment(s, context());
  EXPECT_EQ(r["experiments"]["ridge"]["model"]["l1_ratio"], 0.0);
  EXPECT_EQ(r["experiments"]["net"]["model"]["type"], "mlp");
  EXPECT_EQ(r["experiments"]["net"]["history"].size(), 2u);
}

TEST(Experiment, FitOnEveryRowWhenNoHoldout) {
  Json s = logistic_spec();
  s["split"]["test"] = 0;
  s["split"]["validation"] = 0;
  auto r = lab::run_experiment(s, context());
  EXPECT_EQ(r["data"]["rows"]["train"], 1317);
  EXPECT_TRUE(r["metrics"]["test"].is_null());
}

// ---- bad input: each names its field or line and the bad value ----------------------------

std::string spec_error(Json s) {
  return error_of([&] { lab::run_experiment(s, context()); });
}

TEST(BadInput, OutOfRangeAndWrongTypes) {
  Json s = logistic_spec();
  s["model"]["lambda"] = -1;
  EXPECT_EQ(spec_error(s), "model.lambda: value -1 is outside [0, 1e+06]");
  s = logistic_spec();
  s["model"]["l1_ratio"] = 1.5;
  EXPECT_EQ(spec_error(s), "model.l1_ratio: value 1.5 is outside [0, 1]");
  s = mlp_spec();
  s["model"]["dropout"] = 1;
  EXPECT_EQ(spec_error(s), "model.dropout: value 1 is outside [0, 1)");
  s = mlp_spec();
  s["train"]["learning_rate"] = 0;
  EXPECT_EQ(spec_error(s), "train.learning_rate: value 0 is outside (0, 10]");
  s = mlp_spec();
  s["train"]["epochs"] = 100000;
  EXPECT_EQ(spec_error(s), "train.epochs: value 100000 is outside [1, 5000]");
  s = mlp_spec();
  s["model"]["hidden"] = {16, 5000};
  EXPECT_EQ(spec_error(s), "model.hidden[1]: value 5000 is outside [1, 1024]");
  s = mlp_spec();
  s["train"]["epochs"] = "many";
  EXPECT_EQ(spec_error(s), "train.epochs: expected a number, got \"many\"");
}

TEST(BadInput, UnknownNamesAndKeys) {
  Json s = logistic_spec();
  s["model"]["type"] = "svm";
  EXPECT_EQ(spec_error(s).rfind("model.type: unknown type 'svm'; expected one of ", 0), 0u);
  EXPECT_NE(spec_error(s).find("'logistic_regression'"), std::string::npos);
  s = mlp_spec();
  s["train"]["optimizer"] = "rmsprop";
  EXPECT_EQ(spec_error(s), "train.optimizer: unknown value \"rmsprop\"; expected one of 'sgd', 'momentum', 'adam'");
  s = mlp_spec();
  s["model"]["dropuot"] = 0.1;
  EXPECT_EQ(spec_error(s).rfind("model.dropuot: unknown option 'dropuot'", 0), 0u);
}

TEST(BadInput, AnExperimentThatIsNotAnObjectIsNamedOnce) {
  Json s = logistic_spec();
  s["experiments"] = Json::parse(R"({"ridge": 5})");
  EXPECT_EQ(spec_error(s), "experiments.ridge: expected an object (a patch over the spec), got 5");
}

// Each split that is asked for needs its declared minimum of rows (core/limits.hpp); the error
// says how many it has and needs, instead of a test accuracy of NaN on 0 rows.
TEST(BadInput, TooFewRowsForASplitSayHowManyItHasAndNeeds) {
  lab::RunContext c;
  auto run_csv = [&](const std::string& csv, const char* split) {
    c.files["d.csv"] = csv;
    Json s = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"}})");
    s["split"] = Json::parse(split);
    return error_of([&] { lab::run_experiment(s, c); });
  };
  const std::string two = "x,y\n1,a\n2,b\n";
  EXPECT_EQ(run_csv(two, R"({"test":0.2,"validation":0})"),
            "split.test: the test split has 0 rows; it needs at least " + std::to_string(lab::limits::kMinHeldOutRows) +
                " (2 usable rows in the data); use more data or change the split fractions");
  EXPECT_EQ(
      run_csv(two, R"({"test":0,"validation":0.2})").rfind("split.validation: the validation split has 0 rows", 0), 0u);
  EXPECT_EQ(run_csv(two, R"({"test":0,"validation":0})"),
            "split: the training split has 2 rows; it needs at least " + std::to_string(lab::limits::kMinTrainRows) +
                " (2 usable rows in the data); use more data or change the split fractions");
  // Enough rows, but a class with none left to train on.
  // (9 'a' and 1 'b', half held out per class: 'b's only row goes to the test split.)
  EXPECT_EQ(run_csv("x,y\n1,a\n2,a\n3,a\n4,a\n5,a\n6,a\n7,a\n8,a\n9,a\n10,b\n", R"({"test":0.5,"validation":0})"),
            "split: the training rows hold 0 rows of class 'b'; each class needs at least " +
                std::to_string(lab::limits::kMinTrainRowsPerClass) +
                " (10 usable rows in the data); use more data or a smaller test/validation fraction");
  // At the minimum it runs.
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n3,a\n4,b\n", R"({"test":0,"validation":0})"), "");
}

TEST(BadInput, DataProblemsNameTheColumnOrLine) {
  lab::RunContext c;
  auto run_csv = [&](const std::string& csv, Json patch = Json::object()) {
    c.files["d.csv"] = csv;
    Json s = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},"split":{"test":0,"validation":0}})");
    s.merge_patch(patch);
    return error_of([&] { lab::run_experiment(s, c); });
  };
  EXPECT_EQ(run_csv("x,y\n1,a\n2,a\n"), "dataset.target: target 'y' has only one class ('a'); a classifier needs two");
  EXPECT_EQ(run_csv("x,z,y\n1,5,a\n1,5,b\n"),
            "dataset.features: no feature can inform the model: 'x' is constant (every value is 1.0); 'z' is constant "
            "(every value is 5.0); the data needs at least one column that varies");
  EXPECT_EQ(run_csv("x,z,y\n,,a\n,,b\n"),
            "dataset.features: no feature can inform the model: 'x' has no values (every row is empty); 'z' has no "
            "values (every row is empty); the data needs at least one column that varies");
  // A class with more labels than a classifier takes, and a class of one row under a
  // stratified split: the field and the value.
  std::string many = "x,y\n";
  for (int i = 0; i < 60; ++i) many += std::to_string(i) + ",c" + std::to_string(i) + "\n";
  EXPECT_NE(run_csv(many).find("dataset.target: target 'y' has 60 distinct values ('c0', 'c1', "), std::string::npos)
      << run_csv(many);
  EXPECT_EQ(
      run_csv("x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,c\n8,a\n9,b\n10,a\n", Json::parse(R"({"split":{"test":0.3}})")),
      "split.stratify: class 'c' has 1 row; a stratified split needs at least 2 rows of every class (remove the class "
      "with dataset.where, or set split.stratify to false)");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\nthree,a\n4,b\n"), "d.csv:4: column 'x' holds numbers but this row has 'three'");
  EXPECT_EQ(run_csv("x,y\n1,a\n2\n"), "d.csv:3: row has 1 fields; the header has 2");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n", Json::parse(R"({"dataset":{"features":["w"]}})")),
            "dataset.features[0]: no column 'w' in d.csv");
  EXPECT_EQ(run_csv("x,y\n1,a\n2,b\n", Json::parse(R"({"dataset":{"csv":"missing.csv"}})")),
            "dataset.csv: file 'missing.csv' not found (looked in 'missing.csv')");
  // And after all that, a good run still works.
  Json good = Json::parse(R"({"dataset":{"csv":"d.csv","target":"y"},"split":{"test":0,"validation":0}})");
  c.files["d.csv"] = "x,y\n1,a\n2,b\n3,a\n4,b\n5,b\n";
  EXPECT_NO_THROW(lab::run_experiment(good, c));
}

}  // namespace
