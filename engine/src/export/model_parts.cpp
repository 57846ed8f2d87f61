#include "export/model_parts.hpp"

#include "compress/classic_formats.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"

namespace lab {
namespace {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Tanh:
      return "tanh";
    case Activation::Sigmoid:
      return "sigmoid";
    default:
      return "relu";
  }
}

OrderedJson dense_layers(const FrozenMlp& net) {
  OrderedJson layers = OrderedJson::array();
  for (const auto& d : net.layers) {
    std::vector<float> w;
    w.reserve(static_cast<std::size_t>(d.W.size()));
    for (int j = 0; j < d.out(); ++j)
      for (int k = 0; k < d.in(); ++k) w.push_back(d.W(j, k));
    layers.push_back({{"in", d.in()},
                      {"out", d.out()},
                      {"weights", w},
                      {"bias", std::vector<float>(d.b.data(), d.b.data() + d.b.size())}});
  }
  return layers;
}

OrderedJson csr_layers(const std::vector<CsrLayer>& csr) {
  OrderedJson layers = OrderedJson::array();
  for (const auto& c : csr) {
    std::vector<float> w(static_cast<std::size_t>(c.in) * c.out, 0.0f);
    for (int j = 0; j < c.out; ++j)
      for (std::uint32_t p = c.row_ptr[static_cast<std::size_t>(j)]; p < c.row_ptr[static_cast<std::size_t>(j) + 1];
           ++p)
        w[static_cast<std::size_t>(j) * c.in + c.column[p]] = c.value[p];
    layers.push_back({{"in", c.in}, {"out", c.out}, {"weights", w}, {"bias", c.bias}});
  }
  return layers;
}

OrderedJson int8_layers(const std::vector<Int8Layer>& int8) {
  OrderedJson layers = OrderedJson::array();
  for (const auto& L : int8) {
    std::vector<int> q(L.weights.q.begin(), L.weights.q.end()),
        zp(L.weights.zero_point.begin(), L.weights.zero_point.end());
    layers.push_back({{"in", L.in},
                      {"out", L.out},
                      {"weights", q},
                      {"weight_scale", L.weights.scale},
                      {"weight_zero_point", zp},
                      {"input_scale", L.input_scale},
                      {"input_zero_point", static_cast<int>(L.input_zero_point)},
                      {"bias", L.bias}});
  }
  return layers;
}

// A tree in the preorder its nodes ship in: the true (<=) child of a split is the next node,
// `right` the false one; a split's `value` is its threshold. A leaf has feature -1 and adds its
// `width` values (taken in node order from `leaf_values`) to outputs target, target + 1, ...
OrderedJson tree_nodes(const CompactTree& tree, int target) {
  std::vector<int> feature, right;
  std::vector<float> value;
  for (const auto& n : tree.nodes) {
    feature.push_back(n.feature);
    value.push_back(n.feature >= 0 ? n.threshold : 0.0f);
    right.push_back(n.feature >= 0 ? n.right : -1);
  }
  return {{"target", target}, {"width", tree.width}, {"feature", feature},
          {"value", value},   {"right", right},      {"leaf_values", tree.values}};
}

OrderedJson head_of(const OutputHead& h, const Task& task) {
  OrderedJson out = {
      {"kind", h.name()}, {"outputs", h.outputs}, {"output", task.classification() ? "probability" : "value"}};
  if (task.kind == TaskKind::Multiclass) out["classes"] = task.classes;
  if (h.kind == HeadKind::Affine) {
    out["scale"] = h.scale;
    out["shift"] = h.shift;
  }
  return out;
}

OrderedJson parts_without_head(const DeployedModel& model) {
  switch (model.format()) {
    case ModelFormat::MlpFp32: {
      const FrozenMlp& net = static_cast<const MlpFp32Model&>(model).net();
      return {{"kind", "mlp"},
              {"activation", activation_name(net.activation)},
              {"storage", "float32"},
              {"layers", dense_layers(net)}};
    }
    case ModelFormat::MlpFp16: {
      const FrozenMlp& net = static_cast<const MlpFp16Model&>(model).decoded();
      return {{"kind", "mlp"},
              {"activation", activation_name(net.activation)},
              {"storage", "float16"},
              {"layers", dense_layers(net)}};
    }
    case ModelFormat::MlpSparse: {
      const auto& m = static_cast<const MlpSparseModel&>(model);
      return {{"kind", "mlp"},
              {"activation", activation_name(m.activation())},
              {"storage", "sparse"},
              {"layers", csr_layers(m.layers())}};
    }
    case ModelFormat::MlpInt8: {
      const auto& m = static_cast<const MlpInt8Model&>(model);
      return {
          {"kind", "mlp_int8"}, {"activation", activation_name(m.activation())}, {"layers", int8_layers(m.layers())}};
    }
    case ModelFormat::Linear: {
      const auto& m = static_cast<const LinearDeployed&>(model);
      const Eigen::MatrixXf W = m.coefficients().transpose();  // outputs x features
      std::vector<float> w;
      for (Eigen::Index j = 0; j < W.rows(); ++j)
        for (Eigen::Index k = 0; k < W.cols(); ++k) w.push_back(W(j, k));
      const Eigen::VectorXf& b = m.intercept();
      return {
          {"kind", "linear"}, {"coefficients", w}, {"intercept", std::vector<float>(b.data(), b.data() + b.size())}};
    }
    case ModelFormat::Tree: {
      // A classification tree's leaves hold class shares: the probabilities themselves.
      const auto& m = static_cast<const TreeDeployed&>(model);
      return {{"kind", "trees"},
              {"base", std::vector<float>(static_cast<std::size_t>(m.score_count()), 0.0f)},
              {"trees", OrderedJson::array({tree_nodes(m.tree(), 0)})}};
    }
    case ModelFormat::BoostedTrees: {
      // Leaves already carry the learning rate; tree t adds to score t mod k.
      const auto& m = static_cast<const BoostedDeployed&>(model);
      OrderedJson trees = OrderedJson::array();
      const auto& compact = m.compact_trees();
      for (std::size_t t = 0; t < compact.size(); ++t)
        trees.push_back(tree_nodes(compact[t], static_cast<int>(t % m.init().size())));
      return {{"kind", "trees"}, {"base", m.init()}, {"trees", trees}};
    }
  }
  return nullptr;
}

}  // namespace

OrderedJson model_parts(const DeployedModel& model, const Task& task, std::string& why) {
  OrderedJson parts = parts_without_head(model);
  if (parts.is_null()) {
    why = "unknown model format";
    return parts;
  }
  parts["head"] = head_of(model.head(), task);
  return parts;
}

}  // namespace lab
