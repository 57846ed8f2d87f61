// The model types a spec can name, one table: each type's declared options and its runner.
// The spec's `model` variant is built from this table and run_experiment dispatches through
// it, so a type cannot be declared without a runner, nor run without a declaration.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset_builder.hpp"
#include "lab/options.hpp"
#include "lab/run_context.hpp"
#include "tasks/task.hpp"

namespace lab {

using Runner = OrderedJson (*)(const Json& spec, const PreparedData& data, const RunContext& context);

// A model type's runner for each kind of target it predicts (tasks/task.hpp): the pairs are
// where a model gains a task, so which models do what is read in one table.
struct ModelKind {
  std::string type;
  std::shared_ptr<const Schema> options;
  std::vector<std::pair<TaskKind, Runner>> runners;
  // The runner for `task`; throws lab::Error naming model.type when the model cannot predict
  // it, listing the models that can.
  Runner runner(const Task& task) const;
};

const std::vector<ModelKind>& model_kinds();
// The kind of a normalized spec's model; throws lab::Error naming model.type if unknown.
const ModelKind& model_kind(const std::string& type);

// The options struct of a normalized spec's model section, filled by the type's declaration:
// model_options<MlpOptions>("mlp", spec["model"]).
template <class Struct>
Struct model_options(const std::string& type, const Json& model) {
  return fill_options<Struct>(*model_kind(type).options, model);
}

}  // namespace lab
