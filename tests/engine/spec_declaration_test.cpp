// The spec's declaration is the one source of option names and defaults: it fills the options
// structs, every struct default equals its declaration, and every model type has a runner.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "compress/pruning.hpp"
#include "experiment/model_kinds.hpp"
#include "lab/error.hpp"
#include "lab/options.hpp"
#include "lab/spec_schema.hpp"
#include "models/mlp.hpp"
#include "train/mlp_trainer.hpp"

namespace {

using lab::Json;

// Calls `visit(path, option)` for every option under `schema`, variants by their type name.
void walk(const lab::Schema& schema, const std::string& prefix,
          const std::function<void(const std::string&, const lab::Option&)>& visit) {
  for (const auto& o : schema.options) {
    const std::string path = prefix.empty() ? o.name : prefix + "." + o.name;
    visit(path, o);
    if (o.fields) walk(*o.fields, path, visit);
    for (const auto& [type, s] : o.variants) walk(*s, path + "." + type, visit);
  }
}

TEST(SpecDeclaration, EveryStructDefaultEqualsItsDeclaredDefault) {
  int checked = 0;
  walk(lab::spec_schema(), "", [&](const std::string& path, const lab::Option& o) {
    if (!o.binding || !o.binding->struct_default || o.default_value.is_null()) return;
    EXPECT_EQ(o.binding->struct_default(), o.default_value) << path;
    ++checked;
  });
  EXPECT_GT(checked, 60);  // the model, train, schedule, early-stopping, compress, split, preprocess options
}

// Sections read into C++ structs: each of their options must be bound, so none is read by
// hand (with a second copy of its name and default) in a runner.
TEST(SpecDeclaration, EveryOptionOfAStructSectionIsBound) {
  const std::set<std::string> struct_sections{"preprocess",
                                              "split",
                                              "train",
                                              "train.schedule",
                                              "train.early_stopping",
                                              "model.logistic_regression",
                                              "model.logistic_regression.path",
                                              "model.logistic_regression.cv",
                                              "model.mlp",
                                              "model.decision_tree",
                                              "model.gradient_boosting",
                                              "variants.compress.prune",
                                              "variants.compress.quantize",
                                              "variants.compress.distill"};
  int sections = 0;
  for (const auto& section : struct_sections) {
    const lab::Schema& s = lab::section_schema(lab::spec_schema(), section);
    for (const auto& o : s.options) {
      // train.early_stopping is its own struct, filled only when the section is present.
      if (section == "train" && o.name == "early_stopping") continue;
      EXPECT_TRUE(o.binding) << section << "." << o.name << " is not bound to a struct field";
    }
    ++sections;
  }
  EXPECT_EQ(sections, 14);
}

TEST(SpecDeclaration, FillsStructsFromANormalizedSection) {
  const Json spec = lab::apply_schema(lab::spec_schema(), Json::parse(R"({
    "dataset": {"csv": "x.csv", "target": "y"},
    "model": {"type": "mlp", "hidden": [8, 4], "dropout": 0.25, "batch_norm": true},
    "train": {"optimizer": "momentum", "momentum": 0.5, "weight_decay": 0.01, "seed": 99,
              "schedule": {"type": "cosine", "min_lr": 0.0001}}
  })"),
                                      "");
  const auto mlp = lab::spec_options<lab::MlpOptions>("model.mlp", spec["model"]);
  EXPECT_EQ(mlp.hidden, (std::vector<int>{8, 4}));
  EXPECT_DOUBLE_EQ(mlp.dropout, 0.25);
  EXPECT_TRUE(mlp.batch_norm);
  EXPECT_EQ(mlp.activation, "relu");  // the declared default, filled by apply_schema
  const auto train = lab::spec_options<lab::TrainOptions>("train", spec["train"]);
  EXPECT_EQ(train.optimizer.rule, "momentum");
  EXPECT_DOUBLE_EQ(train.optimizer.momentum, 0.5);
  EXPECT_DOUBLE_EQ(train.optimizer.weight_decay, 0.01);
  EXPECT_EQ(train.seed, 99u);
  EXPECT_EQ(train.schedule.type, "cosine");  // a nested section fills a nested struct
  EXPECT_DOUBLE_EQ(train.schedule.min_lr, 0.0001);
  EXPECT_EQ(train.schedule.step_size, 30);
}

TEST(SpecDeclaration, TwoWayChoicesFillFlags) {
  const Json prune = lab::apply_schema(lab::section_schema(lab::spec_schema(), "variants.compress.prune"),
                                       Json{{"scope", "global"}, {"structure", "units"}}, "prune");
  const auto o = lab::spec_options<lab::PruneOptions>("variants.compress.prune", prune);
  EXPECT_TRUE(o.global);
  EXPECT_TRUE(o.units);
  EXPECT_FALSE(o.gradual);
  EXPECT_EQ(o.end_step, -1);  // optional without a value: the struct's "not set"
}

TEST(SpecDeclaration, EveryDeclaredModelTypeHasARunnerAndNoOther) {
  const lab::Option* model = lab::spec_schema().find("model");
  ASSERT_NE(model, nullptr);
  std::set<std::string> declared, runnable;
  for (const auto& [type, schema] : model->variants) declared.insert(type);
  for (const auto& kind : lab::model_kinds()) {
    runnable.insert(kind.type);
    EXPECT_FALSE(kind.runners.empty()) << kind.type;
    for (const auto& entry : kind.runners) EXPECT_NE(entry.second, nullptr) << kind.type;
  }
  EXPECT_EQ(declared, runnable);
  EXPECT_THROW(lab::model_kind("svm"), lab::Error);
}

}  // namespace
