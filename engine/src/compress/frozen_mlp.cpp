#include "compress/frozen_mlp.hpp"

#include <cmath>

#include "kernels/dense.hpp"

namespace lab {

Activation activation_from_name(const std::string& name) {
  if (name == "tanh") return Activation::Tanh;
  if (name == "sigmoid") return Activation::Sigmoid;
  return Activation::Relu;
}

void apply_activation(Activation a, float* v, Eigen::Index n) {
  Eigen::Map<Eigen::ArrayXf> x(v, n);
  if (a == Activation::Relu)
    x = x.max(0.0f);
  else if (a == Activation::Tanh)
    x = x.tanh();
  else
    x = (1.0f + (-x).exp()).inverse();
}

FrozenMlp FrozenMlp::from(const Mlp& model) {
  FrozenMlp out;
  out.activation = activation_from_name(model.options().activation);
  const Eigen::VectorXf& p = model.params();
  std::size_t bn = 0;
  for (const auto& L : model.layers()) {
    DenseLayer d;
    d.W = Eigen::Map<const Eigen::MatrixXf>(p.data() + L.weight, L.out, L.in);
    d.b = p.segment(L.bias, L.out);
    if (L.gamma >= 0) {
      // y = gamma * (Wx + b - mean) / sqrt(var + eps) + beta  ==  (g W) x + (g (b - mean) + beta)
      const Eigen::ArrayXf g =
          p.segment(L.gamma, L.out).array() * (model.running_var()[bn].array() + Mlp::kBatchNormEpsilon).rsqrt();
      d.W = g.matrix().asDiagonal() * d.W;
      d.b = (g * (d.b.array() - model.running_mean()[bn].array()) + p.segment(L.beta, L.out).array()).matrix();
      ++bn;
    }
    out.layers.push_back(std::move(d));
  }
  return out;
}

std::vector<std::pair<float, float>> FrozenMlp::layer_input_ranges(const FloatRows& X) const {
  std::vector<std::pair<float, float>> ranges;
  FloatRows a = X;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    ranges.emplace_back(a.size() ? a.minCoeff() : 0.0f, a.size() ? a.maxCoeff() : 0.0f);
    if (l + 1 == layers.size()) break;
    FloatRows z = a * layers[l].W.transpose();
    z.rowwise() += layers[l].b.transpose();
    apply_activation(activation, z.data(), z.size());
    a = std::move(z);
  }
  return ranges;
}

Eigen::MatrixXf FrozenMlp::scores(const FloatRows& X) const {
  // Row-major X is the kernel's inputs x rows column-major layout, and each layer's output
  // (outputs x rows, column-major) is the next one's input: no transposes between layers.
  const int n = static_cast<int>(X.rows());
  Eigen::MatrixXf a = Eigen::Map<const Eigen::MatrixXf>(X.data(), X.cols(), X.rows());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const DenseLayer& d = layers[l];
    Eigen::MatrixXf z(d.out(), n);
    kernels::matmul(d.W.data(), d.out(), d.in(), a.data(), n, z.data(), d.b.data());
    if (l + 1 < layers.size()) apply_activation(activation, z.data(), z.size());
    a = std::move(z);
  }
  return a;
}

long FrozenMlp::parameters() const {
  long n = 0;
  for (const auto& d : layers) n += static_cast<long>(d.W.size() + d.b.size());
  return n;
}

long FrozenMlp::nonzero() const {
  long n = 0;
  for (const auto& d : layers) n += static_cast<long>((d.W.array() != 0.0f).count() + (d.b.array() != 0.0f).count());
  return n;
}

std::vector<int> FrozenMlp::sizes() const {
  std::vector<int> s{layers.empty() ? 0 : layers.front().in()};
  for (const auto& d : layers) s.push_back(d.out());
  return s;
}

FrozenMlp FrozenMlp::without_dead_units() const {
  FrozenMlp out = *this;
  for (std::size_t l = 0; l + 1 < out.layers.size(); ++l) {
    DenseLayer& here = out.layers[l];
    DenseLayer& next = out.layers[l + 1];
    std::vector<int> keep;
    for (int j = 0; j < here.out(); ++j)
      if ((next.W.col(j).array() != 0.0f).any()) keep.push_back(j);
    if (keep.empty()) keep.push_back(0);  // a layer keeps one unit so the network stays connected
    if (static_cast<int>(keep.size()) == here.out()) continue;
    const auto k = static_cast<Eigen::Index>(keep.size());
    Eigen::MatrixXf W(k, here.in()), W_next(next.out(), k);
    Eigen::VectorXf b(k);
    for (Eigen::Index i = 0; i < k; ++i) {
      W.row(i) = here.W.row(keep[static_cast<std::size_t>(i)]);
      b(i) = here.b(keep[static_cast<std::size_t>(i)]);
      W_next.col(i) = next.W.col(keep[static_cast<std::size_t>(i)]);
    }
    here.W = std::move(W);
    here.b = std::move(b);
    next.W = std::move(W_next);
  }
  return out;
}

}  // namespace lab
