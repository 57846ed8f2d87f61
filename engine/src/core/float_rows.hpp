// Feature rows as float32, row-major: what every deployed model reads. Row-major keeps one
// row contiguous, so single-row inference is a plain pointer walk; float32 is what the
// models store and what scikit-learn's trees compare against.
#pragma once
#include <Eigen/Dense>

namespace lab {

using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

inline FloatRows to_float_rows(const Eigen::MatrixXd& X) { return X.cast<float>(); }

}  // namespace lab
