// The experiment spec, declared once; each option bound to the options struct that reads it. Everything that reads a spec (validation, defaults,
// widget controls, URL state, docs/options.md) derives from these tables.
#include "core/limits.hpp"
#include "data/design.hpp"
#include "data/split.hpp"
#include "experiment/model_kinds.hpp"
#include "lab/options.hpp"
#include "tradeoff/tradeoff_schema.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {
namespace {

using S = std::shared_ptr<const Schema>;
using T = OptionType;

S make(std::string name, std::vector<Option> options) {
  return std::make_shared<Schema>(Schema{std::move(name), std::move(options)});
}

Option section(std::string name, S fields) {  // a section that is always filled with defaults
  Option o = Option::object(std::move(name), std::move(fields));
  o.default_value = Json::object();
  return o;
}

S dataset_schema() {
  return make("dataset", {
    Option::string("csv").need().describe("CSV file, relative to the spec file (RFC 4180, UTF-8, header row)"),
    Option::string("target").need().describe("column to predict"),
    Option::choice("task", {"auto", "binary", "multiclass", "regression"}, "auto").describe("what the target is; auto: a numeric target with fractions and over 2 values, or over " + std::to_string(limits::kMaxClasses) + " values, is regression, else 2 values binary and 3 to " + std::to_string(limits::kMaxClasses) + " multi-class (docs/spec.md, Tasks)"),
    Option::string("positive").describe("binary tasks: target value counted as the positive class; default: the larger of the two values"),
    Option::list("features", T::String).items(limits::kMaxColumns).describe("input columns; default: every column but the target"),
    Option::any("where").describe("row filter: {column: [allowed values]} (all conditions must hold)"),
  });
}

S preprocess_schema() {
  return make("preprocess", {
    Option::choice("impute", {"median", "mean"}, "median").bind(&PreprocessOptions::impute).describe("numeric missing values; categorical ones take the most frequent value"),
    Option::choice("scale", {"standard", "none"}, "standard").bind_flag(&PreprocessOptions::scale, "standard").describe("standard: every design column to mean 0, std 1 (training rows' statistics)"),
    Option::list("log1p", T::String, Json::array()).bind(&PreprocessOptions::log1p).describe("numeric columns replaced by log(1 + x) before imputing and scaling"),
  });
}

S split_schema() {
  return make("split", {
    Option::number("test", 0.2).range(0, 0.9).bind(&SplitOptions::test).describe("fraction of rows held out for the test set"),
    Option::number("validation", 0.2).range(0, 0.9).bind(&SplitOptions::validation).describe("fraction of rows held out for validation"),
    Option::boolean("stratify", true).bind(&SplitOptions::stratify).describe("keep the class balance in every split"),
    Option::integer("seed", 42).range(0, limits::kMaxSeed).bind(&SplitOptions::seed).describe("seed of the split's shuffle"),
  });
}

S schedule_schema() {
  return make("schedule", {
    Option::choice("type", {"constant", "step", "exponential", "cosine"}, "constant").bind(&ScheduleOptions::type).describe("learning-rate schedule, applied per epoch"),
    Option::integer("step_size", 30).range(1, limits::kMaxEpochs).bind(&ScheduleOptions::step_size).describe("step: epochs between drops"),
    Option::number("gamma", 0.5).above(0).range(0, 1).bind(&ScheduleOptions::gamma).describe("step: factor per drop; exponential: factor per epoch"),
    Option::number("min_lr", 0).range(0, 10).bind(&ScheduleOptions::min_lr).describe("cosine: final learning rate"),
    Option::integer("warmup", 0).range(0, limits::kMaxEpochs).bind(&ScheduleOptions::warmup).describe("epochs of linear warm-up from lr/warmup"),
  });
}

S early_stopping_schema() {
  return make("early_stopping", {
    Option::choice("monitor", {"val_loss", "val_accuracy", "loss", "accuracy"}, "val_loss").bind(&EarlyStoppingOptions::monitor).describe("quantity watched (Keras semantics)"),
    Option::choice("mode", {"auto", "min", "max"}, "auto").bind(&EarlyStoppingOptions::mode).describe("auto: max for accuracy, min for loss"),
    Option::integer("patience", 10).range(0, limits::kMaxEpochs).bind(&EarlyStoppingOptions::patience).describe("epochs without improvement before stopping"),
    Option::number("min_delta", 0).range(0, 10).bind(&EarlyStoppingOptions::min_delta).describe("smallest change that counts as an improvement"),
    Option::boolean("restore_best", true).bind(&EarlyStoppingOptions::restore_best).describe("restore the weights of the best epoch when stopping"),
    Option::integer("start_from_epoch", 0).range(0, limits::kMaxEpochs).bind(&EarlyStoppingOptions::start_from_epoch).describe("epochs to wait before watching"),
  });
}

S train_schema() {
  return make("train", {
    Option::choice("optimizer", {"sgd", "momentum", "adam"}, "adam").bind(&TrainOptions::optimizer, &OptimizerOptions::rule).describe("update rule"),
    Option::number("learning_rate", 0.001).above(0).range(0, 10).log().bind(&TrainOptions::learning_rate).describe("initial step size"),
    Option::number("momentum", 0.9).range(0, 1).below(1).bind(&TrainOptions::optimizer, &OptimizerOptions::momentum).describe("momentum: velocity decay"),
    Option::integer("batch_size", 32).range(1, limits::kMaxRows).bind(&TrainOptions::batch_size).describe("rows per mini-batch"),
    Option::integer("epochs", 200).range(1, limits::kMaxEpochs).bind(&TrainOptions::epochs).describe("passes over the training rows"),
    Option::integer("seed", 7).range(0, limits::kMaxSeed).bind(&TrainOptions::seed).describe("seed of initial weights, shuffles and dropout masks"),
    Option::number("weight_decay", 0).range(0, 1).log().bind(&TrainOptions::optimizer, &OptimizerOptions::weight_decay).describe("decoupled weight decay per step (AdamW-style), on kernels"),
    section("schedule", schedule_schema()).bind(&TrainOptions::schedule),
    Option::object("early_stopping", early_stopping_schema()).describe("stop when the monitored value stops improving"),
  });
}

S spec_root() {
  std::map<std::string, S> models;
  for (const auto& kind : model_kinds()) models[kind.type] = kind.options;
  auto model = Option::variant("model", models, "logistic_regression").describe("the model and its hyperparameters");
  return make("spec", {
    Option::string("$schema").describe("for editors: the JSON Schema this file follows (docs/schema.md); runs ignore it"),
    section("dataset", dataset_schema()).need(),
    section("preprocess", preprocess_schema()),
    section("split", split_schema()),
    model,
    section("train", train_schema()),
    Option::any("experiments").describe("named JSON merge patches over this spec, each run on its own"),
    Option::objects("variants", variant_schema()).items(limits::kMaxVariants).describe("trade-off variants, each trained, compressed and measured (see docs/spec.md)"),
    section("latency", latency_schema()).describe("trade-off runs: how latency is measured"),
    Option::objects("scenarios", scenario_schema()).items(limits::kMaxScenarios).describe("deployment scenarios for the trade-off ranking; default: real-time, batch, edge"),
    Option::any("widget").describe("UI section of a widget file; ignored by runs"),
  });
}

}  // namespace

const Schema& spec_schema() {
  static const S root = spec_root();
  return *root;
}

Json describe_spec() { return describe_schema(spec_schema()); }

}  // namespace lab
