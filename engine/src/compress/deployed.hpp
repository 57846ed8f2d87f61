// A model in the form it ships in: what a trade-off run serializes, loads back, times and
// evaluates. Each form stores only what its predictions need (the shared preprocessing is not
// part of any model), so the serialized size is a fair comparison between forms. A form
// computes raw scores; its output head (tasks/output_head.hpp) turns them into the task's
// prediction, so every form serves binary, multi-class and regression targets alike.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "compress/bytes.hpp"
#include "core/float_rows.hpp"
#include "tasks/output_head.hpp"

namespace lab {

enum class ModelFormat : std::uint8_t {
  MlpFp32 = 1,       // dense float32 kernels and biases
  MlpFp16 = 2,       // the same numbers as IEEE float16
  MlpInt8 = 3,       // int8 kernels with scales (and zero points), integer inference
  MlpSparse = 4,     // pruned kernels in CSR: only non-zeros and their column indices
  Linear = 5,        // float32 coefficients per output, dense or as (index, value) pairs
  Tree = 6,          // preorder nodes: (feature, threshold) or (leaf marker, value)
  BoostedTrees = 7,  // initial score and trees with the learning rate folded into the leaves
};

std::string format_name(ModelFormat format);  // "mlp_fp32", "mlp_int8", ...

class DeployedModel {
 public:
  virtual ~DeployedModel() = default;
  virtual ModelFormat format() const = 0;
  // Raw scores, score_count() x rows (column-major: one row's scores together).
  virtual Eigen::MatrixXf scores(const FloatRows& X) const = 0;
  virtual int score_count() const = 0;
  // The task's prediction, rows x head().outputs: P(positive), class probabilities or values.
  // The head is a sigmoid until set_head (a tree's: the identity); a form of several scores
  // needs its head set before it predicts.
  Eigen::MatrixXd predict(const FloatRows& X) const;
  const OutputHead& head() const { return head_; }
  // Throws lab::Error when the head does not take score_count() scores.
  void set_head(const OutputHead& head);
  virtual long parameters() const = 0;            // numbers the model's dense equivalent holds
  virtual long nonzero() const = 0;               // how many of those are not zero
  virtual void write(ByteWriter& out) const = 0;  // the payload after the common header

  // The kernels this form can compute its scores with, the default first. A form with more
  // than one (a pruned MLP: sparse or dense) is timed with each and runs the faster one for
  // one-row calls and for batches; the kernels' scores agree up to float rounding.
  virtual std::vector<std::string> kernel_names() const { return {"dense"}; }
  // Throws lab::Error for a name kernel_names() does not list.
  virtual void use_kernels(const std::string& single, const std::string& batch);
  virtual std::string kernel(bool batch) const { return kernel_names().front(); }

 private:
  OutputHead head_;
};

}  // namespace lab
