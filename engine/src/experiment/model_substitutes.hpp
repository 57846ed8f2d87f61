// The model a task runs in place of the one a widget file names: a learner's numeric target
// turns the file's logistic regressions into least squares with the same penalty (both declare
// lambda, l1_ratio, path, cv and select alike), and a variant named for its logistic model is
// renamed by the words below. The web shell applies it to the widget file (from
// lab::task_vocabulary(), never a copy); the engine itself runs a spec as written.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "tasks/task.hpp"

namespace lab {

struct ModelSubstitute {
  TaskKind task;
  std::string model;  // the type a file names ...
  std::string use;    // ... and the type the task runs instead
  // Words of a variant name that name `model`, and what they become.
  std::vector<std::pair<std::string, std::string>> rename;
};

const std::vector<ModelSubstitute>& model_substitutes();

}  // namespace lab
