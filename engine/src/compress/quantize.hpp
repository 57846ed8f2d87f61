// Post-training int8 quantization of an MLP with a real integer kernel.
//
// Weights take the reduced range [-64, 64] of int8 (ONNX Runtime's `reduce_range`): symmetric
// (zero point 0, scale = max|w| / 64) or affine (the range [min(w, 0), max(w, 0)] mapped onto
// [-64, 64] with a zero point), per tensor or per output channel. q = clamp(round(w /
// scale) + zero_point), round half to even; every weight comes back within half a step:
// |(q - zp) * scale - w| <= scale / 2.
// Why the reduced range: an exported model runs in ONNX Runtime's integer kernels, which on x86 without
// VNNI multiply u8 activations by s8 weights and add each pair of products in 16 bits with
// saturation (vpmaddubsw). With |q| <= 64 the largest pair sum, 2 * 255 * 64 = 32,640, fits in
// int16, so every CPU computes the same integers as the engine (int8_pair_sum_bound).
//
// Activations: each layer's input is quantized affinely with a range calibrated on training
// rows (values outside saturate). A layer then computes, per output j, in int32:
//   acc_j = sum_k (qw_jk - zw_j)(qx_k - zx)
//         = sum_k qw_jk qx_k - zx * rowsum_j - zw_j * sum_k qx_k + K zw_j zx
// (the gemmlowp expansion, so the inner loop is a plain int8 x int8 dot product) and
// dequantizes y_j = scale_w_j * scale_x * acc_j + b_j in float for the activation.
//
// Payload after the MLP shape block, per layer: scheme (u8: 0 symmetric, 1 affine),
// granularity (u8: 0 per tensor, 1 per channel), input scale (f32), input zero point (i8),
// weight scales (f32 x C), weight zero points (i8 x C, affine only), weights (i8 x out x in,
// row-major), biases (f32 x out); C = 1 or out.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "compress/deployed.hpp"
#include "compress/frozen_mlp.hpp"
#include "kernels/int8.hpp"

namespace lab {

struct QuantizeOptions {
  bool affine = false;
  bool per_channel = true;
  int bits = 8;  // 8: int8 weights and kernel; 16: float16 storage
};

// The stored weights' range (both schemes), see above.
constexpr int kWeightQuantMin = -64, kWeightQuantMax = 64;

// The largest |sum| of two products of a u8 activation (0..255, the int8 input shifted by 128
// as x86 kernels take it) and weights q: what a 16-bit pairwise multiply-add must hold.
long int8_pair_sum_bound(const std::vector<std::int8_t>& q);

struct QuantizedTensor {
  std::vector<std::int8_t> q;           // row-major
  std::vector<float> scale;             // 1 (per tensor) or one per row
  std::vector<std::int8_t> zero_point;  // same length as scale
};

// Quantizes W (rows x cols) as the options say.
QuantizedTensor quantize_weights(const Eigen::MatrixXf& W, const QuantizeOptions& options);

struct Int8Layer {
  int in = 0, out = 0;
  bool affine = false, per_channel = true;
  QuantizedTensor weights;
  float input_scale = 1;
  std::int8_t input_zero_point = 0;
  std::vector<float> bias;
  // Derived at construction, per output j: the zero-point terms that do not depend on the
  // input, -zx * sum_k qw_jk + K zw_j zx, and the float step scale_w_j * scale_x.
  std::vector<std::int32_t> offset;
  std::vector<std::int32_t> zw;  // the weight zero point of each output
  std::vector<float> step;
  // Derived: the weights widened to int16 and packed for the pairwise multiply-add kernel
  // (kernels/int8.hpp), the way gemmlowp and XNNPACK run int8 on SSE2 and wasm SIMD.
  kernels::PackedInt8 packed;

  float scale_of(int row) const { return weights.scale[per_channel ? static_cast<std::size_t>(row) : 0]; }
  int zero_point_of(int row) const { return weights.zero_point[per_channel ? static_cast<std::size_t>(row) : 0]; }
  void derive();
};

class MlpInt8Model : public DeployedModel {
 public:
  // Calibrates activation ranges on `calibration` rows (a sample of the training rows, like
  // TFLite's representative dataset).
  MlpInt8Model(const FrozenMlp& net, const QuantizeOptions& options, const FloatRows& calibration);
  MlpInt8Model(Activation activation, std::vector<Int8Layer> layers);
  ModelFormat format() const override { return ModelFormat::MlpInt8; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return layers_.back().out; }
  long parameters() const override;
  long nonzero() const override;  // weights whose quantized value is not the zero point, and non-zero biases
  void write(ByteWriter& out) const override;
  const std::vector<Int8Layer>& layers() const { return layers_; }
  Activation activation() const { return activation_; }
  // The float kernel each layer stands for: (q - zp) * scale.
  Eigen::MatrixXf dequantized(std::size_t layer) const;

 private:
  Activation activation_;
  std::vector<Int8Layer> layers_;
};

std::unique_ptr<DeployedModel> read_mlp_int8(ByteReader& in);

}  // namespace lab
