// Feature binning for histogram gradient boosting, as scikit-learn's HistGradientBoosting*
// bins: once per fit, each feature's training values get at most max_bins (<= 255) bins, one
// per distinct value when there are that few, else cut at the midpoint quantiles of the rows.
// Missing values (NaN) get a bin of their own after the others.
//
// Every cut is a float32 edge between two neighbouring training values, and a value's bin is
// the first bin whose edge is >= it. So `x <= edges[b]` on a raw float32 value holds exactly
// for the values of bins 0..b, and a tree split "bins <= b go left" becomes the Tree node
// threshold edges[b]. NaN fails every `<=`, which is why its bin comes last: a split sends it
// right, as Tree::leaf_of and the exported trees do.
#pragma once
#include <cstdint>
#include <vector>

#include "core/float_rows.hpp"
#include "core/limits.hpp"

namespace lab {

struct FeatureBins {
  std::vector<float> edges;  // ascending; bin b holds edges[b-1] < x <= edges[b]; the last bin has no upper edge

  int value_bins() const { return static_cast<int>(edges.size()) + 1; }
  std::uint8_t missing_bin() const { return static_cast<std::uint8_t>(edges.size() + 1); }
  std::uint8_t bin_of(float x) const;
  // The Tree threshold that sends bins 0..b left: that bin's upper edge; +infinity for the last
  // value bin (every value left, only missing values right).
  float threshold_after(int b) const;
};

// Bin codes of every row, column-major: a feature's codes are contiguous, which is the order
// a histogram reads them in.
struct BinnedColumns {
  Eigen::Index rows = 0;
  std::vector<FeatureBins> features;
  std::vector<std::uint8_t> codes;  // codes[f * rows + i]

  int cols() const { return static_cast<int>(features.size()); }
  const std::uint8_t* column(int f) const {
    return codes.data() + static_cast<std::size_t>(f) * static_cast<std::size_t>(rows);
  }
};

// Edges learned from every row of X (max_bins in 2..limits::kMaxBins), then X's codes.
BinnedColumns bin_columns(const FloatRows& X, int max_bins);

// One feature's edges from its values (NaN ignored).
FeatureBins fit_feature_bins(std::vector<float> values, int max_bins);

}  // namespace lab
