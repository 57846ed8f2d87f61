// The engine's one entry point: an experiment spec (JSON) in, a result (JSON) out.
// The same call serves the CLI (tools/lab run), the wasm module and the widgets.
#pragma once
#include <string>

#include "lab/json.hpp"
#include "lab/run_context.hpp"

namespace lab {

// Validates the spec against the declared options (unknown keys are errors), then runs it.
// Throws lab::Error on bad input, lab::Cancelled when the callback asked to stop.
OrderedJson run_experiment(const Json& spec, const RunContext& context = {});

// Reads a spec file (an experiment spec, or a widget file, which is a spec plus UI ranges) and
// runs it with base_dir set to the file's folder.
OrderedJson run_experiment_file(const std::string& path, RunContext context = {});

// Fills defaults and checks every field of a spec without running it; returns the full spec.
Json normalize_spec(const Json& spec);

// The normalized spec that the named experiment of `spec` runs: the experiment's patch merged
// over the spec (a patch naming another model type replaces the model), without the sections
// that describe more than one run (experiments, variants, scenarios, widget). An empty `name`
// gives the spec's own single run. Throws lab::Error naming `experiments.NAME` if unknown.
Json experiment_spec(const Json& spec, const std::string& name);

// How many pieces a spec's run has across engine instances (lab/work_share.hpp): 0 when
// splitting cannot help, so a pool runs it on one instance. Experiments each count theirs (merged as experiment_spec
// merges them; throws lab::Error for a spec that does not normalize).
int count_pieces(const Json& spec);

}  // namespace lab
