#include "compress/serialize.hpp"

#include "compress/classic_formats.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"

namespace lab {

std::string format_name(ModelFormat f) {
  switch (f) {
    case ModelFormat::MlpFp32: return "mlp_fp32";
    case ModelFormat::MlpFp16: return "mlp_fp16";
    case ModelFormat::MlpInt8: return "mlp_int8";
    case ModelFormat::MlpSparse: return "mlp_csr";
    case ModelFormat::Logistic: return "logistic_fp32";
    case ModelFormat::Tree: return "tree";
    case ModelFormat::BoostedTrees: return "boosted_trees";
  }
  return "unknown";
}

std::vector<std::uint8_t> save_model(const DeployedModel& model) {
  ByteWriter out;
  for (char c : {'L', 'A', 'B', 'M'}) out.u8(static_cast<std::uint8_t>(c));
  out.u8(kModelFormatVersion);
  out.u8(static_cast<std::uint8_t>(model.format()));
  model.write(out);
  return std::move(out.bytes());
}

std::unique_ptr<DeployedModel> load_model(const std::vector<std::uint8_t>& bytes) {
  ByteReader in(bytes);
  for (char c : {'L', 'A', 'B', 'M'})
    if (in.u8("the magic") != static_cast<std::uint8_t>(c)) in.fail("not a model file (the magic is not \"LABM\")");
  const std::uint8_t version = in.u8("the version");
  if (version != kModelFormatVersion)
    in.fail("format version " + std::to_string(version) + " is not supported (this engine reads version " +
            std::to_string(kModelFormatVersion) + ")");
  const std::uint8_t format = in.u8("the model format");
  std::unique_ptr<DeployedModel> model;
  switch (static_cast<ModelFormat>(format)) {
    case ModelFormat::MlpFp32: model = read_mlp_fp32(in); break;
    case ModelFormat::MlpFp16: model = read_mlp_fp16(in); break;
    case ModelFormat::MlpInt8: model = read_mlp_int8(in); break;
    case ModelFormat::MlpSparse: model = read_mlp_sparse(in); break;
    case ModelFormat::Logistic: model = read_logistic(in); break;
    case ModelFormat::Tree: model = read_tree(in); break;
    case ModelFormat::BoostedTrees: model = read_boosted_trees(in); break;
    default: in.fail("unknown model format " + std::to_string(format));
  }
  if (!in.at_end()) in.fail(std::to_string(bytes.size() - in.offset()) + " unexpected bytes after the model");
  return model;
}

}  // namespace lab
