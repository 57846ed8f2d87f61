#include "tasks/task.hpp"

#include "lab/error.hpp"

namespace lab {
namespace {

const char* const kNames[] = {"binary", "multiclass", "regression"};

}  // namespace

const char* task_name(TaskKind kind) { return kNames[static_cast<int>(kind)]; }
const char* Task::name() const { return task_name(kind); }
std::vector<std::string> task_names() { return {kNames[0], kNames[1], kNames[2]}; }

TaskKind task_kind(const std::string& name) {
  for (int k = 0; k < 3; ++k)
    if (name == kNames[k]) return static_cast<TaskKind>(k);
  fail_field("dataset.task", "unknown task '" + name + "'");
}

}  // namespace lab
