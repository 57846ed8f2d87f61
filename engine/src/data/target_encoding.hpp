// The target column of a table encoded for its task (tasks/task.hpp): which kind of target it
// is (dataset.task, or the auto rule) and each row's label or value. It reads table columns,
// so it sits in data/, above the task kinds it decides between.
#pragma once
#include <string>
#include <vector>

#include "data/table.hpp"
#include "lab/json.hpp"
#include "tasks/task.hpp"

namespace lab {

// A target column encoded for a task: per frame row the label (binary 0/1, multi-class the
// class index) or the value (regression); rows with a missing target have `missing` set and
// cannot be used.
struct EncodedTarget {
  Task task;
  std::vector<double> value;
  std::vector<char> missing;
};

// Decides the task (dataset.task, "auto" by default) and encodes the target. Errors name the
// dataset field and say how to fix it: too many classes, a non-numeric or missing regression
// value (naming the CSV line), `positive` on a task that is not binary.
EncodedTarget encode_target(const Frame& frame, const Column& target, const Json& dataset);

}  // namespace lab
