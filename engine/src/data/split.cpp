#include "data/split.hpp"

#include <algorithm>
#include <cmath>

#include "core/random.hpp"

namespace lab {
namespace {

int class_count(const std::vector<int>& labels) {
  int count = 0;
  for (int l : labels) count = std::max(count, l + 1);
  return count;
}

}  // namespace

SplitRows split_rows(const std::vector<int>& labels, double test, double validation, bool stratify,
                     std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::vector<int>> groups(stratify ? static_cast<std::size_t>(class_count(labels)) : 1);
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) groups[stratify ? labels[i] : 0].push_back(i);
  SplitRows out;
  for (auto& g : groups) {
    rng.shuffle(g);
    const double n = static_cast<double>(g.size());
    std::size_t n_test = static_cast<std::size_t>(std::llround(n * test));
    std::size_t n_val = static_cast<std::size_t>(std::llround(n * validation));
    n_test = std::min(n_test, g.size());
    n_val = std::min(n_val, g.size() - n_test);
    out.test.insert(out.test.end(), g.begin(), g.begin() + n_test);
    out.validation.insert(out.validation.end(), g.begin() + n_test, g.begin() + n_test + n_val);
    out.train.insert(out.train.end(), g.begin() + n_test + n_val, g.end());
  }
  for (auto* v : {&out.train, &out.validation, &out.test}) std::sort(v->begin(), v->end());
  return out;
}

std::vector<int> stratified_folds(const std::vector<int>& labels, int k, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<int> fold(labels.size(), 0);
  int next = 0;  // continue the round-robin across classes so fold sizes differ by at most one
  for (int cls = 0; cls < class_count(labels); ++cls) {
    std::vector<int> g;
    for (int i = 0; i < static_cast<int>(labels.size()); ++i)
      if (labels[i] == cls) g.push_back(i);
    rng.shuffle(g);
    for (int i : g) fold[i] = next++ % k;
  }
  return fold;
}

}  // namespace lab
