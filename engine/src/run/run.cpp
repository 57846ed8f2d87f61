#include <map>

#include "core/files.hpp"
#include "core/json_text.hpp"
#include "core/limits.hpp"
#include "eval/importance.hpp"
#include "experiment/model_kinds.hpp"
#include "experiment/runners.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "lab/work_share.hpp"
#include "metrics/task_metrics.hpp"
#include "tradeoff/run_tradeoff.hpp"

namespace lab {

OrderedJson split_metrics(const PreparedData& d, const Predictor& predict) {
  OrderedJson m;
  m["train"] = evaluate_task(d.task, d.y_train, predict(d.X_train));
  m["validation"] = d.y_val.size() ? evaluate_task(d.task, d.y_val, predict(d.X_val)) : OrderedJson();
  m["test"] = d.y_test.size() ? evaluate_task(d.task, d.y_test, predict(d.X_test)) : OrderedJson();
  return m;
}

namespace {

template <typename Model>
OrderedJson permutation_of(const PreparedData& d, const Model& model, std::uint64_t seed) {
  // Held-out rows tell what the model relies on to generalize; fall back to training rows.
  const bool val = d.y_val.size() > 1, test = d.y_test.size() > 1;
  const Eigen::MatrixXd& X = val ? d.X_val : test ? d.X_test : d.X_train;
  const Eigen::VectorXd& y = val ? d.y_val : test ? d.y_test : d.y_train;
  std::vector<std::string> names;
  for (const auto& f : d.preprocessor.features) names.push_back(f.name);
  return permutation_importance(d.task, model, X, y, names, d.preprocessor.column_feature, 5, seed);
}

}  // namespace

OrderedJson permutation_block(const PreparedData& d, const Predictor& predict, std::uint64_t seed) {
  return permutation_of(d, predict, seed);
}

OrderedJson permutation_block(const PreparedData& d, const LinearScores& model, std::uint64_t seed) {
  return permutation_of(d, model, seed);
}

namespace {

const char* kRunSections[] = {"experiments", "variants", "scenarios", "widget"};

// A JSON merge patch (RFC 7386) over the spec, except that a model patch naming another model
// type replaces the model instead of mixing two models' options.
Json apply_patch(Json base, const Json& patch, const std::string& field) {
  if (!patch.is_object()) fail_field(field, "expected an object (a patch over the spec), got " + patch.dump());
  for (const char* s : kRunSections) base.erase(s);
  if (patch.contains("model") && patch["model"].is_object() && base.contains("model") &&
      patch["model"].value("type", base["model"].value("type", "")) != base["model"].value("type", "")) {
    base.erase("model");
  }
  base.merge_patch(patch);
  return base;
}

void check_cross_fields(const Json& spec) {
  const Json& train = spec["train"];
  if (spec["split"]["validation"].get<double>() == 0 && train.contains("early_stopping") &&
      train["early_stopping"]["monitor"].get<std::string>().rfind("val_", 0) == 0 && spec["model"]["type"] == "mlp")
    fail_field("train.early_stopping.monitor", "'" + train["early_stopping"]["monitor"].get<std::string>() +
                                                   "' needs a validation split (split.validation > 0)");
  const Json& model = spec["model"];
  if (model["type"] == "gradient_boosting" && model.contains("n_iter_no_change") &&
      spec["split"]["validation"].get<double>() == 0)
    fail_field("model.n_iter_no_change", "early stopping needs a validation split (split.validation > 0)");
  if (model["type"] == "logistic_regression" || model["type"] == "linear_regression") {
    std::string select = model["select"].get<std::string>();
    if (select != "lambda" && !model.contains("cv"))
      fail_field("model.select", "'" + select + "' needs cross-validation (model.cv)");
  }
}

// What the run did about its input instead of refusing it, in the errors' form ({field,
// message}); only a result that has some carries the list.
void add_warnings(OrderedJson& result, const PreparedData& data) {
  if (data.warnings.empty()) return;
  OrderedJson list = OrderedJson::array();
  for (const Warning& w : data.warnings) list.push_back(OrderedJson{{"field", w.where.field}, {"message", w.message}});
  result["warnings"] = std::move(list);
}

OrderedJson run_single(const Json& spec, const PreparedData& data, const RunContext& context) {
  const Runner run = model_kind(spec["model"]["type"].get<std::string>()).runner(data.task);
  OrderedJson result = run(spec, data, context);
  result["data"] = data.summary();
  add_warnings(result, data);
  return result;
}

// A variant's patch: its spec sections, without the entries that describe the variant itself.
Json variant_patch(const Json& variant, const std::string& field) {
  Json patch = variant;
  for (const char* own : {"name", "description", "compress"}) patch.erase(own);
  for (const char* data : {"dataset", "preprocess", "split"})
    if (patch.contains(data))
      fail_field(field + "." + data,
                 "a variant cannot change the data; every variant is trained and measured on the same rows");
  return patch;
}

void check_variants(const Json& spec) {
  const Json& variants = spec["variants"];
  if (variants.empty()) fail_field("variants", "the list is empty; a trade-off run needs at least one variant");
  if (spec["split"]["test"].get<double>() == 0)
    fail_field("split.test", "a trade-off run measures every variant on test rows; set split.test > 0");
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const std::string field = "variants[" + std::to_string(i) + "]";
    for (std::size_t k = 0; k < i; ++k)
      if (variants[k]["name"] == variants[i]["name"])
        fail_field(field + ".name", "the name " + variants[i]["name"].dump() + " is already used by variants[" +
                                        std::to_string(k) + "]");
    try {
      const Json merged = variant_spec(spec, i);
      check_cross_fields(merged);
      check_variant(spec, i, merged);
    } catch (const Error& e) {
      if (e.where().field.rfind(field, 0) == 0) throw;
      fail_field(field + (e.where().field.empty() ? "" : "." + e.where().field), e.message());
    }
  }
}

}  // namespace

Json variant_spec(const Json& spec, std::size_t index) {
  const std::string field = "variants[" + std::to_string(index) + "]";
  const Json& variant = spec["variants"][index];
  return apply_schema(spec_schema(), apply_patch(spec, variant_patch(variant, field), field), "");
}

Json normalize_spec(const Json& spec) {
  if (!spec.is_object()) fail_field("", "an experiment spec must be a JSON object, got " + spec.dump().substr(0, 40));
  Json out = apply_schema(spec_schema(), spec, "");
  check_cross_fields(out);
  if (out.contains("experiments")) {
    const Json& experiments = out["experiments"];
    if (!experiments.is_object())
      fail_field("experiments", "expected an object {name: patch}, got " + experiments.dump().substr(0, 40));
    if (experiments.size() > static_cast<std::size_t>(limits::kMaxExperiments))
      fail_field("experiments", "has " + std::to_string(experiments.size()) + " entries; the limit is " +
                                    std::to_string(limits::kMaxExperiments));
    for (auto it = experiments.begin(); it != experiments.end(); ++it) {
      std::string field = "experiments." + it.key();
      try {
        Json merged = apply_schema(spec_schema(), apply_patch(out, it.value(), field), "");
        check_cross_fields(merged);
      } catch (const Error& e) {
        if (e.where().field.rfind(field, 0) == 0) throw;  // apply_patch already named the experiment
        fail_field(field + (e.where().field.empty() ? "" : "." + e.where().field), e.message());
      }
    }
  }
  if (out.contains("variants")) check_variants(out);
  return out;
}

Json experiment_spec(const Json& spec_in, const std::string& name) {
  const Json spec = normalize_spec(spec_in);
  if (name.empty()) return apply_schema(spec_schema(), apply_patch(spec, Json::object(), ""), "");
  if (!spec.contains("experiments") || !spec["experiments"].contains(name))
    fail_field("experiments." + name, "no experiment of this name in the spec");
  const std::string field = "experiments." + name;
  return apply_schema(spec_schema(), apply_patch(spec, spec["experiments"][name], field), "");
}

namespace {

// A share run (lab/work_share.hpp) computes only the pieces of its runs: a run without any
// (no cross-validation) is left to the merge.
bool has_pieces(const Json& normalized) { return count_pieces(normalized) > 0; }

OrderedJson share_answer(const RunContext& context) { return OrderedJson{{"pieces", context.share->computed_json()}}; }

}  // namespace

OrderedJson run_experiment(const Json& spec_in, const RunContext& context) {
  const Json spec = normalize_spec(spec_in);
  const bool sharing = context.share && context.share->sharing();
  // Experiments sharing data parse the CSV once; so do reruns on the same data (prepare_data_kept).
  std::map<std::string, std::shared_ptr<const PreparedData>> prepared;
  auto data_for = [&](const Json& s) -> const PreparedData& {
    auto key = data_key(s);
    auto it = prepared.find(key);
    if (it == prepared.end()) it = prepared.emplace(key, prepare_data_kept(s, context)).first;
    return *it->second;
  };
  if (spec.contains("experiments")) {
    OrderedJson out;
    out["experiments"] = OrderedJson::object();
    const Json& experiments = spec["experiments"];
    int index = 0;
    for (auto it = experiments.begin(); it != experiments.end(); ++it, ++index) {
      report(context, "experiment", index, static_cast<int>(experiments.size()), Json{{"name", it.key()}});
      Json merged = apply_schema(spec_schema(), apply_patch(spec, it.value(), "experiments." + it.key()), "");
      if (context.share) context.share->set_scope(it.key());
      if (sharing && !has_pieces(merged)) continue;
      OrderedJson result = run_single(merged, data_for(merged), context);
      if (!sharing) out["experiments"][it.key()] = std::move(result);
    }
    if (context.share) context.share->set_scope("");
    return sharing ? share_answer(context) : out;
  }
  if (sharing) {
    if (has_pieces(spec)) run_single(spec, data_for(spec), context);
    return share_answer(context);
  }
  if (spec.contains("variants")) {
    const PreparedData& data = data_for(spec);
    OrderedJson out = run_tradeoff(spec, data, context);
    out["data"] = data.summary();
    add_warnings(out, data);
    return out;
  }
  return run_single(spec, data_for(spec), context);
}

OrderedJson run_experiment_file(const std::string& path, RunContext context) {
  Json spec = parse_json_text(read_text_file(path), path);
  if (context.base_dir.empty()) context.base_dir = parent_dir(path);
  try {
    return run_experiment(spec, context);
  } catch (const Error& e) {
    if (!e.where().file.empty()) throw;
    throw Error(Location{path, e.where().field, 0, 0}, e.message());
  }
}

}  // namespace lab
