// From the spec's dataset/preprocess/split sections to design matrices: read the CSV, select
// and filter columns, encode the target, split, and fit the preprocessing on training rows.
#pragma once
#include <Eigen/Dense>
#include <memory>
#include <string>
#include <vector>

#include "data/design.hpp"
#include "data/memory_estimate.hpp"
#include "data/split.hpp"
#include "data/table.hpp"
#include "data/target_encoding.hpp"
#include "lab/error.hpp"
#include "lab/run_context.hpp"

namespace lab {

// (The typed columns the design matrices come from are not kept: at 100k x 30 they are 28 MB,
// as much as the matrices, and a kept data set would hold them for as long as it is kept.)
struct PreparedData {
  std::string target, positive, negative;  // positive/negative: binary tasks only
  Task task;                               // what is predicted (tasks/task.hpp)
  std::vector<int> labels;                 // class index per usable row (0 for every row of a regression)
  std::vector<double> values;              // the encoded target per usable row: class index or value
  SplitRows split;                         // indices into the usable rows (those with a target)
  Preprocessor preprocessor;
  Eigen::MatrixXd X_train, X_val, X_test;
  Eigen::VectorXd y_train, y_val, y_test;  // class indices (0/1 when binary) or values
  RunSize size;                            // what the memory estimate of a run on these rows starts from
  std::vector<Warning> warnings;           // what preparing the data left out (constant or empty features)
  OrderedJson summary() const;             // rows per split, task, class balance, design columns
};

// What a spec's prepared data depends on in the spec: its dataset, preprocess and split
// sections (runs with equal keys share one PreparedData).
std::string data_key(const Json& spec);

// `spec` must be normalized (defaults filled).
PreparedData prepare_data(const Json& spec, const RunContext& context);

// prepare_data, or the data set the caller's DataCache (RunContext::data_cache) holds when the spec's data
// sections and the CSV text are the same: a learner's reruns (a control moved) and a worker
// pool's merge after its share (lab/work_share.hpp) parse and preprocess the CSV once. Only
// for CSVs handed over in memory (RunContext::files, the browser's), keyed by the text's hash
// and length; a run on other data drops the kept one before preparing its own, so at most one
// data set is held. The run's memory estimate is checked again for the new spec.
std::shared_ptr<const PreparedData> prepare_data_kept(const Json& spec, const RunContext& context);

}  // namespace lab
