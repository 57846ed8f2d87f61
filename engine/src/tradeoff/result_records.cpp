#include "tradeoff/result_records.hpp"

#include <algorithm>

namespace lab {
namespace {

ResultField field(std::string name, std::string type, std::string doc) {
  return ResultField{std::move(name), std::move(type), std::move(doc)};
}
ResultField nullable(ResultField f) {
  f.nullable = true;
  return f;
}
ResultField optional(ResultField f) {
  f.optional = true;
  return f;
}
ResultField choices(ResultField f, std::vector<std::string> values) {
  f.choices = std::move(values);
  return f;
}

// A headline copy of a metric of the kinds that have it (binary, multi-class, regression).
ResultField headline(const std::string& name, const std::string& what) {
  return optional(nullable(field(name, "number", what + ", copied from `metrics` for the kinds that have it")));
}

}  // namespace

const std::vector<ResultRecord>& tradeoff_result_records() {
  static const std::vector<ResultRecord> records = {
      {"Latency",
       "how long the deployed model takes to predict, measured in the engine that ran (in a browser, the learner's)",
       {field("single_median_us", "number", "median over the rounds of a single-row call, µs"),
        field("single_p10_us", "number", "10th percentile over the rounds of a single-row call, µs"),
        field("single_p90_us", "number", "90th percentile over the rounds of a single-row call, µs"),
        field("batch_median_us", "number", "median over the rounds of a batch call, µs"),
        field("batch_p10_us", "number", "10th percentile over the rounds of a batch call, µs"),
        field("batch_p90_us", "number", "90th percentile over the rounds of a batch call, µs"),
        field("batch_rows", "integer", "rows in one batch call"),
        field("single_runs", "integer", "single-row calls timed"), field("batch_runs", "integer", "batch calls timed"),
        field("rounds", "integer", "interleaved rounds: every form timed once per round")}},
      {"KernelChoice",
       "which kernel the deployed form runs, chosen by timing each it has in the same rounds",
       {field("single", "string", "the kernel of one-row calls (dense, sparse)"),
        field("batch", "string", "the kernel of batch calls"),
        field("timed", "object", "each kernel timed: {kernel: {single_median_us, batch_median_us}}")}},
      {"RoundComparison",
       "a form's time against another's, round by round (the ratio of their times in the same round)",
       {field("ratio", "number", "median of the ratio; below 1 is faster"),
        field("low", "number", "10th percentile of the ratio"), field("high", "number", "90th percentile of the ratio"),
        choices(field("verdict", "string", "what the rounds show"), {"faster", "slower", "within_noise"})}},
      {"LatencyNote",
       "why a compressed form is not faster than the variant it was made from, for one kind of call: the English "
       "sentence and its parts, which a page in another language words from its catalog",
       {field("text", "string", "the sentence in English"),
        choices(field("verdict", "string", "what the rounds showed"), {"slower", "within_noise"}),
        choices(field("calls", "string", "one-row calls or batch calls"), {"single", "batch"}),
        choices(field("reason", "string", "why, as a code"),
                {"fp16_widened", "sparse_ran_dense", "sparse_index_cost", "int8_one_row", "int8_small_layers",
                 "more_work", "same_work"}),
        field("ratio", "number", "median ratio of its time to the base's"),
        field("low", "number", "10th percentile of that ratio"), field("high", "number", "90th percentile"),
        field("sparsity", "number", "its share of zero weights"),
        field("batch_rows", "integer", "rows in one batch call")}},
      {"BaseComparison",
       "a compressed or distilled form's latency against the listed variant it was made from",
       {field("name", "string", "that variant"), field("single", "RoundComparison", "one-row calls"),
        field("batch", "RoundComparison", "batch calls")}},
      {"VariantBase",
       "the model a compressed variant was made from (or its distillation teacher), scored on the same rows",
       {nullable(field("name", "string", "the variant that is that model, if one is listed")),
        field("what", "string", "what it is, in words"), field("score", "number", "its main score"),
        field("loss", "number", "its loss")}},
      {"VariantRow",
       "one deployed form: trained, compressed, serialized, loaded back, scored on the test rows and timed",
       {field("name", "string", "the variant's name in the spec"),
        field("model", "string", "the model type trained"),
        field("format", "string", "how the deployed form stores its numbers"),
        field("head", "string", "its output head (sigmoid, softmax, identity, affine)"),
        nullable(field("compress", "object", "the spec's compress section, or null when uncompressed")),
        nullable(field("score", "number", "the task's main score (higher is better); null when not finite")),
        nullable(field("loss", "number", "the task's loss; null when not finite")),
        headline("accuracy", "accuracy"),
        headline("log_loss", "log loss"),
        headline("auc", "ROC AUC"),
        headline("f1", "F1"),
        headline("f1_macro", "macro F1"),
        headline("r2", "R²"),
        headline("rmse", "RMSE"),
        headline("mae", "MAE"),
        field("metrics", "object", "the task's full metrics block on the test rows"),
        field("latency", "Latency", "its prediction times"),
        field("kernel", "KernelChoice", "the kernels it runs for one row and for a batch"),
        nullable(field("vs_base", "BaseComparison", "its latency against the variant it was made from, or null")),
        field("latency_notes", "LatencyNote[]",
              "where its latency goes against what compression promises, and why (one per kind of call)"),
        field("latency_ms", "number", "the single-row median, ms (the explorer's latency axis)"),
        field("size_bytes", "integer", "bytes of the serialized model"),
        field("size_kb", "number", "the same in KB (1024 bytes)"),
        field("parameters", "integer", "numbers the model holds"),
        field("nonzero", "integer", "of those, the ones that are not zero"),
        field("sparsity", "number", "the share of zero parameters"),
        nullable(field("base", "VariantBase", "the model it was made from, or null")),
        nullable(field("score_change", "number", "score minus the base's score, or null")),
        nullable(field("loss_change", "number", "loss minus the base's loss, or null")),
        nullable(field("weight_error", "object", "quantized forms: stored weights against the fp32 ones")),
        field("training", "object", "how it was trained (epochs, fine-tuning steps, ...)"),
        field("round_trip_identical", "boolean", "whether the loaded model predicts exactly as the built one"),
        optional(field("export", "object", "the deployed model's parts for an exporter, when asked for"))}},
      {"RankingEntry",
       "a variant's place in a scenario's ranking",
       {field("rank", "integer", "1 is the scenario's choice"), field("name", "string", "the variant"),
        field("score", "number", "the scenario's weighted score"),
        field("meets_constraints", "boolean", "whether it meets every constraint"),
        field("violations", "string[]", "the constraints it misses, in words (English)"),
        field("misses", "ConstraintMiss[]",
              "the same as data, in the constraints' order (for a page in another language)")}},
      {"ConstraintMiss",
       "a limit a variant misses",
       {choices(field("constraint", "string", "which limit"), {"min_accuracy", "max_latency_ms", "max_size_kb"}),
        field("value", "number", "the variant's value, in the limit's unit (the main score, ms, KB)"),
        field("limit", "number", "the limit")}},
      {"MetricFallback",
       "a scenario's declared metric the task lacks, and what it ranked by instead",
       {field("wanted", "string", "the metric the scenario declared"),
        field("wanted_label", "string", "its label in English"),
        field("used", "string", "the main score it ranked by instead"),
        field("task", "string", "the kind of target that lacks it")}},
      {"ScenarioResult",
       "a deployment scenario and its ranking of the variants",
       {field("name", "string", "the scenario's name"), field("title", "string", "its title"),
        choices(field("priority", "string", "what breaks ties"), {"accuracy", "latency", "size"}),
        choices(field("latency", "string", "which latency it weighs"), {"single", "batch"}),
        field("metric", "string", "what its quality weight read: score (the main score) or a metric's name"),
        nullable(field("metric_note", "string",
                       "why it ranked by the main score instead of its declared metric (one the task lacks), or null")),
        nullable(
            field("metric_fallback", "MetricFallback", "the same as data (for a page in another language), or null")),
        field("weights", "ScenarioWeights", "the weights of the main score, latency and size"),
        field("constraints", "Budget", "its hard limits"), field("method", "string", "how it scores, in words"),
        field("ranking", "RankingEntry[]", "every variant, best first")}},
      {"TradeoffScore",
       "the task's main score and loss, as the rows carry them",
       {field("name", "string", "accuracy or r2"), field("loss", "string", "log_loss or mse"),
        field("what", "string", "what the score is, in words")}},
      {"Measurement",
       "how a trade-off run measured its numbers",
       {field("test_rows", "integer", "rows scored"), field("score", "string", "how scores were measured"),
        field("latency", "string", "how latencies were measured"), field("size", "string", "how sizes were measured"),
        field("pareto", "string", "what the Pareto front is"), field("rounds", "integer", "interleaved timing rounds"),
        field("spread", "number", "median over forms of p90 / p10 of their per-round times (about 1.1 when quiet)"),
        field("busy", "boolean", "whether the machine was busy while timing (spread above 1.6)"),
        nullable(field("note", "string", "a sentence for the learner when it was busy, else null"))}},
      {"TradeoffResult",
       "a trade-off run's result",
       {field("score", "TradeoffScore", "what `score` and `loss` in the rows are"),
        field("variants", "VariantRow[]", "every variant, in the spec's order"),
        field("pareto", "string[]", "the variants no other beats on score, single-row latency and size at once"),
        field("scenarios", "ScenarioResult[]", "one ranking per deployment scenario"),
        field("measurement", "Measurement", "how each number was measured, and how steady the timing was"),
        field("data", "object", "the data the run used: task, classes, rows per split, design columns"),
        optional(field("warnings", "object[]", "what the run left out and why ({field, message})"))}},
  };
  return records;
}

Json describe_result_records() {
  Json out = Json::array();
  for (const auto& r : tradeoff_result_records()) {
    Json fields = Json::array();
    for (const auto& f : r.fields) {
      Json d{{"name", f.name}, {"type", f.type}, {"doc", f.doc}, {"optional", f.optional}, {"nullable", f.nullable}};
      if (!f.choices.empty()) d["choices"] = f.choices;
      fields.push_back(d);
    }
    out.push_back(Json{{"name", r.name}, {"doc", r.doc}, {"fields", fields}});
  }
  return out;
}

namespace {

const ResultRecord* record_named(const std::string& name) {
  for (const auto& r : tradeoff_result_records())
    if (r.name == name) return &r;
  return nullptr;
}

void check_value(const std::string& type, const Json& v, const std::string& path, std::vector<std::string>& out) {
  if (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) {
    if (!v.is_array()) return out.push_back(path + ": expected an array");
    const std::string item = type.substr(0, type.size() - 2);
    for (std::size_t i = 0; i < v.size(); ++i) check_value(item, v[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  bool ok = true;
  if (type == "string")
    ok = v.is_string();
  else if (type == "number")
    ok = v.is_number();
  else if (type == "integer")
    ok = v.is_number_integer();
  else if (type == "boolean")
    ok = v.is_boolean();
  else if (type == "object")
    ok = v.is_object();
  else if (type == "ScenarioWeights" || type == "Budget")  // a scenario's spec sections: {name: number}
    ok = v.is_object() && std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_number(); });
  else if (record_named(type)) {
    for (auto& problem : result_mismatches(type, v, path)) out.push_back(problem);
    return;
  } else {
    out.push_back(path + ": declared with an unknown type '" + type + "'");
    return;
  }
  if (!ok) out.push_back(path + ": expected " + type + ", got " + v.dump());
}

}  // namespace

std::vector<std::string> result_mismatches(const std::string& record, const Json& value, const std::string& path) {
  std::vector<std::string> out;
  const ResultRecord* r = record_named(record);
  if (!r) return {path + ": no record named '" + record + "'"};
  if (!value.is_object()) return {path + ": expected an object (" + record + ")"};
  const std::string at = path.empty() ? "" : path + ".";
  for (const auto& f : r->fields) {
    if (!value.contains(f.name)) {
      if (!f.optional) out.push_back(at + f.name + ": missing");
      continue;
    }
    const Json& v = value[f.name];
    if (v.is_null()) {
      if (!f.nullable) out.push_back(at + f.name + ": null, declared not nullable");
      continue;
    }
    check_value(f.type, v, at + f.name, out);
    if (!f.choices.empty() && v.is_string() &&
        std::find(f.choices.begin(), f.choices.end(), v.get<std::string>()) == f.choices.end())
      out.push_back(at + f.name + ": '" + v.get<std::string>() + "' is not one of the declared choices");
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    const bool declared =
        std::any_of(r->fields.begin(), r->fields.end(), [&](const ResultField& f) { return f.name == it.key(); });
    if (!declared) out.push_back(at + it.key() + ": not declared in " + record);
  }
  return out;
}

}  // namespace lab
