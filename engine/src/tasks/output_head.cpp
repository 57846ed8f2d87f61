#include "tasks/output_head.hpp"

#include <cmath>

namespace lab {

OutputHead OutputHead::of_scores(const Task& task) {
  switch (task.kind) {
    case TaskKind::Binary:
      return sigmoid();
    case TaskKind::Multiclass:
      return softmax(task.class_count());
    case TaskKind::Regression:
      return identity(1);
  }
  return sigmoid();
}

const char* OutputHead::name() const {
  switch (kind) {
    case HeadKind::Sigmoid:
      return "sigmoid";
    case HeadKind::Softmax:
      return "softmax";
    case HeadKind::Identity:
      return "identity";
    case HeadKind::Affine:
      return "affine";
  }
  return "unknown";
}

Eigen::MatrixXd OutputHead::apply(const Eigen::MatrixXf& raw) const {
  const Eigen::Index rows = raw.cols();
  Eigen::MatrixXd out(rows, outputs);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const float* z = raw.data() + r * raw.rows();
    switch (kind) {
      case HeadKind::Sigmoid: {
        const double v = z[0];
        out(r, 0) = v >= 0 ? 1 / (1 + std::exp(-v)) : std::exp(v) / (1 + std::exp(v));
        break;
      }
      case HeadKind::Softmax: {
        double top = z[0], sum = 0;
        for (int k = 1; k < outputs; ++k) top = std::max(top, static_cast<double>(z[k]));
        for (int k = 0; k < outputs; ++k) sum += out(r, k) = std::exp(static_cast<double>(z[k]) - top);
        out.row(r) /= sum;
        break;
      }
      case HeadKind::Identity:
        for (int k = 0; k < outputs; ++k) out(r, k) = z[k];
        break;
      case HeadKind::Affine:
        out(r, 0) = static_cast<double>(z[0]) * scale + shift;
        break;
    }
  }
  return out;
}

}  // namespace lab
