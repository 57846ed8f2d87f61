// A run split across engine instances (lab/work_share.hpp) gives the one-instance run's result
// exactly: for every path model (logistic, multinomial, least squares), for 2 and 3 instances,
// for experiments, and when the merge is missing a piece (it computes it itself).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/work_share.hpp"
#include "test_support.hpp"

namespace {

using lab::Json;

lab::RunContext context_with(lab::WorkShare* share, std::map<std::string, std::string> files = {}) {
  lab::RunContext c;
  c.base_dir = lab::test::source_path("");
  c.files = std::move(files);
  c.share = share;
  return c;
}

// Step 1 on each of `instances`, then step 2: the merged result; `pieces_seen` collects the
// pieces each share computed (they must not overlap).
lab::OrderedJson split_run(const Json& spec, int instances, const std::map<std::string, std::string>& files = {},
                           std::vector<std::string>* pieces_seen = nullptr, const std::string& drop = "") {
  Json all = Json::object();
  for (int i = 0; i < instances; ++i) {
    lab::WorkShare share = lab::WorkShare::share(i, instances);
    const lab::OrderedJson answer = lab::run_experiment(spec, context_with(&share, files));
    EXPECT_EQ(answer.size(), 1u) << "a share answers only its pieces";
    for (auto it = answer["pieces"].begin(); it != answer["pieces"].end(); ++it) {
      EXPECT_FALSE(all.contains(it.key())) << it.key() << " computed by two instances";
      if (pieces_seen) pieces_seen->push_back(it.key());
      if (it.key() != drop) all[it.key()] = it.value();
    }
  }
  // The pieces cross as JSON text, as they do between the browser's workers.
  lab::WorkShare merge = lab::WorkShare::merge(lab::WorkShare::pieces_from_json(Json::parse(all.dump())));
  return lab::run_experiment(spec, context_with(&merge, files));
}

Json path_model(const std::string& type, double l1_ratio) {
  return {{"type", type},
          {"lambda", 0.01},
          {"l1_ratio", l1_ratio},
          {"select", "lambda_1se"},
          {"path", {{"n_lambda", 30}, {"lambda_min_ratio", 0.001}}},
          {"cv", {{"folds", 5}, {"seed", 3}}}};
}

void expect_same_split_or_not(const Json& spec, const std::map<std::string, std::string>& files = {}) {
  const std::string whole = lab::run_experiment(spec, context_with(nullptr, files)).dump();
  for (int instances : {1, 2, 3}) {
    std::vector<std::string> seen;
    EXPECT_EQ(split_run(spec, instances, files, &seen).dump(), whole) << instances << " instances";
    EXPECT_EQ(static_cast<int>(seen.size()), lab::count_pieces(spec)) << instances << " instances";
  }
}

TEST(WorkShare, LogisticPathAndCvSplitGiveTheSameResult) {
  Json spec = lab::test::titanic_spec();
  spec["model"] = path_model("logistic_regression", 0.5);
  expect_same_split_or_not(spec);
}

TEST(WorkShare, MultinomialPathAndCvSplitGiveTheSameResult) {
  Json spec = Json::parse(R"({"dataset": {"csv": "widgets/data/iris.csv", "target": "species"},
                              "split": {"test": 0.3, "validation": 0.2, "stratify": true, "seed": 3}})");
  spec["model"] = path_model("logistic_regression", 1);
  expect_same_split_or_not(spec);
}

TEST(WorkShare, LeastSquaresPathAndCvSplitGiveTheSameResult) {
  Json spec = Json::parse(
      R"({"dataset": {"csv": "smooth.csv", "target": "y"}, "split": {"test": 0.2, "validation": 0.2, "seed": 4}})");
  spec["model"] = path_model("linear_regression", 0.5);
  expect_same_split_or_not(spec, {{"smooth.csv", lab::test::smooth_regression_csv()}});
}

TEST(WorkShare, ExperimentsSplitOnlyTheirCrossValidatedRuns) {
  Json spec = lab::test::titanic_spec();
  spec["model"] = {{"type", "logistic_regression"}, {"lambda", 0.01}};
  spec["train"] = {{"epochs", 5}, {"seed", 1}};
  spec["experiments"] = {{"lasso", {{"model", path_model("logistic_regression", 1)}}},
                         {"net", {{"model", {{"type", "mlp"}, {"hidden", {8}}}}}},
                         {"ridge", {{"model", path_model("logistic_regression", 0)}}}};
  EXPECT_EQ(lab::count_pieces(spec), 12);
  const std::string whole = lab::run_experiment(spec, context_with(nullptr)).dump();
  std::vector<std::string> seen;
  EXPECT_EQ(split_run(spec, 2, {}, &seen).dump(), whole);
  const std::set<std::string> keys(seen.begin(), seen.end());
  EXPECT_TRUE(keys.count("lasso/path") && keys.count("ridge/cv/4") && keys.size() == 12u);
}

TEST(WorkShare, AMergeMissingAPieceComputesItItself) {
  Json spec = lab::test::titanic_spec();
  spec["model"] = path_model("logistic_regression", 1);
  const std::string whole = lab::run_experiment(spec, context_with(nullptr)).dump();
  EXPECT_EQ(split_run(spec, 2, {}, nullptr, "cv/3").dump(), whole);
  EXPECT_EQ(split_run(spec, 2, {}, nullptr, "path").dump(), whole);
}

TEST(WorkShare, RunsWithoutPiecesHaveNoneToShare) {
  Json spec = lab::test::titanic_spec();
  spec["model"] = {{"type", "logistic_regression"}, {"lambda", 0.01}, {"path", {{"n_lambda", 10}}}};
  EXPECT_EQ(lab::count_pieces(spec), 0);  // a path alone is one piece: nothing to split
  lab::WorkShare share = lab::WorkShare::share(0, 2);
  EXPECT_EQ(lab::run_experiment(spec, context_with(&share)).dump(), R"({"pieces":{}})");
}

TEST(WorkShare, BadSharesAndPiecesAreClearErrors) {
  EXPECT_NE(lab::test::error_of([] { lab::WorkShare::share(2, 2); }).find("share.instance"), std::string::npos);
  EXPECT_NE(lab::test::error_of([] {
              lab::WorkShare::pieces_from_json(Json::parse(R"({"cv/0": [1, "x"]})"));
            }).find("pieces.cv/0"),
            std::string::npos);
  EXPECT_NE(lab::test::error_of([] { lab::WorkShare::pieces_from_json(Json::parse("[1]")); }).find("pieces"),
            std::string::npos);
  // Non-finite numbers cross as strings and come back.
  const auto back = lab::WorkShare::pieces_from_json(Json::parse(R"({"p": ["nan", "inf", "-inf", 0.1]})"));
  EXPECT_TRUE(std::isnan(back.at("p")[0]));
  EXPECT_EQ(back.at("p")[1], std::numeric_limits<double>::infinity());
  EXPECT_EQ(back.at("p")[3], 0.1);
  // A fold of the wrong length (another spec's piece) is refused, not used.
  Json spec = lab::test::titanic_spec();
  spec["model"] = path_model("logistic_regression", 1);
  lab::WorkShare merge = lab::WorkShare::merge({{"cv/0", {1.0, 2.0}}});
  EXPECT_NE(lab::test::error_of([&] { lab::run_experiment(spec, context_with(&merge)); }).find("pieces.cv"),
            std::string::npos);
}

}  // namespace
