// The experiment spec, declared once. Everything that reads a spec (validation, defaults,
// widget controls, URL state, docs/options.md) derives from these tables.
#include "core/limits.hpp"
#include "tradeoff/tradeoff_schema.hpp"
#include "lab/options.hpp"

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
    Option::string("target").need().describe("column to predict (binary)"),
    Option::string("positive").describe("target value counted as the positive class; default: the larger of the two values"),
    Option::list("features", T::String).items(limits::kMaxColumns).describe("input columns; default: every column but the target"),
    Option::any("where").describe("row filter: {column: [allowed values]} (all conditions must hold)"),
  });
}

S preprocess_schema() {
  return make("preprocess", {
    Option::choice("impute", {"median", "mean"}, "median").describe("numeric missing values; categorical ones take the most frequent value"),
    Option::choice("scale", {"standard", "none"}, "standard").describe("standard: every design column to mean 0, std 1 (training rows' statistics)"),
    Option::list("log1p", T::String, Json::array()).describe("numeric columns replaced by log(1 + x) before imputing and scaling"),
  });
}

S split_schema() {
  return make("split", {
    Option::number("test", 0.2).range(0, 0.9).describe("fraction of rows held out for the test set"),
    Option::number("validation", 0.2).range(0, 0.9).describe("fraction of rows held out for validation"),
    Option::boolean("stratify", true).describe("keep the class balance in every split"),
    Option::integer("seed", 42).range(0, limits::kMaxSeed).describe("seed of the split's shuffle"),
  });
}

S logistic_schema() {
  auto path = make("path", {
    Option::integer("n_lambda", 100).range(2, limits::kMaxLambdas).describe("number of log-spaced lambda values from lambda_max down"),
    Option::number("lambda_min_ratio", 1e-4).above(0).below(1).log().describe("smallest lambda as a fraction of lambda_max"),
  });
  auto cv = make("cv", {
    Option::integer("folds", 5).range(2, limits::kMaxFolds).describe("k of stratified k-fold cross-validation over the training rows"),
    Option::integer("seed", 0).range(0, limits::kMaxSeed).describe("seed of the fold assignment"),
  });
  return make("logistic_regression", {
    Option::number("lambda", 0.01).range(0, 1e6).log().describe("penalty strength; scikit-learn's C = 1 / (n_train * lambda)"),
    Option::number("l1_ratio", 0).range(0, 1).describe("elastic-net mixing alpha: 0 = L2 (ridge), 1 = L1 (lasso)"),
    Option::integer("max_iter", 1000).range(1, 100000).describe("outer (Newton) iterations per lambda"),
    Option::number("tol", 1e-14).above(0).below(1).log().describe("stop when the largest weighted coefficient change is below tol"),
    Option::object("path", path).describe("also fit the whole regularization path (warm-started)"),
    Option::object("cv", cv).describe("choose lambda_min and lambda_1se by cross-validation (needs path)"),
    Option::choice("select", {"lambda", "lambda_min", "lambda_1se"}, "lambda").describe("which lambda the final model uses"),
  });
}

S mlp_schema() {
  return make("mlp", {
    Option::list("hidden", T::Integer, Json::array({32, 32})).range(1, limits::kMaxUnits).items(limits::kMaxLayers).describe("units per hidden layer"),
    Option::choice("activation", {"relu", "tanh", "sigmoid"}, "relu").describe("hidden-layer activation"),
    Option::number("dropout", 0).range(0, 1).below(1).describe("inverted dropout rate after each hidden layer (training only)"),
    Option::boolean("batch_norm", false).describe("batch normalization before each hidden activation (running statistics at inference)"),
    Option::number("l2", 0).range(0, 10).log().describe("Keras-style kernel L2 penalty: l2 * sum(w^2) added to the loss"),
    Option::number("l1", 0).range(0, 10).log().describe("Keras-style kernel L1 penalty: l1 * sum(|w|) added to the loss"),
    Option::choice("init", {"auto", "he", "glorot"}, "auto").describe("weight init (uniform); auto: he for relu, glorot otherwise"),
  });
}

S schedule_schema() {
  return make("schedule", {
    Option::choice("type", {"constant", "step", "exponential", "cosine"}, "constant").describe("learning-rate schedule, applied per epoch"),
    Option::integer("step_size", 30).range(1, limits::kMaxEpochs).describe("step: epochs between drops"),
    Option::number("gamma", 0.5).above(0).range(0, 1).describe("step: factor per drop; exponential: factor per epoch"),
    Option::number("min_lr", 0).range(0, 10).describe("cosine: final learning rate"),
    Option::integer("warmup", 0).range(0, limits::kMaxEpochs).describe("epochs of linear warm-up from lr/warmup"),
  });
}

S early_stopping_schema() {
  return make("early_stopping", {
    Option::choice("monitor", {"val_loss", "val_accuracy", "loss", "accuracy"}, "val_loss").describe("quantity watched (Keras semantics)"),
    Option::choice("mode", {"auto", "min", "max"}, "auto").describe("auto: max for accuracy, min for loss"),
    Option::integer("patience", 10).range(0, limits::kMaxEpochs).describe("epochs without improvement before stopping"),
    Option::number("min_delta", 0).range(0, 10).describe("smallest change that counts as an improvement"),
    Option::boolean("restore_best", true).describe("restore the weights of the best epoch when stopping"),
    Option::integer("start_from_epoch", 0).range(0, limits::kMaxEpochs).describe("epochs to wait before watching"),
  });
}

S train_schema() {
  return make("train", {
    Option::choice("optimizer", {"sgd", "momentum", "adam"}, "adam").describe("update rule"),
    Option::number("learning_rate", 0.001).above(0).range(0, 10).log().describe("initial step size"),
    Option::number("momentum", 0.9).range(0, 1).below(1).describe("momentum: velocity decay"),
    Option::integer("batch_size", 32).range(1, limits::kMaxRows).describe("rows per mini-batch"),
    Option::integer("epochs", 200).range(1, limits::kMaxEpochs).describe("passes over the training rows"),
    Option::integer("seed", 7).range(0, limits::kMaxSeed).describe("seed of initial weights, shuffles and dropout masks"),
    Option::number("weight_decay", 0).range(0, 1).log().describe("decoupled weight decay per step (AdamW-style), on kernels"),
    section("schedule", schedule_schema()),
    Option::object("early_stopping", early_stopping_schema()).describe("stop when the monitored value stops improving"),
  });
}

S spec_root() {
  auto model = Option::variant("model", {{"logistic_regression", logistic_schema()}, {"mlp", mlp_schema()},
                                        {"decision_tree", decision_tree_schema()},
                                        {"gradient_boosting", gradient_boosting_schema()}},
                               "logistic_regression")
                   .describe("the model and its hyperparameters");
  return make("spec", {
    section("dataset", dataset_schema()).need(),
    section("preprocess", preprocess_schema()),
    section("split", split_schema()),
    model,
    section("train", train_schema()),
    Option::any("experiments").describe("named JSON merge patches over this spec, each run on its own"),
    Option::objects("variants", variant_schema()).items(limits::kMaxVariants).describe("trade-off variants, each trained, compressed and measured (see docs/spec.md)"),
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
