// The model types a spec can name, one table: each type's declared options and its runner.
// The spec's `model` variant is built from this table and run_experiment dispatches through
// it, so a type cannot be declared without a runner, nor run without a declaration.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/dataset_builder.hpp"
#include "lab/experiment.hpp"
#include "lab/options.hpp"

namespace lab {

using Runner = OrderedJson (*)(const Json& spec, const PreparedData& data, const RunContext& context);

struct ModelKind {
  std::string type;
  std::shared_ptr<const Schema> options;
  Runner run;
};

const std::vector<ModelKind>& model_kinds();
// The kind of a normalized spec's model; throws lab::Error naming model.type if unknown.
const ModelKind& model_kind(const std::string& type);

}  // namespace lab
