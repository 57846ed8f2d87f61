// What a caller hands a run besides its spec (files, a progress callback, a share of the work)
// and what a run reports while it works. The engine's lower layers take these; the entry
// points that run a spec are in lab/experiment.hpp.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

class WorkShare;  // lab/work_share.hpp
class DataCache;  // lab/data_cache.hpp

// What a run reports while it works. `stage` names the phase ("read" once its CSV is read,
// {rows, bytes}; "path", "cv", "train", "variant"), `done`/`total` count its steps, `data` carries the step's numbers
// (an epoch's history row, a path row) so front ends can stream curves.
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
  // The caller's kept data set (lab/data_cache.hpp), reused when the next run's data sections
  // and CSV text are the same. Null: every run prepares its data.
  DataCache* data_cache = nullptr;
};

}  // namespace lab
