// From typed columns to the numeric design matrix, fitted on training rows only (as a
// scikit-learn Pipeline would be): optional log1p, median/mean imputation (most frequent value
// for text), one-hot encoding with the categories seen in training (unseen ones encode as all
// zeros; a two-valued column keeps one indicator), then standard scaling with the training mean and population std.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "data/table.hpp"

namespace lab {

struct PreprocessOptions {
  std::string impute = "median";  // or "mean"
  bool scale = true;
  std::vector<std::string> log1p;
};

struct Preprocessor {
  struct Feature {
    std::string name;
    bool numeric = false;
    bool log1p = false;
    double fill = 0;                      // numeric imputation value
    std::string fill_text;                // categorical imputation value
    std::vector<std::string> categories;  // categorical: sorted training categories
    bool binary = false;                  // two categories: one column for the second
  };
  std::vector<Feature> features;
  std::vector<std::string> columns;  // design column names ("age", "class=1st", ...)
  std::vector<int> column_feature;   // design column -> index in features
  Eigen::VectorXd mean, scale;       // per design column (0 and 1 when not scaling)

  // Learns imputation values, categories and scaling from `rows` of `frame` (the features are
  // every column of `frame` except `target`).
  static Preprocessor fit(const Frame& frame, const std::string& target, const std::vector<int>& rows,
                          const PreprocessOptions& options);
  Eigen::MatrixXd transform(const Frame& frame, const std::vector<int>& rows) const;
};

}  // namespace lab
