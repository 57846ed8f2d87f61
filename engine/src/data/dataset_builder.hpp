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

namespace lab {

struct PreparedData {
  Frame frame;                  // filtered rows, selected columns (target included)
  std::string target, positive, negative;
  std::vector<int> labels;      // 0/1 per frame row
  SplitRows split;              // indices into frame rows
  Preprocessor preprocessor;
  Eigen::MatrixXd X_train, X_val, X_test;
  Eigen::VectorXd y_train, y_val, y_test;
  OrderedJson summary() const;  // rows per split, class balance, design columns
};

// `spec` must be normalized (defaults filled).
PreparedData prepare_data(const Json& spec, const RunContext& context);

}  // namespace lab
