#include "models/binning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lab {
namespace {

// A float32 edge between neighbouring training values a < c: their midpoint (scikit-learn's
// threshold), kept below c when rounding to float32 would reach it, so `x <= edge` separates them.
float edge_between(float a, float c) {
  const float t = static_cast<float>(a / 2.0 + c / 2.0);
  return t >= c || std::isinf(t) ? a : t;
}

// numpy's percentile with method="midpoint" over sorted values: the mean of the two order
// statistics around the fractional rank share * (n - 1).
double midpoint_quantile(const std::vector<float>& sorted, double share) {
  const double rank = share * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const auto hi = static_cast<std::size_t>(std::ceil(rank));
  return (static_cast<double>(sorted[lo]) + static_cast<double>(sorted[hi])) / 2.0;
}

}  // namespace

std::uint8_t FeatureBins::bin_of(float x) const {
  if (std::isnan(x)) return missing_bin();
  return static_cast<std::uint8_t>(std::lower_bound(edges.begin(), edges.end(), x) - edges.begin());
}

float FeatureBins::threshold_after(int b) const {
  return b < static_cast<int>(edges.size()) ? edges[static_cast<std::size_t>(b)]
                                            : std::numeric_limits<float>::infinity();
}

FeatureBins fit_feature_bins(std::vector<float> values, int max_bins) {
  values.erase(std::remove_if(values.begin(), values.end(), [](float v) { return std::isnan(v); }), values.end());
  std::sort(values.begin(), values.end());
  std::vector<float> distinct = values;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  FeatureBins out;
  if (distinct.size() <= static_cast<std::size_t>(max_bins)) {
    for (std::size_t k = 1; k < distinct.size(); ++k) out.edges.push_back(edge_between(distinct[k - 1], distinct[k]));
    return out;
  }
  // Too many values: scikit-learn's max_bins - 1 midpoint quantiles, each moved to the gap
  // after the largest value at or below it (the same rows fall on each side). Quantiles that
  // land in one gap make one edge, so a feature with heavy ties gets fewer, never empty, bins.
  std::size_t last_gap = 0;  // 1 + index of the value below the previous edge; 0: none yet
  for (int q = 1; q < max_bins; ++q) {
    const double cut = midpoint_quantile(values, static_cast<double>(q) / max_bins);
    const auto above =
        static_cast<std::size_t>(std::upper_bound(distinct.begin(), distinct.end(), cut,
                                                  [](double c, float v) { return c < static_cast<double>(v); }) -
                                 distinct.begin());
    if (above == 0 || above >= distinct.size() || above == last_gap) continue;
    out.edges.push_back(edge_between(distinct[above - 1], distinct[above]));
    last_gap = above;
  }
  return out;
}

BinnedColumns bin_columns(const FloatRows& X, int max_bins) {
  max_bins = std::min(std::max(max_bins, 2), limits::kMaxBins);
  BinnedColumns out;
  out.rows = X.rows();
  out.features.resize(static_cast<std::size_t>(X.cols()));
  out.codes.resize(static_cast<std::size_t>(X.rows() * X.cols()));
  std::vector<float> column(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index f = 0; f < X.cols(); ++f) {
    for (Eigen::Index i = 0; i < X.rows(); ++i) column[static_cast<std::size_t>(i)] = X(i, f);
    FeatureBins& bins = out.features[static_cast<std::size_t>(f)];
    bins = fit_feature_bins(column, max_bins);
    std::uint8_t* codes = out.codes.data() + static_cast<std::size_t>(f * X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) codes[i] = bins.bin_of(column[static_cast<std::size_t>(i)]);
  }
  return out;
}

}  // namespace lab
