// Seeded, stratified train/validation/test splits and k-fold assignment (own PRNG, so the
// same seed gives the same rows natively and in the browser).
#pragma once
#include <cstdint>
#include <vector>

namespace lab {

// The spec's split section.
struct SplitOptions {
  double test = 0.2;  // fractions of rows held out
  double validation = 0.2;
  bool stratify = true;
  std::uint64_t seed = 42;
};

struct SplitRows {
  std::vector<int> train, validation, test;  // indices into the labelled rows, ascending
};

// `labels` are class indices 0..k-1 (all 0 for one stratum). Each class is shuffled and cut by rounding n_class *
// fraction, so small classes stay represented in every non-empty split.
SplitRows split_rows(const std::vector<int>& labels, double test, double validation, bool stratify, std::uint64_t seed);

// Fold index (0..k-1) of each row, stratified by label.
std::vector<int> stratified_folds(const std::vector<int>& labels, int k, std::uint64_t seed);

}  // namespace lab
