// A model in the form it ships in: what a trade-off run serializes, loads back, times and
// evaluates. Each form stores only what its predictions need (the shared preprocessing is not
// part of any model), so the serialized size is a fair comparison between forms.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>

#include "compress/bytes.hpp"
#include "core/float_rows.hpp"

namespace lab {

enum class ModelFormat : std::uint8_t {
  MlpFp32 = 1,       // dense float32 kernels and biases
  MlpFp16 = 2,       // the same numbers as IEEE float16
  MlpInt8 = 3,       // int8 kernels with scales (and zero points), integer inference
  MlpSparse = 4,     // pruned kernels in CSR: only non-zeros and their column indices
  Logistic = 5,      // float32 coefficients, dense or as (index, value) pairs
  Tree = 6,          // preorder nodes: (feature, threshold) or (leaf marker, value)
  BoostedTrees = 7,  // initial score and trees with the learning rate folded into the leaves
};

std::string format_name(ModelFormat format);  // "mlp_fp32", "mlp_int8", ...

class DeployedModel {
 public:
  virtual ~DeployedModel() = default;
  virtual ModelFormat format() const = 0;
  // Probability of the positive class for every row.
  virtual Eigen::VectorXd predict_proba(const FloatRows& X) const = 0;
  virtual long parameters() const = 0;  // numbers the model's dense equivalent holds
  virtual long nonzero() const = 0;     // how many of those are not zero
  virtual void write(ByteWriter& out) const = 0;  // the payload after the common header
};

}  // namespace lab
