#include "compress/quantize.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "compress/mlp_formats.hpp"
#include "compress/weight_storage.hpp"

namespace lab {
namespace {

// Round to nearest, ties to even (the default floating-point rounding mode), as TFLite does.
int round_even(double x) { return static_cast<int>(std::nearbyint(x)); }
int clamp_to(int v, int lo, int hi) { return std::min(std::max(v, lo), hi); }

struct Range {
  float scale = 1;
  int zero_point = 0;
};

Range symmetric_range(float max_abs) { return {max_abs > 0 ? max_abs / static_cast<float>(kWeightQuantMax) : 1.0f, 0}; }

// [lo, hi] widened to contain 0 (so 0 is exactly representable) onto [qmin, qmax]: the weights'
// reduced range, or the activations' full int8 range.
Range affine_range(float lo, float hi, int qmin = -128, int qmax = 127) {
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  Range r;
  r.scale = hi > lo ? (hi - lo) / static_cast<float>(qmax - qmin) : 1.0f;
  r.zero_point = clamp_to(round_even(qmin - static_cast<double>(lo) / r.scale), qmin, qmax);
  return r;
}

void quantize_row(const float* w, Eigen::Index n, const Range& r, bool affine, std::int8_t* q) {
  const int lo = affine ? kWeightQuantMin : -kWeightQuantMax;
  for (Eigen::Index k = 0; k < n; ++k)
    q[k] = static_cast<std::int8_t>(
        clamp_to(round_even(static_cast<double>(w[k]) / r.scale) + r.zero_point, lo, kWeightQuantMax));
}

}  // namespace

long int8_pair_sum_bound(const std::vector<std::int8_t>& q) {
  int largest = 0;
  for (std::int8_t v : q) largest = std::max(largest, std::abs(static_cast<int>(v)));
  return 2L * 255 * largest;
}

QuantizedTensor quantize_weights(const Eigen::MatrixXf& W, const QuantizeOptions& o) {
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor w = W;
  QuantizedTensor t;
  t.q.resize(static_cast<std::size_t>(w.size()));
  auto range_of = [&](const float* begin, Eigen::Index n) {
    Eigen::Map<const Eigen::ArrayXf> v(begin, n);
    return o.affine ? affine_range(v.minCoeff(), v.maxCoeff(), kWeightQuantMin, kWeightQuantMax)
                    : symmetric_range(v.abs().maxCoeff());
  };
  const Eigen::Index channels = o.per_channel ? w.rows() : 1;
  const Eigen::Index span = o.per_channel ? w.cols() : w.size();
  for (Eigen::Index c = 0; c < channels; ++c) {
    const float* begin = w.data() + c * span;
    const Range r = range_of(begin, span);
    t.scale.push_back(r.scale);
    t.zero_point.push_back(static_cast<std::int8_t>(r.zero_point));
    quantize_row(begin, span, r, o.affine, t.q.data() + c * span);
  }
  return t;
}

void Int8Layer::derive() {
  packed = kernels::pack_int8(weights.q.data(), out, in);
  offset.assign(static_cast<std::size_t>(out), 0);
  zw.assign(static_cast<std::size_t>(out), 0);
  step.assign(static_cast<std::size_t>(out), 0);
  const std::int32_t zx = input_zero_point;
  for (int j = 0; j < out; ++j) {
    std::int32_t row_sum = 0;
    for (int k = 0; k < in; ++k) row_sum += weights.q[static_cast<std::size_t>(j) * in + k];
    offset[static_cast<std::size_t>(j)] = -zx * row_sum + in * zero_point_of(j) * zx;
    zw[static_cast<std::size_t>(j)] = zero_point_of(j);
    step[static_cast<std::size_t>(j)] = scale_of(j) * input_scale;
  }
}

MlpInt8Model::MlpInt8Model(const FrozenMlp& net, const QuantizeOptions& o, const FloatRows& calibration)
    : activation_(net.activation) {
  const std::vector<std::pair<float, float>> ranges = net.layer_input_ranges(calibration);
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const DenseLayer& d = net.layers[l];
    Int8Layer q;
    q.in = d.in();
    q.out = d.out();
    q.affine = o.affine;
    q.per_channel = o.per_channel;
    q.weights = quantize_weights(d.W, o);
    const Range r = affine_range(ranges[l].first, ranges[l].second);
    q.input_scale = r.scale;
    q.input_zero_point = static_cast<std::int8_t>(r.zero_point);
    q.bias.assign(d.b.data(), d.b.data() + d.b.size());
    q.derive();
    layers_.push_back(std::move(q));
  }
}

MlpInt8Model::MlpInt8Model(Activation activation, std::vector<Int8Layer> layers)
    : activation_(activation), layers_(std::move(layers)) {
  for (auto& l : layers_) l.derive();
}

Eigen::MatrixXf MlpInt8Model::scores(const FloatRows& X) const {
  // The whole batch through each layer: every row's input quantized with the layer's scale,
  // the integer kernel over all rows, then one requantization back to float, where the
  // zero-point term that depends on the row (zw_j * sum_k qx_k) is added.
  const int n = static_cast<int>(X.rows());
  std::vector<float> a(X.data(), X.data() + X.size()), z;  // row-major: a row's values together
  std::vector<std::int16_t> qx, spread;
  std::vector<std::int32_t> acc, sum_qx;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Int8Layer& L = layers_[l];
    const std::size_t pairs = static_cast<std::size_t>(L.packed.pairs);
    const std::size_t out_stride = static_cast<std::size_t>(L.packed.blocks) * 4;
    qx.resize(2 * pairs);
    spread.resize(static_cast<std::size_t>(n) * kernels::kPairLanes *
                  pairs);  // every value is written below: no zeroing pass
    sum_qx.resize(static_cast<std::size_t>(n));
    const float inverse = 1.0f / L.input_scale;
    for (int r = 0; r < n; ++r) {
      std::int16_t* row = spread.data() + static_cast<std::size_t>(r) * kernels::kPairLanes * pairs;
      std::int16_t* q = kernels::kPairLanes == 2 ? row : qx.data();  // plain pairs: quantize in place
      sum_qx[static_cast<std::size_t>(r)] =
          kernels::quantize_int8(a.data() + static_cast<std::size_t>(r) * L.in, L.in, inverse, L.input_zero_point, q);
      if (static_cast<std::size_t>(L.in) < 2 * pairs) q[L.in] = 0;  // an odd input count pads with 0
      if (q != row) kernels::spread_pairs(q, L.packed.pairs, row);
    }
    acc.resize(static_cast<std::size_t>(n) * out_stride);
    kernels::int8_matmul(L.packed, spread.data(), n, acc.data());
    z.resize(static_cast<std::size_t>(n) * L.out);
    const bool hidden = l + 1 < layers_.size();
    const bool relu = hidden && activation_ == Activation::Relu;  // fused into the requantization
    for (int r = 0; r < n; ++r)
      kernels::requantize(acc.data() + static_cast<std::size_t>(r) * out_stride, L.offset.data(), L.zw.data(),
                          sum_qx[static_cast<std::size_t>(r)], L.step.data(), L.bias.data(), L.out, relu,
                          z.data() + static_cast<std::size_t>(r) * L.out);
    if (hidden && !relu) apply_activation(activation_, z.data(), static_cast<Eigen::Index>(z.size()));
    a.swap(z);
  }
  return Eigen::Map<const Eigen::MatrixXf>(a.data(), layers_.back().out, n);  // row-major rows x out = out x rows
}

long MlpInt8Model::parameters() const {
  long n = 0;
  for (const auto& L : layers_) n += static_cast<long>(L.in) * L.out + L.out;
  return n;
}

long MlpInt8Model::nonzero() const {
  long n = 0;
  for (const auto& L : layers_) {
    for (int j = 0; j < L.out; ++j)
      for (int k = 0; k < L.in; ++k) n += L.weights.q[static_cast<std::size_t>(j) * L.in + k] != L.zero_point_of(j);
    for (float b : L.bias) n += b != 0.0f;
  }
  return n;
}

Eigen::MatrixXf MlpInt8Model::dequantized(std::size_t layer) const {
  const Int8Layer& L = layers_[layer];
  Eigen::MatrixXf W(L.out, L.in);
  for (int j = 0; j < L.out; ++j)
    for (int k = 0; k < L.in; ++k)
      W(j, k) =
          static_cast<float>(L.weights.q[static_cast<std::size_t>(j) * L.in + k] - L.zero_point_of(j)) * L.scale_of(j);
  return W;
}

void MlpInt8Model::write(ByteWriter& out) const {
  std::vector<int> sizes{layers_.front().in};
  for (const auto& L : layers_) sizes.push_back(L.out);
  write_mlp_shape(out, activation_, sizes);
  for (const auto& L : layers_) {
    out.u8(L.affine ? 1 : 0);
    out.u8(L.per_channel ? 1 : 0);
    out.f32(L.input_scale);
    out.i8(L.input_zero_point);
    for (float s : L.weights.scale) out.f32(s);
    if (L.affine)
      for (auto zp : L.weights.zero_point) out.i8(zp);
    write_weights(out, L.weights.q.data(), L.out, L.in);  // pruned: only the non-zeros, when smaller
    for (float b : L.bias) out.f32(b);
  }
}

std::unique_ptr<DeployedModel> read_mlp_int8(ByteReader& in) {
  Activation activation;
  const std::vector<int> sizes = read_mlp_shape(in, activation);
  std::vector<Int8Layer> layers;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    Int8Layer L;
    L.in = sizes[l];
    L.out = sizes[l + 1];
    const std::uint8_t scheme = in.u8("the scheme"), granularity = in.u8("the granularity");
    if (scheme > 1 || granularity > 1) in.fail("unknown quantization scheme or granularity");
    L.affine = scheme == 1;
    L.per_channel = granularity == 1;
    L.input_scale = in.f32("the input scale");
    L.input_zero_point = in.i8("the input zero point");
    if (!(L.input_scale > 0) || !std::isfinite(L.input_scale)) in.fail("the input scale must be a positive number");
    const int channels = L.per_channel ? L.out : 1;
    for (int c = 0; c < channels; ++c) {
      L.weights.scale.push_back(in.f32("a weight scale"));
      if (!(L.weights.scale.back() > 0) || !std::isfinite(L.weights.scale.back()))
        in.fail("a weight scale must be a positive number");
    }
    for (int c = 0; c < channels; ++c)
      L.weights.zero_point.push_back(L.affine ? in.i8("a zero point") : std::int8_t{0});
    check_kernel_entries(in, L.out, L.in);
    L.weights.q.resize(static_cast<std::size_t>(L.in) * static_cast<std::size_t>(L.out));
    read_weights(in, L.weights.q.data(), L.out, L.in);
    for (std::int8_t q : L.weights.q)
      // Only weights in the reduced range are ever written (see quantize.hpp): others could
      // saturate an exporter's 16-bit pair sums, so a file holding one is not the engine's.
      if (q < kWeightQuantMin || q > kWeightQuantMax)
        in.fail("weight " + std::to_string(q) + " is outside the reduced range [" + std::to_string(kWeightQuantMin) +
                ", " + std::to_string(kWeightQuantMax) + "]");
    for (int j = 0; j < L.out; ++j) L.bias.push_back(in.f32("a bias"));
    layers.push_back(std::move(L));
  }
  return std::make_unique<MlpInt8Model>(activation, std::move(layers));
}

}  // namespace lab
