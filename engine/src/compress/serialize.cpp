#include "compress/serialize.hpp"

#include <algorithm>
#include <cmath>

#include "compress/classic_formats.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"
#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {

std::string format_name(ModelFormat f) {
  switch (f) {
    case ModelFormat::MlpFp32:
      return "mlp_fp32";
    case ModelFormat::MlpFp16:
      return "mlp_fp16";
    case ModelFormat::MlpInt8:
      return "mlp_int8";
    case ModelFormat::MlpSparse:
      return "mlp_sparse";
    case ModelFormat::Linear:
      return "linear_fp32";
    case ModelFormat::Tree:
      return "tree";
    case ModelFormat::BoostedTrees:
      return "boosted_trees";
  }
  return "unknown";
}

void DeployedModel::set_head(const OutputHead& head) {
  if (head.outputs != score_count())
    throw Error({}, std::string("a ") + head.name() + " head of " + std::to_string(head.outputs) +
                        " outputs cannot follow " + format_name(format()) + " scores of width " +
                        std::to_string(score_count()));
  head_ = head;
}

void DeployedModel::use_kernels(const std::string& single, const std::string& batch) {
  const std::vector<std::string> names = kernel_names();
  for (const std::string& k : {single, batch})
    if (std::find(names.begin(), names.end(), k) == names.end())
      throw Error({}, format_name(format()) + " has no '" + k + "' kernel");
}

Eigen::MatrixXd DeployedModel::predict(const FloatRows& X) const {
  if (head_.outputs != score_count())
    throw Error({}, format_name(format()) + " computes " + std::to_string(score_count()) + " scores but its " +
                        head_.name() + " head takes " + std::to_string(head_.outputs) + ": set the task's head first");
  return head_.apply(scores(X));
}

namespace {

void write_head(ByteWriter& out, const OutputHead& h) {
  out.u8(static_cast<std::uint8_t>(h.kind));
  out.u16(static_cast<std::uint16_t>(h.outputs));
  if (h.kind == HeadKind::Affine) {
    out.f32(h.scale);
    out.f32(h.shift);
  }
}

OutputHead read_head(ByteReader& in) {
  OutputHead h;
  const std::uint8_t kind = in.u8("the output head");
  if (kind > static_cast<std::uint8_t>(HeadKind::Affine)) in.fail("unknown output head " + std::to_string(kind));
  h.kind = static_cast<HeadKind>(kind);
  h.outputs = in.u16("the output count");
  if (h.outputs < 1 || h.outputs > limits::kMaxClasses) in.fail("an output count of " + std::to_string(h.outputs));
  if ((h.kind == HeadKind::Sigmoid || h.kind == HeadKind::Affine) && h.outputs != 1)
    in.fail(std::string("a ") + h.name() + " head has one output, not " + std::to_string(h.outputs));
  if (h.kind == HeadKind::Softmax && h.outputs < 2) in.fail("a softmax head needs at least two outputs");
  if (h.kind == HeadKind::Affine) {
    h.scale = in.f32("the output scale");
    h.shift = in.f32("the output shift");
    if (!std::isfinite(h.scale) || !std::isfinite(h.shift)) in.fail("the output scale and shift must be finite");
  }
  return h;
}

}  // namespace

std::vector<std::uint8_t> save_model(const DeployedModel& model) {
  ByteWriter out;
  for (char c : {'L', 'A', 'B', 'M'}) out.u8(static_cast<std::uint8_t>(c));
  out.u8(kModelFormatVersion);
  out.u8(static_cast<std::uint8_t>(model.format()));
  write_head(out, model.head());
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
  if (format < static_cast<std::uint8_t>(ModelFormat::MlpFp32) ||
      format > static_cast<std::uint8_t>(ModelFormat::BoostedTrees))
    in.fail("unknown model format " + std::to_string(format));
  const OutputHead head = read_head(in);
  std::unique_ptr<DeployedModel> model;
  switch (static_cast<ModelFormat>(format)) {
    case ModelFormat::MlpFp32:
      model = read_mlp_fp32(in);
      break;
    case ModelFormat::MlpFp16:
      model = read_mlp_fp16(in);
      break;
    case ModelFormat::MlpInt8:
      model = read_mlp_int8(in);
      break;
    case ModelFormat::MlpSparse:
      model = read_mlp_sparse(in);
      break;
    case ModelFormat::Linear:
      model = read_linear(in);
      break;
    case ModelFormat::Tree:
      model = read_tree(in);
      break;
    case ModelFormat::BoostedTrees:
      model = read_boosted_trees(in);
      break;
    default:
      in.fail("unknown model format " + std::to_string(format));
  }
  if (!in.at_end()) in.fail(std::to_string(bytes.size() - in.offset()) + " unexpected bytes after the model");
  if (head.outputs != model->score_count())
    in.fail(std::string("the ") + head.name() + " head takes " + std::to_string(head.outputs) +
            " scores; the model computes " + std::to_string(model->score_count()));
  model->set_head(head);
  return model;
}

}  // namespace lab
