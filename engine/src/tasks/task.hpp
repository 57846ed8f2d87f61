// What a run predicts, decided once from the spec and the target column: binary classes,
// several classes, or a number. Everything that differs by kind of target (how the target is
// encoded, which metrics and which main score a run reports, which output head a network
// ends in, which models apply) asks the Task instead of testing column values again.
#pragma once
#include <string>
#include <vector>

namespace lab {

enum class TaskKind { Binary, Multiclass, Regression };

struct Task {
  TaskKind kind = TaskKind::Binary;
  // The class names in label order: binary {negative, positive}; multi-class sorted values;
  // empty for regression.
  std::vector<std::string> classes;

  bool classification() const { return kind != TaskKind::Regression; }
  int class_count() const { return static_cast<int>(classes.size()); }
  // Columns of a model's prediction matrix: the positive probability (binary), one
  // probability per class (multi-class), the predicted value (regression).
  int outputs() const { return kind == TaskKind::Multiclass ? class_count() : 1; }
  const char* name() const;
  // The score that ranks models of this kind (higher is better): accuracy or R².
  const char* main_score() const { return classification() ? "accuracy" : "r2"; }
};

const char* task_name(TaskKind kind);
// "binary" | "multiclass" | "regression", as the spec names them.
TaskKind task_kind(const std::string& name);
// The task names a model kind or option can list, in one order, for messages and docs.
std::vector<std::string> task_names();

}  // namespace lab
