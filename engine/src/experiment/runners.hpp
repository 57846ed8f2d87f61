// One runner per model family; run.cpp validates the spec, prepares the data and dispatches.
#pragma once
#include "core/progress.hpp"
#include "data/dataset_builder.hpp"
#include "eval/importance.hpp"
#include "lab/options.hpp"
#include "lab/run_context.hpp"
#include "models/boosting.hpp"
#include "models/tree.hpp"
#include "train/callbacks/early_stopping.hpp"
#include "train/mlp_trainer.hpp"

namespace lab {

// Metrics of a predictor (a rows x task.outputs() prediction, metrics/task_metrics.hpp) on
// every non-empty split, and permutation importance.
OrderedJson split_metrics(const PreparedData& data, const Predictor& predict);
OrderedJson permutation_block(const PreparedData& data, const Predictor& predict, std::uint64_t seed);
// The same for a model scored as link(X W + b): the importance's fast form (eval/importance.hpp).
OrderedJson permutation_block(const PreparedData& data, const LinearScores& model, std::uint64_t seed);

// How each model family meets the task (tasks/task.hpp): the network's output head, the
// tree's split criterion, boosting's loss.
MlpHead mlp_head_for(const Task& task);
SplitCriterion tree_criterion(const Task& task);
BoostingLoss boosting_loss(const Task& task);

OrderedJson run_logistic(const Json& spec, const PreparedData& data, const RunContext& context);
OrderedJson run_mlp(const Json& spec, const PreparedData& data, const RunContext& context);
OrderedJson run_tree(const Json& spec, const PreparedData& data, const RunContext& context);
OrderedJson run_multinomial(const Json& spec, const PreparedData& data, const RunContext& context);
OrderedJson run_linear(const Json& spec, const PreparedData& data, const RunContext& context);
OrderedJson run_boosting(const Json& spec, const PreparedData& data, const RunContext& context);

// The normalized spec of variant `index`: its patch merged over `spec` (defaults filled).
Json variant_spec(const Json& spec, std::size_t index);
// Trade-off rules checked in normalize_spec, past what the schema can say: which models a
// "compress" section applies to, quantization widths, teachers. `merged` is variant_spec().
void check_variant(const Json& spec, std::size_t index, const Json& merged);
}  // namespace lab
