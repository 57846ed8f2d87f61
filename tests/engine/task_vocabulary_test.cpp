// What front ends read instead of keeping copies (lab/task_vocabulary.hpp,
// lab/budget_ranking.hpp), held to what the engine's runs and rankings actually do: each kind's
// declared metrics are the keys its results carry, its CV metric the one its path's CV reports,
// its main score the one trade-off rows rank by; the budget ranking follows the scenarios'
// constraint rules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>

#include "experiment/model_kinds.hpp"
#include "experiment/model_substitutes.hpp"
#include "lab/budget_ranking.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/task_vocabulary.hpp"
#include "metrics/task_vocabulary.hpp"
#include "test_support.hpp"
#include "tradeoff/budget_ranking.hpp"
#include "tradeoff/tradeoff_ranking.hpp"

namespace lab {
namespace {

RunContext source_context() {
  RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  c.files["smooth.csv"] = test::smooth_regression_csv();
  return c;
}

// One path + CV run per kind: the spec's model, on titanic (binary), iris (multiclass) or a
// smooth numeric target (regression).
Json path_run(const std::string& kind) {
  const std::string model = R"("lambda":0.01,"l1_ratio":0.5,"path":{"n_lambda":4},"cv":{"folds":3})";
  Json spec;
  if (kind == "binary") {
    spec = test::titanic_spec();
    spec["model"] = Json::parse(R"({"type":"logistic_regression",)" + model + "}");
  } else if (kind == "multiclass") {
    spec = Json::parse(
        R"({"dataset":{"csv":"widgets/data/iris.csv","target":"species"},"model":{"type":"logistic_regression",)" +
        model + "}}");
  } else {
    spec = Json::parse(R"({"dataset":{"csv":"smooth.csv","target":"y"},"model":{"type":"linear_regression",)" + model +
                       "}}");
  }
  return run_experiment(spec, source_context());
}

TEST(TaskVocabulary, DeclaresEachKindsMetricsMainScoreAndCvMetric) {
  const Json v = task_vocabulary();
  EXPECT_EQ(v["tasks"]["binary"]["table_metrics"], Json::parse(R"(["accuracy","log_loss","auc","f1"])"));
  EXPECT_EQ(v["tasks"]["multiclass"]["table_metrics"],
            Json::parse(R"(["accuracy","log_loss","f1_macro","f1_weighted"])"));
  EXPECT_EQ(v["tasks"]["regression"]["table_metrics"], Json::parse(R"(["r2","rmse","mae"])"));
  EXPECT_EQ(v["tasks"]["regression"]["path_metrics"], Json::parse(R"(["mse","r2"])"));
  EXPECT_EQ(v["tasks"]["binary"]["cv_metric"], "log_loss");
  EXPECT_EQ(v["tasks"]["regression"]["main_score"], "r2");
  EXPECT_EQ(v["metrics"]["r2"], Json::parse(R"({"label":"R²","higher_is_better":true,"bounds":null})"));
  EXPECT_EQ(v["metrics"]["f1_macro"],
            Json::parse(R"({"label":"macro F1","higher_is_better":true,"bounds":[0.0,1.0]})"));
  EXPECT_EQ(v["metrics"]["mse"]["label"], "mean squared error");
  EXPECT_EQ(v["metrics"]["log_loss"]["higher_is_better"], false);
  // Every metric a kind names is declared, with a label.
  for (const auto& [kind, k] : v["tasks"].items())
    for (const char* list : {"table_metrics", "path_metrics"})
      for (const auto& m : k[list]) EXPECT_NE(metric_info(m.get<std::string>()), nullptr) << kind << " " << m;
}

TEST(TaskVocabulary, EachKindsDeclaredMetricsAreWhatItsRunsReport) {
  for (const std::string kind : {"binary", "multiclass", "regression"}) {
    SCOPED_TRACE(kind);
    const TaskKindInfo& info = task_kind_info(task_kind(kind));
    const Json r = path_run(kind);
    ASSERT_EQ(r["data"]["task"], kind);
    for (const auto& m : info.table_metrics) EXPECT_TRUE(r["metrics"]["test"].contains(m)) << m;
    ASSERT_FALSE(r["path"].empty());
    for (const auto& m : info.path_metrics) {
      EXPECT_TRUE(r["path"][0]["train"].contains(m)) << m;
      EXPECT_TRUE(r["path"][0]["validation"].contains(m)) << m;
    }
    // A classifier's cv block leaves its metric out (results from before regression): log loss.
    EXPECT_EQ(r["cv"].value("metric", std::string("log_loss")), info.cv_metric);
    EXPECT_EQ(info.path_metrics.front(), info.cv_metric);  // the CV band shares the first path metric's axis
    Task task;
    task.kind = task_kind(kind);
    EXPECT_EQ(info.main_score, task.main_score());
  }
}

TEST(TaskVocabulary, ATradeoffResultNamesTheKindsMainScoreAndLoss) {
  Json spec = Json::parse(R"({"dataset":{"csv":"smooth.csv","target":"y"},"model":{"type":"linear_regression"},
    "variants":[{"name":"least squares"}]})");
  const Json r = run_experiment(spec, source_context());
  const TaskKindInfo& info = task_kind_info(TaskKind::Regression);
  EXPECT_EQ(r["score"]["name"], info.main_score);
  EXPECT_EQ(r["score"]["loss"], info.loss);
  // The rows carry the kind's table metrics (the explorer's columns).
  for (const auto& m : info.table_metrics) EXPECT_TRUE(r["variants"][0]["metrics"].contains(m)) << m;
}

TEST(TaskVocabulary, ANumericTargetRunsLeastSquaresInPlaceOfLogisticRegression) {
  const Json v = task_vocabulary();
  ASSERT_EQ(v["in_place_of"].size(), 1u);
  EXPECT_EQ(v["in_place_of"][0],
            Json::parse(R"({"task":"regression","model":"logistic_regression","use":"linear_regression",
    "rename":{"logistic":"linear","Logistic":"Linear"}})"));
  for (const auto& s : model_substitutes()) {
    Task task;
    task.kind = s.task;
    // The file's model cannot predict the task; the one used instead can ...
    EXPECT_THROW(model_kind(s.model).runner(task), Error);
    EXPECT_NO_THROW(model_kind(s.use).runner(task));
    // ... and reads the same options, so the file's settings carry over.
    std::vector<std::string> from, to;
    for (const auto& o : model_kind(s.model).options->options) from.push_back(o.name);
    for (const auto& o : model_kind(s.use).options->options) to.push_back(o.name);
    EXPECT_EQ(from, to);
    // The rename turns a name for the model into a name for its substitute.
    for (const auto& [word, instead] : s.rename) {
      EXPECT_NE(s.model.find(word == "Logistic" ? "logistic" : word), std::string::npos);
      EXPECT_NE(s.use.find(instead == "Linear" ? "linear" : instead), std::string::npos);
    }
  }
  // And the engine runs a spec as written: logistic regression on a numeric target is refused.
  Json spec = Json::parse(R"({"dataset":{"csv":"smooth.csv","target":"y"},"model":{"type":"logistic_regression"}})");
  EXPECT_THROW(run_experiment(spec, source_context()), Error);
}

Json rows() {
  // score, single-row µs, bytes
  return Json::parse(R"([
    {"name":"big","score":0.84,"latency":{"single_median_us":30,"batch_median_us":900},"size_bytes":60000},
    {"name":"small","score":0.82,"latency":{"single_median_us":20,"batch_median_us":500},"size_bytes":6000},
    {"name":"tiny","score":0.82,"latency":{"single_median_us":1,"batch_median_us":50},"size_bytes":7000},
    {"name":"broken","score":null,"latency":{"single_median_us":1,"batch_median_us":50},"size_bytes":10}])");
}

std::vector<std::string> order(const Json& answer) {
  std::vector<std::string> names;
  for (const auto& e : answer["ranking"]) names.push_back(e["name"]);
  return names;
}

TEST(BudgetRanking, TheBestScoreThatFitsThenFasterThenSmaller) {
  Json a = rank_budget(rows(), Json::object());
  EXPECT_EQ(a["best"], "big");
  EXPECT_EQ(order(a),
            (std::vector<std::string>{"big", "tiny", "small", "broken"}));  // tiny and small tie: faster first
  a = rank_budget(rows(), Json::parse(R"({"max_size_kb":8})"));
  EXPECT_EQ(a["best"], "tiny");
  EXPECT_EQ(order(a), (std::vector<std::string>{"tiny", "small", "broken", "big"}));
  EXPECT_EQ(a["ranking"][3], Json::parse(R"({"rank":4,"name":"big","fits":false,
    "misses":[{"constraint":"max_size_kb","value":58.59375,"limit":8}]})"));
  EXPECT_EQ(rank_budget(rows(), Json::parse(R"({"max_latency_ms":0.0015})"))["best"], "tiny");
  // A null score misses any minimum; nothing fits a minimum above every score.
  a = rank_budget(rows(), Json::parse(R"({"min_accuracy":0.9})"));
  EXPECT_TRUE(a["best"].is_null());
  EXPECT_EQ(a["ranking"][0]["misses"][0]["constraint"], "min_accuracy");
  EXPECT_EQ(a["ranking"][0]["misses"][0]["value"], 0.84);
  EXPECT_EQ(rank_budget(Json::array(), Json::object())["best"], Json());
}

TEST(BudgetRanking, AnUnknownLimitIsRefusedWithTheDeclaredOnes) {
  try {
    rank_budget(rows(), Json::parse(R"({"max_size_mb":1})"));
    FAIL() << "accepted an unknown limit";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "budget.max_size_mb: unknown limit; the limits are min_accuracy, max_latency_ms, max_size_kb");
  }
  EXPECT_THROW(rank_budget(rows(), Json::parse(R"({"max_size_kb":"8"})")), Error);
}

TEST(BudgetRanking, AScenarioMissesTheLimitsABudgetWouldMiss) {
  // The same constraint rules: a scenario with the budget's limits flags the same variants.
  const Json budget = Json::parse(R"({"max_size_kb":8,"max_latency_ms":0.025,"min_accuracy":0.83})");
  const Json answer = rank_budget(rows(), budget);
  std::vector<TradeoffPoint> points;
  for (const auto& r : rows())
    points.push_back({r["name"],
                      r["score"].is_number() ? r["score"].get<double>() : -std::numeric_limits<double>::infinity(),
                      r["latency"]["single_median_us"], r["latency"]["batch_median_us"], r["size_bytes"]});
  const Json scenario = Json{{"name", "s"},
                             {"latency", "single"},
                             {"priority", "accuracy"},
                             {"weights", {{"accuracy", 1}, {"latency", 0}, {"size", 0}}},
                             {"constraints", budget}};
  const Json ranked = rank_scenario(scenario, points, "accuracy");
  std::map<std::string, std::size_t> misses_by_scenario, misses_by_budget;
  for (const auto& e : ranked["ranking"]) misses_by_scenario[e["name"]] = e["violations"].size();
  for (const auto& e : answer["ranking"]) misses_by_budget[e["name"]] = e["misses"].size();
  EXPECT_EQ(misses_by_scenario, misses_by_budget);
  EXPECT_EQ(misses_by_budget["big"], 2u);  // size and latency
  EXPECT_EQ(constraint_misses(budget, 0.82, 30, 60000).size(), 3u);
}

}  // namespace
}  // namespace lab
