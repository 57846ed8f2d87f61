// Three shipping forms of a float MLP. Each payload starts with the network's shape:
// activation (u8), layer count L (u8), sizes (u16 x (L + 1)). Then per layer:
//   fp32:   W (out x in, row-major) and b as float32
//   fp16:   W and b as IEEE float16, so the payload after the shape is exactly half of fp32's
//   sparse: W in the smallest of dense, bitmap and CSR (compress/weight_storage.hpp: an encoding
//           byte, then its payload; chosen per layer), b as float32: a pruned kernel stores
//           only its non-zeros when that is smaller, so light pruning never grows the model
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "compress/deployed.hpp"
#include "compress/frozen_mlp.hpp"

namespace lab {

// Bytes of the shape block that opens every MLP payload.
std::size_t mlp_shape_bytes(std::size_t layers);

class MlpFp32Model : public DeployedModel {
 public:
  explicit MlpFp32Model(FrozenMlp net) : net_(std::move(net)) {}
  ModelFormat format() const override { return ModelFormat::MlpFp32; }
  Eigen::MatrixXf scores(const FloatRows& X) const override { return net_.scores(X); }
  int score_count() const override { return net_.sizes().back(); }
  long parameters() const override { return net_.parameters(); }
  long nonzero() const override { return net_.nonzero(); }
  void write(ByteWriter& out) const override;
  const FrozenMlp& net() const { return net_; }

 private:
  FrozenMlp net_;
};

// Stores float16; runs in float32 after decoding at load, as TFLite's float16 models do on
// CPUs without half-precision arithmetic: the gain is size, not speed.
class MlpFp16Model : public DeployedModel {
 public:
  explicit MlpFp16Model(const FrozenMlp& net);  // rounds every number to float16
  ModelFormat format() const override { return ModelFormat::MlpFp16; }
  Eigen::MatrixXf scores(const FloatRows& X) const override { return decoded_.scores(X); }
  int score_count() const override { return decoded_.sizes().back(); }
  long parameters() const override { return decoded_.parameters(); }
  long nonzero() const override { return decoded_.nonzero(); }
  void write(ByteWriter& out) const override;
  const FrozenMlp& decoded() const { return decoded_; }

 private:
  FrozenMlp decoded_;  // the float16 values, widened
};

struct CsrLayer {
  int in = 0, out = 0;
  std::vector<std::uint32_t> row_ptr;  // out + 1
  std::vector<std::uint16_t> column;   // nnz
  std::vector<float> value;            // nnz
  std::vector<float> bias;             // out
};

// A pruned MLP. It computes with either kernel: "sparse" walks only the stored non-zeros
// (kernels/sparse.hpp), "dense" multiplies the whole kernel, zeros included (the fp32 form's
// kernel). Which is faster depends on the share of zeros, the batch size and the machine, so the
// trade-off run times both and keeps the faster for single rows and for batches
// (use_kernels); the scores agree up to float rounding.
class MlpSparseModel : public DeployedModel {
 public:
  explicit MlpSparseModel(FrozenMlp net);
  ModelFormat format() const override { return ModelFormat::MlpSparse; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return layers_.back().out; }
  long parameters() const override { return net_.parameters(); }
  long nonzero() const override { return net_.nonzero(); }
  void write(ByteWriter& out) const override;
  std::vector<std::string> kernel_names() const override { return {"sparse", "dense"}; }
  void use_kernels(const std::string& single, const std::string& batch) override;
  std::string kernel(bool batch) const override { return (batch ? batch_dense_ : single_dense_) ? "dense" : "sparse"; }
  const std::vector<CsrLayer>& layers() const { return layers_; }
  Activation activation() const { return net_.activation; }

 private:
  FrozenMlp net_;
  std::vector<CsrLayer> layers_;
  bool single_dense_ = false, batch_dense_ = false;
};

// Shape block shared by every MLP payload (also used by the int8 form).
void write_mlp_shape(ByteWriter& out, Activation activation, const std::vector<int>& sizes);
std::vector<int> read_mlp_shape(ByteReader& in, Activation& activation);

std::unique_ptr<DeployedModel> read_mlp_fp32(ByteReader& in);
std::unique_ptr<DeployedModel> read_mlp_fp16(ByteReader& in);
std::unique_ptr<DeployedModel> read_mlp_sparse(ByteReader& in);

}  // namespace lab
