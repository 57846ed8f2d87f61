// From the spec's dataset/preprocess/split sections to design matrices: read the CSV, select
// and filter columns, encode the target, split, and fit the preprocessing on training rows.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "data/design.hpp"
#include "data/split.hpp"
#include "data/table.hpp"
#include "lab/experiment.hpp"
#include "tasks/task.hpp"

namespace lab {

struct PreparedData {
  Frame frame;                  // filtered rows, selected columns (target included)
  std::string target, positive, negative;  // positive/negative: binary tasks only
  Task task;                    // what is predicted (tasks/task.hpp)
  std::vector<int> labels;      // class index per frame row (0 for every row of a regression)
  std::vector<double> values;   // the encoded target per frame row: class index or value
  SplitRows split;              // indices into frame rows
  Preprocessor preprocessor;
  Eigen::MatrixXd X_train, X_val, X_test;
  Eigen::VectorXd y_train, y_val, y_test;  // class indices (0/1 when binary) or values
  OrderedJson summary() const;  // rows per split, task, class balance, design columns
};

// `spec` must be normalized (defaults filled).
PreparedData prepare_data(const Json& spec, const RunContext& context);

}  // namespace lab
