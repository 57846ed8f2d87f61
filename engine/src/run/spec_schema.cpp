// The experiment spec, declared once; each option bound to the options struct that reads it. Everything that reads a
// spec (validation, defaults, widget controls, URL state, docs/options.md) derives from these tables.
#include "lab/spec_schema.hpp"
#include "core/limits.hpp"
#include "data/data_schema.hpp"
#include "experiment/model_kinds.hpp"
#include "lab/options.hpp"
#include "tradeoff/tradeoff_schema.hpp"
#include "train/train_schema.hpp"

namespace lab {
namespace {

using S = std::shared_ptr<const Schema>;
using T = OptionType;

S spec_root() {
  std::map<std::string, S> models;
  for (const auto& kind : model_kinds()) models[kind.type] = kind.options;
  auto model = Option::variant("model", models, "logistic_regression").describe("the model and its hyperparameters");
  return make_schema(
      "spec", {
                  Option::string("$schema").describe(
                      "for editors: the JSON Schema this file follows (docs/schema.md); runs ignore it"),
                  default_section("dataset", dataset_schema()).need(),
                  default_section("preprocess", preprocess_schema()),
                  default_section("split", split_schema()),
                  model,
                  default_section("train", train_schema()),
                  Option::any("experiments").describe("named JSON merge patches over this spec, each run on its own"),
                  Option::objects("variants", variant_schema())
                      .items(limits::kMaxVariants)
                      .describe("trade-off variants, each trained, compressed and measured (see docs/spec.md)"),
                  default_section("latency", latency_schema()).describe("trade-off runs: how latency is measured"),
                  Option::objects("scenarios", scenario_schema())
                      .items(limits::kMaxScenarios)
                      .describe("deployment scenarios for the trade-off ranking; default: real-time, batch, edge"),
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
