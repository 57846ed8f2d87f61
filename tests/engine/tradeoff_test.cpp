// Trade-off runs end to end on the lesson's widget, the new single-model runs, the Pareto
// front and scenario ranking, and bad trade-off specs, each named by its field.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "eval/latency.hpp"
#include "lab/experiment.hpp"
#include "test_support.hpp"
#include "tradeoff/latency_notes.hpp"
#include "tradeoff/result_records.hpp"
#include "tradeoff/tradeoff_ranking.hpp"

namespace {

using lab::Json;
using lab::test::error_of;

lab::RunContext context() {
  lab::RunContext c;
  c.base_dir = LAB_SOURCE_DIR;
  return c;
}

Json tradeoff_spec() {
  Json s = lab::test::titanic_spec();
  s["model"] = Json::parse(R"({"type": "mlp", "hidden": [16, 16]})");
  s["train"] = Json::parse(R"({"epochs": 40, "learning_rate": 0.01, "seed": 7})");
  s["variants"] = Json::parse(R"([
    {"name": "LR", "model": {"type": "logistic_regression"}},
    {"name": "MLP", "model": {"type": "mlp"}},
    {"name": "MLP int8", "compress": {"quantize": {"bits": 8}}}
  ])");
  return s;
}

std::string spec_error(const Json& s) {
  return error_of([&] { lab::run_experiment(s, context()); });
}

TEST(Tradeoff, TheLessonsVariantsOnTitanicGiveSensibleRows) {
  int reported = 0;
  lab::RunContext c;
  c.on_progress = [&](const lab::Progress& p) {
    if (p.stage == "variant") {
      EXPECT_EQ(p.done, ++reported);
      EXPECT_TRUE(p.data.contains("size_bytes"));
    }
    return true;
  };
  const auto r = lab::run_experiment_file(lab::test::source_path("widgets/performance_tradeoff.titanic.json"), c);

  const auto& rows = r["variants"];
  ASSERT_GE(rows.size(), 11u);
  EXPECT_EQ(reported, static_cast<int>(rows.size()));
  std::map<std::string, lab::OrderedJson> by_name;
  for (const auto& row : rows) {
    by_name[row["name"].get<std::string>()] = row;
    EXPECT_TRUE(row["round_trip_identical"].get<bool>()) << row["name"];
    EXPECT_GT(row["accuracy"].get<double>(), 0.6) << row["name"];
    EXPECT_GT(row["size_bytes"].get<long>(), 0);
    EXPECT_LE(row["nonzero"].get<long>(), row["parameters"].get<long>());
    const auto& l = row["latency"];
    EXPECT_GT(l["single_median_us"].get<double>(), 0);
    EXPECT_LE(l["single_median_us"].get<double>(), l["single_p90_us"].get<double>());
    EXPECT_LE(l["batch_median_us"].get<double>(), l["batch_p90_us"].get<double>());
  }
  const auto& fp32 = by_name.at("MLP fp32");
  const auto& fp16 = by_name.at("MLP fp16");
  const auto& int8 = by_name.at("MLP int8");
  EXPECT_EQ(fp32["format"], "mlp_fp32");
  EXPECT_EQ(fp16["format"], "mlp_fp16");
  EXPECT_EQ(int8["format"], "mlp_int8");
  EXPECT_LT(int8["size_bytes"].get<long>(), fp16["size_bytes"].get<long>());
  EXPECT_LT(fp16["size_bytes"].get<long>(), fp32["size_bytes"].get<long>());
  EXPECT_LE(std::abs(int8["score_change"].get<double>()), 0.03);
  EXPECT_EQ(int8["base"]["name"], "MLP fp32");
  EXPECT_LE(int8["weight_error"]["max_steps"].get<double>(), 0.5 + 1e-6);
  EXPECT_LT(fp16["weight_error"]["max_relative"].get<double>(), 1.0 / 2048 + 1e-9);  // half an ulp of float16
  double previous_size = fp32["size_bytes"].get<double>();
  for (const char* name : {"MLP pruned 50%", "MLP pruned 80%", "MLP pruned 95%"}) {
    const auto& p = by_name.at(name);
    EXPECT_EQ(p["format"], "mlp_sparse");
    EXPECT_LT(p["size_bytes"].get<double>(), previous_size) << name;  // sparser is smaller
    previous_size = p["size_bytes"].get<double>();
    EXPECT_EQ(p["parameters"], fp32["parameters"]);
  }
  EXPECT_NEAR(by_name.at("MLP pruned 80%")["training"]["kernel_sparsity"].get<double>(), 0.8, 1e-3);
  const auto& student = by_name.at("Distilled student");
  EXPECT_LT(student["parameters"].get<long>(), fp32["parameters"].get<long>() / 5);
  EXPECT_EQ(student["base"]["name"], "MLP fp32");
  EXPECT_EQ(by_name.at("Pruned tree")["format"], "tree");
  EXPECT_LT(by_name.at("Pruned tree")["training"]["leaves"].get<int>(),
            by_name.at("Pruned tree")["training"]["unpruned_leaves"].get<int>());
  const auto& boosted = by_name.at("Boosted trees (early stopping)");
  EXPECT_TRUE(boosted["training"]["stopped_early"].get<bool>());
  EXPECT_LT(boosted["training"]["stages"].get<int>(), boosted["training"]["n_estimators"].get<int>());
  EXPECT_LT(by_name.at("L1 logistic regression")["nonzero"].get<int>(),
            by_name.at("Logistic regression")["nonzero"].get<int>());

  std::set<std::string> names;
  for (const auto& row : rows) names.insert(row["name"].get<std::string>());
  ASSERT_FALSE(r["pareto"].empty());
  for (const auto& n : r["pareto"]) EXPECT_TRUE(names.count(n.get<std::string>()));
  ASSERT_EQ(r["scenarios"].size(), 3u);
  for (const auto& s : r["scenarios"]) {
    EXPECT_EQ(s["ranking"].size(), rows.size());
    EXPECT_TRUE(s.contains("weights"));
    EXPECT_TRUE(s.contains("constraints"));
    EXPECT_FALSE(s["method"].get<std::string>().empty());
  }
  EXPECT_EQ(r["data"]["rows"]["test"], 263);
  // Every field as the engine declares it (tradeoff/result_records.*: the web shell's types).
  EXPECT_EQ(lab::result_mismatches("TradeoffResult", Json::parse(r.dump())), std::vector<std::string>{});

  // The deployment changes the choice (what the lesson's reflection question asks). Scores,
  // sizes and the scenarios' metrics are deterministic; each winner leads by a margin its
  // scenario's latency weight cannot overturn.
  std::map<std::string, std::string> choice;
  for (const auto& s : r["scenarios"]) choice[s["name"].get<std::string>()] = s["ranking"][0]["name"];
  EXPECT_EQ(choice["real-time"], "Pruned tree");
  EXPECT_EQ(choice["batch"], "Boosted trees (early stopping)");
  EXPECT_EQ(choice["edge"], "Distilled student");
  // Pruned forms store only what their zeros save: smaller than the fp32 MLP, int8 too.
  for (const char* pruned : {"MLP pruned 50%", "MLP pruned 80%", "MLP pruned 95%"}) {
    EXPECT_EQ(by_name[pruned]["format"], "mlp_sparse");
    EXPECT_LT(by_name[pruned]["size_bytes"].get<long>(), by_name["MLP fp32"]["size_bytes"].get<long>()) << pruned;
    EXPECT_EQ(by_name[pruned]["vs_base"]["name"], "MLP fp32");
    for (const char* kind : {"single", "batch"})  // the kernel it runs is the faster it measured
      EXPECT_TRUE(by_name[pruned]["kernel"][kind] == "sparse" || by_name[pruned]["kernel"][kind] == "dense");
  }
  EXPECT_EQ(by_name["MLP int8"]["vs_base"]["name"], "MLP fp32");
  EXPECT_TRUE(by_name["MLP fp32"]["vs_base"].is_null());
}

TEST(TradeoffResultRecords, AFieldMissingUndeclaredOfAnotherTypeOrOutsideItsChoicesIsNamed) {
  const Json base = Json::parse(R"({"name": "MLP", "what": "the MLP", "score": 0.8, "loss": 0.4})");
  EXPECT_EQ(lab::result_mismatches("VariantBase", base), std::vector<std::string>{});
  Json bad = base;
  bad.erase("what");
  bad["score"] = "high";
  bad["extra"] = 1;
  bad["name"] = nullptr;  // declared nullable
  EXPECT_EQ(lab::result_mismatches("VariantBase", bad, "variants[2].base"),
            (std::vector<std::string>{"variants[2].base.what: missing",
                                      "variants[2].base.score: expected number, got \"high\"",
                                      "variants[2].base.extra: not declared in VariantBase"}));
  const Json entry =
      Json::parse(R"({"rank": 1.5, "name": "A", "score": 1, "meets_constraints": true, "violations": ["x", 2],
                      "misses": [{"constraint": "max_speed", "value": 1, "limit": 2}]})");
  EXPECT_EQ(lab::result_mismatches("RankingEntry", entry),
            (std::vector<std::string>{"rank: expected integer, got 1.5", "violations[1]: expected string, got 2",
                                      "misses[0].constraint: 'max_speed' is not one of the declared choices"}));
  Json scenario = Json::parse(
      R"({"name": "s", "title": "S", "priority": "speed", "latency": "single", "metric": "auc", "metric_note": null, "metric_fallback": null, "weights": {},
                                  "constraints": {}, "method": "m", "ranking": []})");
  EXPECT_EQ(lab::result_mismatches("ScenarioResult", scenario),
            std::vector<std::string>{"priority: 'speed' is not one of the declared choices"});
}

TEST(Tradeoff, SmallRunIsDeterministicApartFromTimings) {
  auto strip = [](lab::OrderedJson r) {
    for (auto& row : r["variants"]) {
      row.erase("latency");
      row.erase("latency_ms");
      row.erase("kernel");  // chosen by timing
      row.erase("vs_base");
      row.erase("latency_notes");
    }
    for (const char* timing : {"rounds", "spread", "busy", "note"}) r["measurement"].erase(timing);
    r.erase("pareto");
    r.erase("scenarios");
    return r.dump();
  };
  EXPECT_EQ(strip(lab::run_experiment(tradeoff_spec(), context())),
            strip(lab::run_experiment(tradeoff_spec(), context())));
}

// latency.batch_rows sets the whole-batch call's rows (a deployment's batch, repeating the test
// rows past their end); 0 keeps the whole test set. Everything else in the result is unchanged.
TEST(Tradeoff, LatencyBatchRowsSetTheBatchCall) {
  const lab::OrderedJson whole = lab::run_experiment(tradeoff_spec(), context());
  const int test_rows = whole["data"]["rows"]["test"].get<int>();
  for (const auto& row : whole["variants"]) EXPECT_EQ(row["latency"]["batch_rows"], test_rows) << row["name"];
  for (int rows : {1, test_rows + 37}) {
    Json s = tradeoff_spec();
    s["latency"] = {{"batch_rows", rows}};
    const lab::OrderedJson r = lab::run_experiment(s, context());
    for (std::size_t i = 0; i < r["variants"].size(); ++i) {
      EXPECT_EQ(r["variants"][i]["latency"]["batch_rows"], rows);
      EXPECT_EQ(r["variants"][i]["accuracy"], whole["variants"][i]["accuracy"]);
    }
  }
  Json bad = tradeoff_spec();
  bad["latency"] = {{"batch_rows", -1}};
  EXPECT_EQ(spec_error(bad), "latency.batch_rows: value -1 is outside [0, 200000]");
}

TEST(Tradeoff, CancelStopsBetweenVariants) {
  lab::RunContext c = context();
  int seen = 0;
  c.on_progress = [&](const lab::Progress& p) { return p.stage != "variant" || ++seen < 2; };
  EXPECT_THROW(lab::run_experiment(tradeoff_spec(), c), lab::Cancelled);
  EXPECT_EQ(seen, 2);
}

TEST(Tradeoff, ParetoFrontAndScenarioRanking) {
  std::vector<lab::TradeoffPoint> points{{"accurate", 0.85, 10, 100, 6000},
                                         {"fast", 0.80, 1, 10, 200},
                                         {"dominated", 0.79, 2, 20, 300},
                                         {"tiny", 0.70, 3, 30, 50}};
  EXPECT_EQ(lab::pareto_front(points), (std::vector<std::string>{"accurate", "fast", "tiny"}));
  Json scenario = Json::parse(R"({"name": "edge", "priority": "size", "latency": "single",
    "weights": {"accuracy": 0, "latency": 0, "size": 1}, "constraints": {"min_accuracy": 0.75}})");
  const auto ranked = lab::rank_scenario(scenario, points, "accuracy");
  std::vector<std::string> order;
  for (const auto& e : ranked["ranking"]) order.push_back(e["name"].get<std::string>());
  EXPECT_EQ(order, (std::vector<std::string>{"fast", "dominated", "accurate", "tiny"}));  // tiny misses min_accuracy
  EXPECT_FALSE(ranked["ranking"][3]["meets_constraints"].get<bool>());
  EXPECT_EQ(ranked["ranking"][3]["violations"][0], "accuracy 0.7 < 0.75");
  // The same miss as data, for a page that words it in its own language.
  EXPECT_EQ(ranked["ranking"][3]["misses"],
            Json::parse(R"([{"constraint": "min_accuracy", "value": 0.7, "limit": 0.75}])"));
  EXPECT_EQ(ranked["ranking"][0]["misses"], Json::array());
  EXPECT_DOUBLE_EQ(ranked["ranking"][0]["score"].get<double>(), std::log(6000.0 / 200) / std::log(6000.0 / 50));
}

TEST(Tradeoff, DecisionTreeAndBoostingRunOnTheirOwn) {
  Json s = lab::test::titanic_spec();
  s["model"] = Json::parse(R"({"type": "decision_tree", "min_samples_leaf": 5, "ccp_alpha": 0.0025})");
  auto tree = lab::run_experiment(s, context());
  EXPECT_GT(tree["metrics"]["test"]["accuracy"].get<double>(), 0.75);
  EXPECT_LT(tree["model"]["leaves"].get<int>(), tree["model"]["unpruned_leaves"].get<int>());
  const auto& path = tree["ccp_path"];
  ASSERT_GT(path["ccp_alphas"].size(), 5u);
  EXPECT_EQ(path["ccp_alphas"].size(), path["impurities"].size());
  EXPECT_EQ(path["leaves"].back(), 1);
  EXPECT_EQ(path["scored"].back()["leaves"], 1);
  EXPECT_EQ(path["scored"][0]["leaves"], tree["model"]["unpruned_leaves"]);
  EXPECT_GT(tree["importance"]["gini"]["gender=male"].get<double>(), 0.2);

  s["model"] = Json::parse(R"({"type": "gradient_boosting", "n_estimators": 300, "n_iter_no_change": 10})");
  auto boost = lab::run_experiment(s, context());
  EXPECT_GT(boost["metrics"]["test"]["accuracy"].get<double>(), 0.75);
  const int stages = boost["model"]["stages"];
  EXPECT_EQ(boost["history"].size(), static_cast<std::size_t>(stages));
  EXPECT_EQ(boost["early_stopping"]["stopped_stage"], stages);
  EXPECT_EQ(boost["early_stopping"]["stages_saved"], 300 - stages);
}

// ---- bad input -----------------------------------------------------------------------------

Json with_variant(const Json& variant) {
  Json s = tradeoff_spec();
  s["variants"].push_back(variant);
  return s;
}

TEST(TradeoffBadInput, EachProblemNamesItsField) {
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"prune": {"sparsity": 1}}})"))),
            "variants[3].compress.prune.sparsity: value 1 is outside [0, 1)");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"prune": {"sparsity": -0.1}}})"))),
            "variants[3].compress.prune.sparsity: value -0.1 is outside [0, 1)");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"quantize": {"bits": 12}}})"))),
            "variants[3].compress.quantize.bits: 12 bits is not supported; use 8 (int8 weights, integer kernel) or 16 "
            "(float16 storage)");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"quantize": {"bits": 4}}})"))),
            "variants[3].compress.quantize.bits: value 4 is outside [8, 16]");
  EXPECT_EQ(spec_error(with_variant(
                Json::parse(R"({"name": "x", "compress": {"distill": {"teacher": "MLP", "temperature": 0}}})"))),
            "variants[3].compress.distill.temperature: value 0 is outside (0, 100]");
  EXPECT_EQ(
      spec_error(with_variant(Json::parse(R"({"name": "x", "model": {"type": "decision_tree", "max_depth": 0}})"))),
      "variants[3].model.max_depth: value 0 is outside [1, 32]");
  EXPECT_EQ(spec_error(
                with_variant(Json::parse(R"({"name": "x", "model": {"type": "gradient_boosting", "max_depth": 33}})"))),
            "variants[3].model.max_depth: value 33 is outside [1, 32]");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"distill": {"teacher": "Nobody"}}})"))),
            "variants[3].compress.distill.teacher: unknown teacher 'Nobody'; expected the name of an earlier variant: "
            "'LR', 'MLP', 'MLP int8'");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compress": {"distill": {"teacher": "x"}}})"))),
            "variants[3].compress.distill.teacher: a variant cannot teach itself");
  EXPECT_EQ(spec_error(with_variant(Json::parse(
                R"({"name": "x", "model": {"type": "logistic_regression"}, "compress": {"quantize": {}}})"))),
            "variants[3].compress: prune, quantize and distill apply to MLP models; this variant's model is "
            "'logistic_regression' "
            "(a tree is pruned with model.ccp_alpha; a logistic regression gets zeros from model.l1_ratio)");
  EXPECT_EQ(
      spec_error(with_variant(Json::parse(R"({"name": "x", "split": {"test": 0.5}})"))),
      "variants[3].split: a variant cannot change the data; every variant is trained and measured on the same rows");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "MLP"})"))),
            "variants[3].name: the name \"MLP\" is already used by variants[1]");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"compress": {}})"))), "variants[3].name: is required");
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "compres": {}})")))
                .rfind("variants[3].compres: unknown option 'compres'", 0),
            0u);
  EXPECT_EQ(spec_error(with_variant(Json::parse(R"({"name": "x", "model": {"type": "mlp", "hidden": [0]}})"))),
            "variants[3].model.hidden[0]: value 0 is outside [1, 1024]");
  EXPECT_EQ(spec_error(with_variant(
                Json::parse(R"({"name": "x", "compress": {"prune": {"method": "gradual", "epochs": 0}}})"))),
            "variants[3].compress.prune.epochs: gradual pruning happens while fine-tuning; give it epochs > 0");

  Json s = tradeoff_spec();
  s["variants"] = Json::array();
  EXPECT_EQ(spec_error(s), "variants: the list is empty; a trade-off run needs at least one variant");
  s = tradeoff_spec();
  s["variants"][0]["compress"] = Json::parse(R"({"distill": {"teacher": "MLP"}})");
  s["variants"][0]["model"] = Json::parse(R"({"type": "mlp"})");
  EXPECT_EQ(
      spec_error(s),
      "variants[0].compress.distill.teacher: 'MLP' is variants[1], after this one; list a teacher before its students");
  s = tradeoff_spec();
  s["split"]["test"] = 0;
  EXPECT_EQ(spec_error(s), "split.test: a trade-off run measures every variant on test rows; set split.test > 0");
  s = tradeoff_spec();
  s["variants"] = Json::object();
  EXPECT_EQ(spec_error(s), "variants: expected a list of objects, got {}");
  s = tradeoff_spec();
  s["scenarios"] = Json::parse(R"([{"name": "edge", "weights": {"size": -1}}])");
  EXPECT_EQ(spec_error(s), "scenarios[0].weights.size: value -1 is outside [0, 100]");
  s = lab::test::titanic_spec();
  s["split"]["validation"] = 0;
  s["model"] = Json::parse(R"({"type": "gradient_boosting", "n_iter_no_change": 5})");
  EXPECT_EQ(spec_error(s), "model.n_iter_no_change: early stopping needs a validation split (split.validation > 0)");
  // After all that, a good run still works.
  EXPECT_NO_THROW(lab::normalize_spec(tradeoff_spec()));
}

}  // namespace

TEST(TradeoffLatency, RoundByRoundComparisonsSayFasterSlowerOrWithinNoise) {
  // b takes 10 µs a round; the machine gets busy in rounds 5-9 for both alike.
  std::vector<double> b, faster, same, slower;
  for (int r = 0; r < 20; ++r) {
    const double load = r >= 5 && r < 10 ? 3.0 : 1.0;
    b.push_back(10 * load);
    faster.push_back(6 * load);
    same.push_back((r % 2 ? 10.3 : 9.7) * load);
    slower.push_back(12 * load);
  }
  EXPECT_EQ(lab::compare_rounds(faster, b).verdict, "faster");
  EXPECT_NEAR(lab::compare_rounds(faster, b).ratio, 0.6, 1e-12);  // the busy rounds cancel out
  EXPECT_EQ(lab::compare_rounds(same, b).verdict, "within_noise");
  EXPECT_EQ(lab::compare_rounds(slower, b).verdict, "slower");
  // Medians taken apart would mislead; the spread says the machine was busy.
  lab::RoundTimes quiet{std::vector<double>(20, 10.0), std::vector<double>(20, 100.0)};
  lab::RoundTimes busy{b, b};
  EXPECT_LT(lab::round_spread({quiet}), lab::kBusySpread);
  EXPECT_GT(lab::round_spread({busy, busy}), lab::kBusySpread);
  EXPECT_TRUE(lab::busy_note(lab::round_spread({quiet})).empty());
  EXPECT_NE(lab::busy_note(3.0).find("The page was busy"), std::string::npos);
}

TEST(TradeoffLatency, NotesSayWhyACompressedFormIsNotFaster) {
  lab::LatencyFacts pruned{"MLP pruned 50%",
                           "mlp_sparse",
                           "MLP fp32",
                           0.5,
                           "dense",
                           "sparse",
                           lab::Comparison{1.01, 0.97, 1.05, "within_noise"},
                           lab::Comparison{0.6, 0.5, 0.7, "faster"},
                           263};
  const auto notes = lab::latency_notes(pruned);
  ASSERT_EQ(notes.size(), 1u);  // the batch is faster: nothing to explain there
  EXPECT_NE(notes[0].text.find("within measurement noise of MLP fp32 per row"), std::string::npos) << notes[0].text;
  EXPECT_NE(notes[0].text.find("at 50 % zeros"), std::string::npos) << notes[0].text;
  EXPECT_NE(notes[0].text.find("runs the dense kernel per row"), std::string::npos) << notes[0].text;
  // The parts a page in another language words the note from.
  EXPECT_EQ(notes[0].verdict, "within_noise");
  EXPECT_EQ(notes[0].calls, "single");
  EXPECT_EQ(notes[0].reason, "sparse_ran_dense");
  EXPECT_EQ(notes[0].to_json()["low"], 0.97);
  EXPECT_EQ(notes[0].to_json()["sparsity"], 0.5);
  lab::LatencyFacts int8{"MLP int8",
                         "mlp_int8",
                         "MLP fp32",
                         0,
                         "dense",
                         "dense",
                         lab::Comparison{1.4, 1.2, 1.6, "slower"},
                         lab::Comparison{1.2, 1.1, 1.3, "slower"},
                         100};
  const auto int8_notes = lab::latency_notes(int8);
  ASSERT_EQ(int8_notes.size(), 2u);
  EXPECT_NE(int8_notes[0].text.find("took 1.40× the time of MLP fp32 per row: one row is little work"),
            std::string::npos);
  EXPECT_NE(int8_notes[1].text.find("per batch of 100 rows: this network's layers are small"), std::string::npos);
  EXPECT_EQ(int8_notes[0].reason, "int8_one_row");
  EXPECT_EQ(int8_notes[1].reason, "int8_small_layers");
  EXPECT_EQ(int8_notes[1].batch_rows, 100);
  lab::LatencyFacts fp16{"MLP fp16",
                         "mlp_fp16",
                         "MLP fp32",
                         0,
                         "dense",
                         "dense",
                         lab::Comparison{0.98, 0.9, 1.1, "within_noise"},
                         lab::Comparison{0.8, 0.7, 0.9, "faster"},
                         1};
  EXPECT_NE(lab::latency_notes(fp16)[0].text.find("widened back to float32"), std::string::npos);
  EXPECT_EQ(lab::latency_notes(fp16)[0].reason, "fp16_widened");
}

TEST(TradeoffLatency, InterleavedRoundsTimeEveryFormEveryRound) {
  int single_a = 0, single_b = 0, prepared = 0;
  volatile double sink = 0;
  auto work = [&](int n) {
    for (int i = 0; i < n; ++i) sink = sink + std::sqrt(static_cast<double>(i));
  };
  std::vector<lab::TimedForm> forms{
      {[&](int) { ++single_a, work(50); }, [&] { work(500); }, {}},
      {[&](int) { ++single_b, work(400); }, [&] { work(4000); }, [&] { ++prepared; }},
  };
  lab::LatencyOptions o;
  o.budget_ms_per_form = 1;
  o.block_ms = 0.05;
  o.min_rounds = 9;
  const auto times = lab::time_interleaved(forms, 7, o);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[0].single_us.size(), 9u);
  EXPECT_EQ(times[0].single_us.size(), times[1].single_us.size());
  EXPECT_EQ(times[0].batch_us.size(), times[1].batch_us.size());
  EXPECT_GE(prepared, static_cast<int>(times[1].single_us.size()));  // before each of its measurements
  EXPECT_GT(single_a, 0);
  EXPECT_GT(single_b, 0);
  const lab::Latency a = lab::summarize(times[0], 7), b = lab::summarize(times[1], 7);
  EXPECT_LE(a.single_p10_us, a.single_median_us);
  EXPECT_LE(a.single_median_us, a.single_p90_us);
  EXPECT_EQ(a.rounds, static_cast<int>(times[0].single_us.size()));
  EXPECT_EQ(a.single_runs, a.rounds * times[0].single_calls);
  EXPECT_EQ(b.rounds, a.rounds);
  // Which form is faster is a measurement, not asserted here (a sanitizer build or a busy
  // machine may blur 8x less work): the verdicts' rule is tested on fixed times above.
}
