// What each kind of task shows and ranks by, declared once: the metrics its tables and its
// regularization paths carry (name as results write it, label, direction, bounds), its main
// score, its loss and what cross-validation minimizes. Front ends read it (lab-cli vocabulary,
// the wasm module's taskVocabulary(), web/src/generated/engine-vocabulary.json) instead of
// keeping tables of their own; tests hold the runners' results to it.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lab/json.hpp"
#include "tasks/task.hpp"

namespace lab {

struct MetricInfo {
  std::string name;   // the key results use: "accuracy", "log_loss", "r2", ...
  std::string label;  // how texts name it: "accuracy", "log loss", "R²"
  bool higher_is_better = true;
  // Where its values lie, when bounded on both sides (accuracy, AUC, F1: [0, 1]).
  std::optional<std::pair<double, double>> bounds;
};

struct TaskKindInfo {
  TaskKind kind;
  // The metrics a result's tables show for this kind, in column order.
  std::vector<std::string> table_metrics;
  // The metrics each fit on a regularization path carries (train and validation); the first is
  // what cross-validation minimizes (result.cv.metric).
  std::vector<std::string> path_metrics;
  std::string main_score;  // Task::main_score(): ranks models, higher is better
  std::string loss;        // the kind's training loss as results name it
  std::string cv_metric;
};

// Every metric some kind shows, each once, in the order of first use.
const std::vector<MetricInfo>& metric_infos();
// The metric `name`, or nullptr.
const MetricInfo* metric_info(const std::string& name);
const TaskKindInfo& task_kind_info(TaskKind kind);

// {"tasks": {kind: {table_metrics, path_metrics, main_score, loss, cv_metric}},
//  "metrics": {name: {label, higher_is_better, bounds}}}
OrderedJson task_kinds_json();

}  // namespace lab
