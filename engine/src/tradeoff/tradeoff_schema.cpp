#include "tradeoff/tradeoff_schema.hpp"

#include "compress/pruning.hpp"
#include "compress/quantize.hpp"
#include "core/limits.hpp"
#include "metrics/task_vocabulary.hpp"
#include "tradeoff/tradeoff_build.hpp"

namespace lab {
namespace {

using S = std::shared_ptr<const Schema>;

std::vector<std::string> scenario_metrics() {
  std::vector<std::string> names{"score"};
  for (const auto& m : metric_infos()) names.push_back(m.name);
  return names;
}

S prune_schema() {
  return make_schema(
      "prune",
      {
          Option::number("sparsity", 0.5)
              .range(0, 1)
              .below(1)
              .bind(&PruneOptions::sparsity)
              .describe("share of kernel weights (structure 'weights') or of hidden units (structure 'units') removed, "
                        "exactly"),
          Option::choice("scope", {"layer", "global"}, "layer")
              .bind_flag(&PruneOptions::global, "global")
              .describe("layer: every layer to the target; global: one magnitude ranking over all layers"),
          Option::choice("structure", {"weights", "units"}, "weights")
              .bind_flag(&PruneOptions::units, "units")
              .describe("weights: single kernel entries (stored sparse); units: whole hidden units (the network gets "
                        "narrower)"),
          Option::choice("method", {"one_shot", "gradual"}, "one_shot")
              .bind_flag(&PruneOptions::gradual, "gradual")
              .describe("one_shot: prune the trained model once; gradual: raise sparsity while fine-tuning (Zhu & "
                        "Gupta's polynomial schedule)"),
          Option::integer("epochs", 10)
              .range(0, limits::kMaxEpochs)
              .bind(&PruneOptions::epochs)
              .describe("fine-tuning epochs after pruning (gradual: the epochs the schedule runs in)"),
          Option::number("initial_sparsity", 0)
              .range(0, 1)
              .below(1)
              .bind(&PruneOptions::initial_sparsity)
              .describe("gradual: sparsity at begin_step"),
          Option::integer("begin_step", 0)
              .range(0, limits::kMaxFineTuneSteps)
              .bind(&PruneOptions::begin_step)
              .describe("gradual: optimizer step of the first mask update"),
          Option::integer("end_step", 0)
              .optional()
              .range(1, limits::kMaxFineTuneSteps)
              .bind(&PruneOptions::end_step)
              .describe("gradual: step at which the final sparsity is reached; default: 3/4 of the fine-tuning steps"),
          Option::integer("frequency", 10)
              .range(1, limits::kMaxFineTuneSteps)
              .bind(&PruneOptions::frequency)
              .describe("gradual: optimizer steps between mask updates"),
          Option::number("power", 3)
              .range(1, 10)
              .bind(&PruneOptions::power)
              .describe("gradual: exponent of the polynomial decay (3 in Zhu & Gupta)"),
      });
}

S quantize_schema() {
  return make_schema("quantize",
                     {
                         Option::integer("bits", 8)
                             .range(8, 16)
                             .bind(&QuantizeOptions::bits)
                             .describe("8: int8 weights and an integer kernel; 16: float16 storage (no other widths)"),
                         Option::choice("scheme", {"symmetric", "affine"}, "symmetric")
                             .bind_flag(&QuantizeOptions::affine, "affine")
                             .describe("int8 weights: symmetric around 0, or affine with a zero point"),
                         Option::choice("granularity", {"per_tensor", "per_channel"}, "per_channel")
                             .bind_flag(&QuantizeOptions::per_channel, "per_channel")
                             .describe("int8 weights: one scale per layer, or one per output unit"),
                     });
}

S distill_schema() {
  return make_schema(
      "distill", {
                     Option::string("teacher")
                         .need()
                         .bind(&DistillOptions::teacher)
                         .describe("name of an earlier variant whose predictions teach this one"),
                     Option::number("temperature", 2)
                         .above(0)
                         .range(0, 100)
                         .bind(&DistillOptions::temperature)
                         .describe("softens the teacher's probabilities: sigmoid(logit / T)"),
                     Option::number("alpha", 0.5)
                         .range(0, 1)
                         .bind(&DistillOptions::alpha)
                         .describe("weight of the hard labels' loss; 1 - alpha weighs the soft targets' (times T^2)"),
                 });
}

S weights_schema() {
  return make_schema(
      "weights",
      {
          Option::number("accuracy", 1)
              .range(0, 100)
              .describe(
                  "weight of the task's main score: test accuracy, or R² for a numeric target (higher is better)"),
          Option::number("latency", 1).range(0, 100).describe("weight of latency (lower is better; log scale)"),
          Option::number("size", 1).range(0, 100).describe(
              "weight of the serialized size (smaller is better; log scale)"),
      });
}

S constraints_schema() {
  return make_schema("constraints",
                     {
                         Option::number("min_accuracy", 0)
                             .optional()
                             .range(0, 1)
                             .describe("variants below this test accuracy (R² for a numeric target) rank last"),
                         Option::number("max_latency_ms", 0)
                             .optional()
                             .above(0)
                             .range(0, 1e6)
                             .describe("variants slower than this (the scenario's latency) rank last"),
                         Option::number("max_size_kb", 0)
                             .optional()
                             .above(0)
                             .range(0, 1e9)
                             .describe("variants larger than this rank last"),
                     });
}

}  // namespace

S compress_schema() {
  return make_schema("compress",
                     {
                         Option::object("prune", prune_schema()).describe("magnitude pruning of the MLP's kernels"),
                         Option::object("quantize", quantize_schema())
                             .describe("post-training quantization of the MLP: int8 or float16"),
                         Option::object("distill", distill_schema())
                             .describe("train this MLP on a teacher variant's soft targets mixed with the labels"),
                     });
}

const Schema& compress_section(const std::string& name) {
  static const S kept = compress_schema();
  return section_schema(*kept, name);
}

S variant_schema() {
  return make_schema(
      "variant",
      {
          Option::string("name").need().describe("the row's name in the trade-off table"),
          Option::string("description").describe("a line for the UI"),
          Option::object("compress", compress_schema()).describe("what is done to the trained model before it ships"),
          Option::any("model").describe("merge patch over the spec's model (a different type replaces it)"),
          Option::any("train").describe("merge patch over the spec's train section"),
          Option::any("dataset").describe("not allowed: every variant is measured on the same rows"),
          Option::any("preprocess").describe("not allowed: every variant is measured on the same rows"),
          Option::any("split").describe("not allowed: every variant is measured on the same rows"),
      });
}

S scenario_schema() {
  return make_schema(
      "scenario",
      {
          Option::string("name").need().describe("scenario id (e.g. real-time, batch, edge)"),
          Option::string("title").describe("heading for the UI"),
          Option::choice("priority", {"accuracy", "latency", "size"}, "accuracy")
              .describe("what comes first; breaks ties between equal scores"),
          Option::choice("latency", {"single", "batch"}, "single")
              .describe("which latency counts: one row at a time, or the whole test set at once"),
          Option::choice("metric", scenario_metrics(), "score")
              .describe("what the quality weight reads: the task's main score, or a metric of the task (auc when "
                        "the predictions rank cases by risk, log_loss when people read the probabilities)"),
          default_section("weights", weights_schema()).describe("score = weighted mean of the normalized metrics"),
          default_section("constraints", constraints_schema())
              .describe("hard limits; a variant that misses one ranks after every variant that meets them"),
      });
}

S latency_schema() {
  return make_schema(
      "latency",
      {
          Option::integer("batch_rows", 0)
              .range(0, limits::kMaxRows)
              .describe(
                  "rows per whole-batch latency call: 0 = the whole test set; more than the test set repeats its rows"),
      });
}

Json default_scenarios() {
  static const Json scenarios = [] {
    Json list = Json::parse(R"([
      {"name": "real-time", "title": "Real-time API", "priority": "latency", "latency": "single",
       "weights": {"accuracy": 0.3, "latency": 0.6, "size": 0.1}, "constraints": {"max_latency_ms": 1}},
      {"name": "batch", "title": "Nightly batch scoring", "priority": "accuracy", "latency": "batch",
       "weights": {"accuracy": 0.8, "latency": 0.1, "size": 0.1}},
      {"name": "edge", "title": "On a small device", "priority": "size", "latency": "single",
       "weights": {"accuracy": 0.3, "latency": 0.2, "size": 0.5}, "constraints": {"max_size_kb": 8}}
    ])");
    Json out = Json::array();
    for (const auto& s : list) out.push_back(apply_schema(*scenario_schema(), s, "scenarios"));
    return out;
  }();
  return scenarios;
}

}  // namespace lab
