// Trade-off runs: every variant is trained, compressed, serialized, loaded back from its bytes,
// evaluated on the test rows and timed; the rows then get a Pareto front and one ranking per
// deployment scenario. Everything a row reports is measured on the loaded model: what ships.
#include <algorithm>
#include <cmath>
#include <map>

#include "compress/serialize.hpp"
#include "eval/latency.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/runners.hpp"
#include "export/model_parts.hpp"
#include "lab/error.hpp"
#include "metrics/task_metrics.hpp"
#include "metrics/task_vocabulary.hpp"
#include "tradeoff/latency_notes.hpp"
#include "tradeoff/run_tradeoff.hpp"
#include "tradeoff/tradeoff_build.hpp"
#include "tradeoff/tradeoff_ranking.hpp"
#include "tradeoff/tradeoff_schema.hpp"

namespace lab {
namespace {

std::string training_key(const Json& merged) { return merged["model"].dump() + merged["train"].dump(); }

bool compresses(const Json& variant) { return variant.contains("compress") && !variant["compress"].empty(); }

OrderedJson finite_or_null(double v) { return std::isfinite(v) ? OrderedJson(v) : OrderedJson(); }

void check_distill_teacher(const Json& variants, std::size_t index, const std::string& teacher) {
  const std::string field = "compress.distill.teacher";
  if (teacher == variants[index]["name"].get<std::string>()) fail_field(field, "a variant cannot teach itself");
  std::string earlier;
  for (std::size_t k = 0; k < variants.size(); ++k) {
    const std::string name = variants[k]["name"].get<std::string>();
    if (name == teacher && k > index)
      fail_field(field, "'" + teacher + "' is variants[" + std::to_string(k) +
                            "], after this one; list a teacher before its students");
    if (name == teacher) return;
    if (k < index) earlier += (earlier.empty() ? "'" : ", '") + name + "'";
  }
  fail_field(field, "unknown teacher '" + teacher + "'; " +
                        (earlier.empty() ? std::string("there is no earlier variant to learn from")
                                         : "expected the name of an earlier variant: " + earlier));
}

}  // namespace

void check_variant(const Json& spec, std::size_t index, const Json& merged) {
  const Json& variant = spec["variants"][index];
  if (!compresses(variant)) return;
  const Json& c = variant["compress"];
  const std::string type = merged["model"]["type"].get<std::string>();
  if (type != "mlp")
    fail_field("compress",
               "prune, quantize and distill apply to MLP models; this variant's model is '" + type +
                   "' (a tree is pruned with model.ccp_alpha; a logistic regression gets zeros from model.l1_ratio)");
  if (c.contains("quantize")) {
    const int bits = c["quantize"]["bits"].get<int>();
    if (bits != 8 && bits != 16)
      fail_field("compress.quantize.bits",
                 std::to_string(bits) +
                     " bits is not supported; use 8 (int8 weights, integer kernel) or 16 (float16 storage)");
  }
  if (c.contains("prune")) {
    const Json& p = c["prune"];
    if (p["method"] == "gradual" && p["epochs"].get<int>() == 0)
      fail_field("compress.prune.epochs", "gradual pruning happens while fine-tuning; give it epochs > 0");
    if (p.contains("end_step") && p["end_step"].get<long>() <= p["begin_step"].get<long>())
      fail_field("compress.prune.end_step", "must come after begin_step (" + p["begin_step"].dump() + ")");
    if (p["initial_sparsity"].get<double>() > p["sparsity"].get<double>())
      fail_field("compress.prune.initial_sparsity",
                 "must not exceed the final sparsity (" + p["sparsity"].dump() + ")");
  }
  if (c.contains("distill")) check_distill_teacher(spec["variants"], index, c["distill"]["teacher"].get<std::string>());
}

namespace {

// What RunContext::export_variant asks for: the loaded model's parts, the columns they read,
// and the first test rows with the predictions the engine gave them (rows x outputs).
OrderedJson export_of(const DeployedModel& model, const PreparedData& d, const FloatRows& X_test, const Prediction& p) {
  std::string why;
  OrderedJson parts = model_parts(model, d.task, why);
  if (parts.is_null()) return {{"error", why}};
  OrderedJson rows = OrderedJson::array(), predictions = OrderedJson::array();
  for (Eigen::Index r = 0; r < std::min<Eigen::Index>(X_test.rows(), 32); ++r) {
    rows.push_back(std::vector<float>(X_test.row(r).data(), X_test.row(r).data() + X_test.cols()));
    std::vector<double> row(static_cast<std::size_t>(p.cols()));
    for (Eigen::Index k = 0; k < p.cols(); ++k) row[static_cast<std::size_t>(k)] = p(r, k);  // p is column-major
    predictions.push_back(row);
  }
  return {{"format", format_name(model.format())},
          {"columns", d.preprocessor.columns},
          {"parts", parts},
          {"check", {{"rows", rows}, {"predictions", predictions}}}};
}

// A prediction's score (the task's main score, higher is better) and loss (log loss or MSE).
struct Scored {
  double score = 0, loss = 0;
};

Scored scored(const Task& task, const Eigen::VectorXd& y, const Prediction& p) {
  return {main_score(task, y, p), task_loss(task, y, p)};
}

// The task's headline metrics as row fields, next to the full metrics block.
void headline_metrics(const OrderedJson& m, OrderedJson& row) {
  const char* keys[] = {"accuracy", "log_loss", "auc", "f1", "f1_macro", "r2", "rmse", "mae"};
  for (const char* k : keys)
    if (m.contains(k)) row[k] = m[k].is_number() ? finite_or_null(m[k].get<double>()) : m[k];
}

}  // namespace

OrderedJson run_tradeoff(const Json& spec, const PreparedData& d, const RunContext& context) {
  const Json& variants = spec["variants"];
  const int count = static_cast<int>(variants.size());
  std::vector<Json> merged;
  std::map<std::string, std::string> uncompressed;  // training key -> first variant shipping it as trained
  for (std::size_t i = 0; i < variants.size(); ++i) {
    merged.push_back(variant_spec(spec, i));
    try {  // every variant's model must predict this task's target
      model_kind(merged.back()["model"]["type"].get<std::string>()).runner(d.task);
    } catch (const Error& e) {
      fail_field("variants[" + std::to_string(i) + "].model.type", e.message());
    }
    if (!compresses(variants[i]))
      uncompressed.emplace(training_key(merged.back()), variants[i]["name"].get<std::string>());
  }

  for (const std::string& wanted : context.export_variants) {
    std::string names;
    bool found = false;
    for (const auto& v : variants) {
      found = found || v["name"] == wanted;
      names += (names.empty() ? "" : ", ") + v["name"].get<std::string>();
    }
    if (!found) fail_field("variants", "no variant named '" + wanted + "' to export; the variants are: " + names);
  }

  VariantBuilder builder(d);
  const FloatRows X_test = to_float_rows(d.X_test);
  std::vector<FloatRows> single_rows;
  for (Eigen::Index r = 0; r < X_test.rows(); ++r) single_rows.emplace_back(X_test.row(r));
  // The whole-batch call's rows: the test set, or latency.batch_rows of its rows (repeated in
  // turn when there are more than the test set has): a deployment's batch size, not the split's.
  const int batch_rows = spec["latency"]["batch_rows"].get<int>();
  FloatRows X_batch = X_test;
  if (batch_rows > 0 && X_test.rows() > 0) {
    X_batch.resize(batch_rows, X_test.cols());
    for (int r = 0; r < batch_rows; ++r) X_batch.row(r) = X_test.row(r % X_test.rows());
  }
  std::map<std::string, std::unique_ptr<DeployedModel>> shipped;
  std::map<std::string, const DeployedModel*> teachers;
  std::map<std::string, Scored> scored_of;
  std::vector<OrderedJson> rows;
  std::vector<std::string> names;
  std::vector<DeployedModel*> forms;  // the loaded models, in variant order
  volatile double sink = 0;           // keeps timed predictions from being optimized away
  const Task& task = d.task;

  // 1. Build, serialize, load back and score every variant. Its row goes out as progress now;
  //    its latency comes from the timing rounds below, once every form exists.
  for (int i = 0; i < count; ++i) {
    const Json& v = variants[static_cast<std::size_t>(i)];
    const std::string name = v["name"].get<std::string>();
    const Json compress = compresses(v) ? v["compress"] : Json();
    BuiltVariant built = builder.build(merged[static_cast<std::size_t>(i)], compress, teachers);

    const std::vector<std::uint8_t> bytes = save_model(*built.model);
    std::unique_ptr<DeployedModel> loaded = load_model(bytes);
    const Prediction p = loaded->predict(X_test);
    const bool identical = (p.array() == built.model->predict(X_test).array()).all();
    const OrderedJson metrics = evaluate_task(task, d.y_test, p);
    const Scored s = scored(task, d.y_test, p);

    OrderedJson base;
    if (built.base) {
      const Scored b = scored(task, d.y_test, built.base->predict(X_test));
      auto listed = uncompressed.find(training_key(merged[static_cast<std::size_t>(i)]));
      base = {{"name", listed != uncompressed.end() ? OrderedJson(listed->second) : OrderedJson()},
              {"what", built.base_label},
              {"score", b.score},
              {"loss", b.loss}};
    } else if (compress.contains("distill")) {
      const std::string teacher = compress["distill"]["teacher"].get<std::string>();
      const Scored& b = scored_of.at(teacher);
      base = {{"name", teacher}, {"what", "the teacher"}, {"score", b.score}, {"loss", b.loss}};
    }

    OrderedJson row;
    row["name"] = name;
    row["model"] = merged[static_cast<std::size_t>(i)]["model"]["type"];
    row["format"] = format_name(loaded->format());
    row["head"] = loaded->head().name();
    row["compress"] = compress;
    row["score"] = finite_or_null(s.score);
    row["loss"] = finite_or_null(s.loss);
    headline_metrics(metrics, row);
    row["metrics"] = metrics;
    row["size_bytes"] = bytes.size();
    row["size_kb"] = static_cast<double>(bytes.size()) / 1024;
    row["parameters"] = loaded->parameters();
    row["nonzero"] = loaded->nonzero();
    row["sparsity"] =
        1 - static_cast<double>(loaded->nonzero()) / static_cast<double>(std::max(1L, loaded->parameters()));
    row["base"] = base;
    row["score_change"] = base.is_null() ? OrderedJson() : finite_or_null(s.score - base["score"].get<double>());
    row["loss_change"] = base.is_null() ? OrderedJson() : finite_or_null(s.loss - base["loss"].get<double>());
    row["weight_error"] = built.weight_error;
    row["training"] = built.training;
    row["round_trip_identical"] = identical;
    if (std::find(context.export_variants.begin(), context.export_variants.end(), name) !=
        context.export_variants.end())
      row["export"] = export_of(*loaded, d, X_test, p);
    report(context, "variant", i + 1, count, row);
    rows.push_back(std::move(row));
    names.push_back(name);
    forms.push_back(loaded.get());
    scored_of[name] = s;
    teachers[name] = loaded.get();
    shipped[name] = std::move(loaded);
  }

  // 2. Time every form, and every kernel of a form that has several, in interleaved rounds.
  struct Entry {
    std::size_t variant;
    std::string kernel;
  };
  std::vector<Entry> entries;
  std::vector<TimedForm> timed;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    DeployedModel* m = forms[i];
    for (const std::string& kernel : m->kernel_names()) {
      entries.push_back({i, kernel});
      timed.push_back({[&, m](int r) { sink = sink + m->predict(single_rows[static_cast<std::size_t>(r)])(0, 0); },
                       [&, m] { sink = sink + m->predict(X_batch)(0, 0); },
                       m->kernel_names().size() > 1
                           ? std::function<void()>([m, kernel] { m->use_kernels(kernel, kernel); })
                           : std::function<void()>()});
    }
  }
  report(context, "timing", 0, 1, OrderedJson{{"forms", timed.size()}});
  const std::vector<RoundTimes> times = time_interleaved(timed, static_cast<int>(single_rows.size()));
  report(context, "timing", 1, 1, OrderedJson{{"forms", timed.size()}});
  const double spread = round_spread(times);

  // Each form's kernels: the faster median for one row and for a batch.
  std::vector<RoundTimes> chosen(forms.size());
  std::vector<std::pair<std::string, std::string>> kernel_of(forms.size());
  std::vector<OrderedJson> timed_kernels(forms.size(), OrderedJson::object());
  std::vector<std::pair<double, double>> best(forms.size(), {INFINITY, INFINITY});
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const std::size_t i = entries[e].variant;
    const double single = percentile(times[e].single_us, 0.5), batch = percentile(times[e].batch_us, 0.5);
    timed_kernels[i][entries[e].kernel] = {{"single_median_us", single}, {"batch_median_us", batch}};
    if (single < best[i].first) {
      best[i].first = single;
      kernel_of[i].first = entries[e].kernel;
      chosen[i].single_us = times[e].single_us;
      chosen[i].single_calls = times[e].single_calls;
    }
    if (batch < best[i].second) {
      best[i].second = batch;
      kernel_of[i].second = entries[e].kernel;
      chosen[i].batch_us = times[e].batch_us;
      chosen[i].batch_calls = times[e].batch_calls;
    }
  }

  // 3. Latency, kernels and the comparison with the variant each was made from.
  std::vector<TradeoffPoint> points;
  const int batch_row_count = static_cast<int>(X_batch.rows());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    OrderedJson& row = rows[i];
    forms[i]->use_kernels(kernel_of[i].first, kernel_of[i].second);
    const Latency latency = summarize(chosen[i], batch_row_count);
    row["latency"] = latency.to_json();
    row["latency_ms"] = latency.single_median_us / 1000;
    row["kernel"] = {{"single", kernel_of[i].first}, {"batch", kernel_of[i].second}, {"timed", timed_kernels[i]}};
    row["vs_base"] = OrderedJson();
    row["latency_notes"] = OrderedJson::array();
    const OrderedJson& base = row["base"];
    const auto listed = base.is_null() || !base["name"].is_string()
                            ? names.end()
                            : std::find(names.begin(), names.end(), base["name"].get<std::string>());
    if (listed != names.end()) {
      const std::size_t b = static_cast<std::size_t>(listed - names.begin());
      LatencyFacts facts{names[i],
                         row["format"].get<std::string>(),
                         names[b],
                         row["sparsity"].get<double>(),
                         kernel_of[i].first,
                         kernel_of[i].second,
                         compare_rounds(chosen[i].single_us, chosen[b].single_us),
                         compare_rounds(chosen[i].batch_us, chosen[b].batch_us),
                         batch_row_count};
      row["vs_base"] = {{"name", names[b]}, {"single", facts.single.to_json()}, {"batch", facts.batch.to_json()}};
      for (const LatencyNote& note : latency_notes(facts)) row["latency_notes"].push_back(note.to_json());
    }
    const double score = row["score"].is_number() ? row["score"].get<double>() : -1e300;
    points.push_back(
        {names[i], score, latency.single_median_us, latency.batch_median_us, row["size_bytes"].get<double>()});
  }
  OrderedJson variant_rows = OrderedJson::array();
  for (auto& row : rows) variant_rows.push_back(std::move(row));

  OrderedJson result;
  result["score"] = {
      {"name", task.main_score()},
      {"loss", task.classification() ? "log_loss" : "mse"},
      {"what", task.classification() ? "test accuracy: the share of test rows whose most probable class is right"
                                     : "test R²: the share of the target's variance the predictions explain"}};
  result["variants"] = variant_rows;
  result["pareto"] = pareto_front(points);
  OrderedJson scenarios = OrderedJson::array();
  const Json scenario_list = spec.contains("scenarios") ? spec["scenarios"] : default_scenarios();
  for (const auto& s : scenario_list) {
    // A scenario's metric the task does not have (AUC on a numeric target: a file written for
    // one table, run on a learner's own) ranks by the main score instead, and says so.
    const std::string wanted = s.value("metric", std::string("score"));
    const MetricInfo* info = wanted == "score" ? nullptr : metric_info(wanted);
    bool applies = true;
    std::vector<TradeoffPoint> scored_points = points;
    for (std::size_t i = 0; i < scored_points.size() && info; ++i) {
      const OrderedJson& m = variant_rows[i]["metrics"];
      if (!m.contains(wanted) || !m[wanted].is_number()) applies = false;
    }
    for (std::size_t i = 0; i < scored_points.size(); ++i) {
      if (!info || !applies) continue;
      const double v = variant_rows[i]["metrics"][wanted].get<double>();
      scored_points[i].quality = std::isfinite(v) ? (info->higher_is_better ? v : -v) : -1e300;
    }
    Json used = s;
    if (!applies) used["metric"] = "score";
    OrderedJson ranked =
        rank_scenario(used, scored_points, task.main_score(), info && applies ? info->label : task.main_score());
    ranked["metric_note"] =
        applies ? OrderedJson()
                : OrderedJson(std::string("ranked by ") + task.main_score() + ": " + (info ? info->label : wanted) +
                              " does not apply to a " + task_name(task.kind) + " target");
    ranked["metric_fallback"] = applies ? OrderedJson()
                                        : OrderedJson{{"wanted", wanted},
                                                      {"wanted_label", info ? info->label : wanted},
                                                      {"used", task.main_score()},
                                                      {"task", task_name(task.kind)}};
    scenarios.push_back(std::move(ranked));
  }
  result["scenarios"] = scenarios;
  result["measurement"] = {
      {"test_rows", X_test.rows()},
      {"score", "test rows, predictions of the model loaded back from its serialized bytes"},
      {"latency",
       "every form (and each kernel of a form that has two) timed once per round, in interleaved rounds, so a busy "
       "moment hits all alike; per form the median and 10-90 % range over the rounds of a single-row call (rows in "
       "turn) and of a batch call; a form with two kernels runs the faster for each; std::chrono::steady_clock "
       "(performance.now() in the browser), about 80 ms of calls per form"},
      {"size", "bytes of the serialized model (the preprocessing, shared by every variant, is not counted)"},
      {"pareto",
       "no other variant scores at least as well, is as fast (single-row median) and as small, and is better in one"},
      {"rounds", times.empty() ? 0 : static_cast<int>(times.front().single_us.size())},
      {"spread", spread},
      {"busy", spread > kBusySpread},
      {"note", busy_note(spread).empty() ? OrderedJson() : OrderedJson(busy_note(spread))}};
  return result;
}

}  // namespace lab
