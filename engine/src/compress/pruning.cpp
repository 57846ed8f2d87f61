#include "compress/pruning.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lab {
namespace {

// Zeroes the `prune` smallest-|w| entries among `positions` of the flat parameters.
void prune_smallest(const Eigen::VectorXf& params, std::vector<Eigen::Index> positions, long prune,
                    Eigen::VectorXf& mask) {
  std::stable_sort(positions.begin(), positions.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return std::abs(params(a)) < std::abs(params(b)); });
  for (long k = 0; k < prune && k < static_cast<long>(positions.size()); ++k)
    mask(positions[static_cast<std::size_t>(k)]) = 0;
}

std::vector<Eigen::Index> kernel_positions(const Mlp::Layer& L) {
  std::vector<Eigen::Index> out(static_cast<std::size_t>(L.in) * static_cast<std::size_t>(L.out));
  std::iota(out.begin(), out.end(), L.weight);
  return out;
}

struct Unit {
  std::size_t layer;
  int index;
  double score;
};

void mask_unit(const Mlp& model, std::size_t l, int j, Eigen::VectorXf& mask) {
  const auto& layers = model.layers();
  const Mlp::Layer& L = layers[l];
  for (int k = 0; k < L.in; ++k)
    mask(L.weight + static_cast<Eigen::Index>(k) * L.out + j) = 0;  // row j (column-major W)
  mask(L.bias + j) = 0;
  if (L.gamma >= 0) {
    mask(L.gamma + j) = 0;
    mask(L.beta + j) = 0;
  }
  const Mlp::Layer& next = layers[l + 1];
  for (int i = 0; i < next.out; ++i) mask(next.weight + static_cast<Eigen::Index>(j) * next.out + i) = 0;  // column j
}

}  // namespace

long pruned_count(long count, double sparsity) {
  return std::min(count, static_cast<long>(std::llround(sparsity * static_cast<double>(count))));
}

Eigen::VectorXf magnitude_mask(const Mlp& model, double sparsity, bool global) {
  Eigen::VectorXf mask = Eigen::VectorXf::Ones(model.params().size());
  if (global) {
    std::vector<Eigen::Index> all;
    for (const auto& L : model.layers()) {
      auto p = kernel_positions(L);
      all.insert(all.end(), p.begin(), p.end());
    }
    prune_smallest(model.params(), all, pruned_count(static_cast<long>(all.size()), sparsity), mask);
  } else {
    for (const auto& L : model.layers()) {
      auto p = kernel_positions(L);
      prune_smallest(model.params(), p, pruned_count(static_cast<long>(p.size()), sparsity), mask);
    }
  }
  return mask;
}

Eigen::VectorXf unit_mask(const Mlp& model, double sparsity, bool global) {
  Eigen::VectorXf mask = Eigen::VectorXf::Ones(model.params().size());
  const auto& layers = model.layers();
  std::vector<std::vector<Unit>> per_layer;
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const Mlp::Layer& L = layers[l];
    Eigen::Map<const Eigen::MatrixXf> W(model.params().data() + L.weight, L.out, L.in);
    std::vector<Unit> units;
    for (int j = 0; j < L.out; ++j) {
      double norm = W.row(j).norm();
      units.push_back({l, j, global ? norm / std::sqrt(static_cast<double>(L.in)) : norm});
    }
    std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) { return a.score < b.score; });
    per_layer.push_back(std::move(units));
  }
  if (!global) {
    for (const auto& units : per_layer) {
      const long prune =
          std::min(pruned_count(static_cast<long>(units.size()), sparsity), static_cast<long>(units.size()) - 1);
      for (long k = 0; k < prune; ++k)
        mask_unit(model, units[static_cast<std::size_t>(k)].layer, units[static_cast<std::size_t>(k)].index, mask);
    }
    return mask;
  }
  std::vector<Unit> all;
  for (const auto& units : per_layer) all.insert(all.end(), units.begin(), units.end());
  std::stable_sort(all.begin(), all.end(), [](const Unit& a, const Unit& b) { return a.score < b.score; });
  std::vector<long> left(per_layer.size());
  for (std::size_t l = 0; l < per_layer.size(); ++l) left[l] = static_cast<long>(per_layer[l].size());
  long prune = pruned_count(static_cast<long>(all.size()), sparsity);
  for (const Unit& u : all) {
    if (prune == 0) break;
    if (left[u.layer] == 1) continue;  // the layer's last unit stays
    mask_unit(model, u.layer, u.index, mask);
    --left[u.layer];
    --prune;
  }
  return mask;
}

Eigen::VectorXf prune_mask(const Mlp& model, double sparsity, const PruneOptions& o) {
  return o.units ? unit_mask(model, sparsity, o.global) : magnitude_mask(model, sparsity, o.global);
}

void apply_mask(Mlp& model, const Eigen::VectorXf& mask) { model.params().array() *= mask.array(); }

double kernel_sparsity(const Mlp& model) {
  long zeros = 0, count = 0;
  for (const auto& L : model.layers()) {
    const Eigen::Index n = static_cast<Eigen::Index>(L.in) * L.out;
    zeros += (model.params().segment(L.weight, n).array() == 0.0f).count();
    count += n;
  }
  return count ? static_cast<double>(zeros) / static_cast<double>(count) : 0.0;
}

bool PolynomialDecay::should_prune(long step) const {
  if (step < begin_step || step > end_step) return false;
  return (step - begin_step) % frequency == 0 || step == end_step;
}

double PolynomialDecay::sparsity(long step) const {
  const double span = static_cast<double>(std::max<long>(end_step - begin_step, 1));
  const double p = std::min(1.0, std::max(0.0, static_cast<double>(step - begin_step) / span));
  return final_sparsity + (initial_sparsity - final_sparsity) * std::pow(1 - p, power);
}

}  // namespace lab
