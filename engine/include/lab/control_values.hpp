// A learner's control values over a spec's experiments: what a widget's controls change.
// `values` maps a dotted option path, as a widget control names it ("train.learning_rate",
// "model.mlp.dropout"), to a value. Each path is resolved by lab::resolve_option_path against
// the experiment's own model type and set where the spec holds it; the result is checked as a
// run would check it, so a front end never re-implements the merge or the paths.
#pragma once
#include <string>

#include "lab/json.hpp"

namespace lab {

// The normalized spec the named experiment runs (lab::experiment_spec) with `values` set on it.
// An empty name is the spec's own single run. Only that experiment is checked (the widget file
// check reports the others), which keeps asking for each experiment of a file cheap.
// Throws lab::Error naming the path or field.
Json experiment_spec_with(const Json& spec, const std::string& name, const Json& values);

// The spec that runs exactly the experiments named in `runs` ({name: values}), each one's patch
// extended by its values, over the spec's own single run (without the widget, variants and
// scenarios sections). Running it gives, per experiment, what running the experiment with
// those values alone gives. Throws lab::Error naming experiments.NAME and the path.
Json run_spec_with(const Json& spec, const Json& runs);

}  // namespace lab
