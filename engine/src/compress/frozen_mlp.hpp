// An MLP in the form it ships in: dense layers only, batch normalization folded into the
// preceding kernel and bias (inference uses the running statistics, so the fold is exact up to
// float rounding). Every compressed form (sparse, float16, int8) starts from this one.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/float_rows.hpp"
#include "models/mlp.hpp"

namespace lab {

enum class Activation : std::uint8_t { Relu = 0, Tanh = 1, Sigmoid = 2 };

Activation activation_from_name(const std::string& name);
void apply_activation(Activation a, float* values, Eigen::Index count);

struct DenseLayer {
  Eigen::MatrixXf W;  // out x in
  Eigen::VectorXf b;  // out
  int in() const { return static_cast<int>(W.cols()); }
  int out() const { return static_cast<int>(W.rows()); }
};

struct FrozenMlp {
  Activation activation = Activation::Relu;
  std::vector<DenseLayer> layers;  // the last one's outputs are the scores (the head's input)

  static FrozenMlp from(const Mlp& model);

  Eigen::MatrixXf scores(const FloatRows& X) const;  // outputs x rows, before the head
  // Smallest and largest value of each layer's input over the rows of X (layer 0: X itself):
  // what int8 calibration needs. Keeps one layer's activations at a time.
  std::vector<std::pair<float, float>> layer_input_ranges(const FloatRows& X) const;
  long parameters() const;  // kernel and bias entries
  long nonzero() const;
  std::vector<int> sizes() const;  // inputs, hidden..., outputs

  // Drops hidden units whose outgoing weights are all zero: they cannot change the output,
  // whatever their activation. Structured pruning leaves such units; this makes them go away.
  FrozenMlp without_dead_units() const;
};

}  // namespace lab
