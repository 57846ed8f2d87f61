// What the engine's results mean, for front ends that show them: per kind of task (binary,
// multiclass, regression) the metrics its tables and paths carry, with label, direction and
// bounds, its main score, loss and cross-validation metric; and the model a task uses in place
// of another a widget file names (a numeric target runs least squares where the file says
// logistic regression), with the variant names that follow. `lab-cli vocabulary` prints it
// beside widget_vocabulary(); the wasm module answers it as taskVocabulary().
#pragma once
#include "lab/json.hpp"

namespace lab {

// {"tasks": {kind: {table_metrics, path_metrics, main_score, loss, cv_metric}},
//  "metrics": {name: {label, higher_is_better, bounds: [lo, hi] or null}},
//  "in_place_of": [{task, model, use, rename: {word: word}}]}
Json task_vocabulary();

}  // namespace lab
