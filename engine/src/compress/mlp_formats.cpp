#include "compress/mlp_formats.hpp"
#include "core/limits.hpp"

#include "compress/half.hpp"
#include "compress/weight_storage.hpp"
#include "kernels/sparse.hpp"

namespace lab {
namespace {

FrozenMlp empty_layers(Activation activation, const std::vector<int>& sizes) {
  FrozenMlp net;
  net.activation = activation;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    DenseLayer d;
    d.W.resize(sizes[l + 1], sizes[l]);
    d.b.resize(sizes[l + 1]);
    net.layers.push_back(std::move(d));
  }
  return net;
}

}  // namespace

std::size_t mlp_shape_bytes(std::size_t layers) { return 2 + 2 * (layers + 1); }

void write_mlp_shape(ByteWriter& out, Activation activation, const std::vector<int>& sizes) {
  out.u8(static_cast<std::uint8_t>(activation));
  out.u8(static_cast<std::uint8_t>(sizes.size() - 1));
  for (int s : sizes) out.u16(static_cast<std::uint16_t>(s));
}

std::vector<int> read_mlp_shape(ByteReader& in, Activation& activation) {
  const std::uint8_t a = in.u8("the activation");
  if (a > static_cast<std::uint8_t>(Activation::Sigmoid)) in.fail("unknown activation " + std::to_string(a));
  activation = static_cast<Activation>(a);
  const int layers = in.u8("the layer count");
  if (layers < 1) in.fail("an MLP needs at least one layer");
  std::vector<int> sizes;
  for (int l = 0; l <= layers; ++l) {
    sizes.push_back(in.u16("a layer size"));
    if (sizes.back() < 1) in.fail("a layer of size 0");
  }
  return sizes;
}

// ---- fp32 ----

void MlpFp32Model::write(ByteWriter& out) const {
  write_mlp_shape(out, net_.activation, net_.sizes());
  for (const auto& d : net_.layers) {
    for (int j = 0; j < d.out(); ++j)
      for (int k = 0; k < d.in(); ++k) out.f32(d.W(j, k));
    for (int j = 0; j < d.out(); ++j) out.f32(d.b(j));
  }
}

std::unique_ptr<DeployedModel> read_mlp_fp32(ByteReader& in) {
  Activation activation;
  const std::vector<int> sizes = read_mlp_shape(in, activation);
  FrozenMlp net = empty_layers(activation, sizes);
  for (auto& d : net.layers) {
    for (int j = 0; j < d.out(); ++j)
      for (int k = 0; k < d.in(); ++k) d.W(j, k) = in.f32("a weight");
    for (int j = 0; j < d.out(); ++j) d.b(j) = in.f32("a bias");
  }
  return std::make_unique<MlpFp32Model>(std::move(net));
}

// ---- fp16 ----

MlpFp16Model::MlpFp16Model(const FrozenMlp& net) : decoded_(net) {
  for (auto& d : decoded_.layers) {
    d.W = d.W.unaryExpr([](float w) { return half_to_float(float_to_half(w)); });
    d.b = d.b.unaryExpr([](float w) { return half_to_float(float_to_half(w)); });
  }
}

void MlpFp16Model::write(ByteWriter& out) const {
  write_mlp_shape(out, decoded_.activation, decoded_.sizes());
  for (const auto& d : decoded_.layers) {
    for (int j = 0; j < d.out(); ++j)
      for (int k = 0; k < d.in(); ++k) out.u16(float_to_half(d.W(j, k)));  // exact: already float16 values
    for (int j = 0; j < d.out(); ++j) out.u16(float_to_half(d.b(j)));
  }
}

std::unique_ptr<DeployedModel> read_mlp_fp16(ByteReader& in) {
  Activation activation;
  const std::vector<int> sizes = read_mlp_shape(in, activation);
  FrozenMlp net = empty_layers(activation, sizes);
  for (auto& d : net.layers) {
    for (int j = 0; j < d.out(); ++j)
      for (int k = 0; k < d.in(); ++k) d.W(j, k) = half_to_float(in.u16("a float16 weight"));
    for (int j = 0; j < d.out(); ++j) d.b(j) = half_to_float(in.u16("a float16 bias"));
  }
  return std::make_unique<MlpFp16Model>(net);  // re-rounding float16 values is the identity
}

// ---- sparse (CSR) ----

MlpSparseModel::MlpSparseModel(FrozenMlp net) : net_(std::move(net)) {
  for (const auto& d : net_.layers) {
    CsrLayer c;
    c.in = d.in();
    c.out = d.out();
    c.row_ptr.push_back(0);
    for (int j = 0; j < d.out(); ++j) {
      for (int k = 0; k < d.in(); ++k) {
        if (d.W(j, k) == 0.0f) continue;
        c.column.push_back(static_cast<std::uint16_t>(k));
        c.value.push_back(d.W(j, k));
      }
      c.row_ptr.push_back(static_cast<std::uint32_t>(c.value.size()));
    }
    c.bias.assign(d.b.data(), d.b.data() + d.b.size());
    layers_.push_back(std::move(c));
  }
}

void MlpSparseModel::use_kernels(const std::string& single, const std::string& batch) {
  DeployedModel::use_kernels(single, batch);
  single_dense_ = single == "dense";
  batch_dense_ = batch == "dense";
}

Eigen::MatrixXf MlpSparseModel::scores(const FloatRows& X) const {
  if (X.rows() == 1 ? single_dense_ : batch_dense_) return net_.scores(X);
  // The whole batch at once, feature-major (a column-major rows x features matrix is exactly
  // that layout), so each stored weight multiplies a run of rows (kernels/sparse.hpp).
  const Eigen::Index n = X.rows();
  Eigen::MatrixXf a = X;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const CsrLayer& c = layers_[l];
    Eigen::MatrixXf z(n, c.out);
    kernels::csr_matmul(c.row_ptr.data(), c.column.data(), c.value.data(), c.bias.data(), c.out, a.data(), n, z.data());
    if (l + 1 < layers_.size()) apply_activation(net_.activation, z.data(), z.size());
    a = std::move(z);
  }
  return a.transpose();  // rows x outputs -> outputs x rows
}

void MlpSparseModel::write(ByteWriter& out) const {
  write_mlp_shape(out, net_.activation, net_.sizes());
  for (const auto& d : net_.layers) {
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> W = d.W;
    write_weights(out, W.data(), d.out(), d.in());
    for (int j = 0; j < d.out(); ++j) out.f32(d.b(j));
  }
}

std::unique_ptr<DeployedModel> read_mlp_sparse(ByteReader& in) {
  Activation activation;
  const std::vector<int> sizes = read_mlp_shape(in, activation);
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) check_kernel_entries(in, sizes[l + 1], sizes[l]);
  FrozenMlp net = empty_layers(activation, sizes);
  for (auto& d : net.layers) {
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> W(d.out(), d.in());
    read_weights(in, W.data(), d.out(), d.in());
    d.W = W;
    for (int j = 0; j < d.out(); ++j) d.b(j) = in.f32("a bias");
  }
  return std::make_unique<MlpSparseModel>(std::move(net));
}

}  // namespace lab
