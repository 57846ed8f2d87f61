// The engine's one entry point: an experiment spec (JSON) in, a result (JSON) out.
// The same call serves the CLI (tools/lab run), the wasm module and the widgets.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

class WorkShare;  // lab/work_share.hpp

// What a run reports while it works. `stage` names the phase ("read" once its CSV is read,
// {rows, bytes}; "path", "cv", "train", "variant"), `done`/`total` count its steps, `data` carries the step's numbers (an epoch's
// history row, a path row) so front ends can stream curves.
struct Progress {
  std::string stage;
  int done = 0;
  int total = 0;
  Json data;
};

struct RunContext {
  // Relative dataset paths resolve against this folder (the spec file's folder).
  std::string base_dir;
  // Files supplied by the caller, keyed by the path written in the spec; consulted before the
  // file system. The browser passes the fetched CSV text here.
  std::map<std::string, std::string> files;
  // Whether files not in `files` may be read from disk (false in the browser, which has none).
  bool read_file_system = true;
  // Called per epoch / per lambda / per variant. Return false to cancel the run (throws
  // lab::Cancelled out of run_experiment).
  std::function<bool(const Progress&)> on_progress;
  // Trade-off runs: the variants of these names also report their deployed model's numbers
  // ("export": the parts an ONNX exporter needs, the design columns it takes, and a few test
  // rows with the engine's probabilities to check the export against). Unknown names are errors.
  std::vector<std::string> export_variants;
  // A run split across engine instances (lab/work_share.hpp): a share run computes only its
  // pieces and answers {"pieces": {...}} instead of a result; a merge run is handed them.
  // Null: the whole run here.
  WorkShare* share = nullptr;
};

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

}  // namespace lab
