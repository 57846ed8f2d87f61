// Three shipping forms of a float MLP. Each payload starts with the network's shape:
// activation (u8), layer count L (u8), sizes (u16 x (L + 1)). Then per layer:
//   fp32:   W (out x in, row-major) and b as float32
//   fp16:   W and b as IEEE float16, so the payload after the shape is exactly half of fp32's
//   sparse: nnz (u32), row_ptr (u32 x (out + 1)), column indices (u16 x nnz), values (float32
//           x nnz), b (float32 x out): a pruned kernel stores only its non-zeros
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

// Inference walks only the stored non-zeros (a sparse matrix-vector product per row).
class MlpSparseModel : public DeployedModel {
 public:
  explicit MlpSparseModel(const FrozenMlp& net);
  MlpSparseModel(Activation activation, std::vector<CsrLayer> layers)
      : activation_(activation), layers_(std::move(layers)) {}
  ModelFormat format() const override { return ModelFormat::MlpSparse; }
  Eigen::MatrixXf scores(const FloatRows& X) const override;
  int score_count() const override { return layers_.back().out; }
  long parameters() const override;
  long nonzero() const override;
  void write(ByteWriter& out) const override;
  const std::vector<CsrLayer>& layers() const { return layers_; }
  Activation activation() const { return activation_; }

 private:
  Activation activation_;
  std::vector<CsrLayer> layers_;
};

// Shape block shared by every MLP payload (also used by the int8 form).
void write_mlp_shape(ByteWriter& out, Activation activation, const std::vector<int>& sizes);
std::vector<int> read_mlp_shape(ByteReader& in, Activation& activation);

std::unique_ptr<DeployedModel> read_mlp_fp32(ByteReader& in);
std::unique_ptr<DeployedModel> read_mlp_fp16(ByteReader& in);
std::unique_ptr<DeployedModel> read_mlp_sparse(ByteReader& in);

}  // namespace lab
