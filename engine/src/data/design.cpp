#include "data/design.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/limits.hpp"
#include "lab/error.hpp"

namespace lab {
namespace {

// The same order statistics a sort would give, in linear time (a 100k-row column's sort was
// ~3 % of a large run's time in wasm).
double median(std::vector<double> v) {
  const std::size_t n = v.size(), half = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(half), v.end());
  if (n % 2) return v[half];
  const double below = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(half));
  return 0.5 * (below + v[half]);
}

double log1p_checked(double x, const Frame& frame, const std::string& name, int row) {
  if (x <= -1)
    fail_file(frame.file, frame.lines[row], 0,
              "log1p of column '" + name + "' needs values above -1, got " + std::to_string(x));
  return std::log1p(x);
}

}  // namespace

Preprocessor Preprocessor::fit(const Frame& frame, const std::string& target, const std::vector<int>& rows,
                               const PreprocessOptions& options) {
  Preprocessor p;
  for (const auto& name : options.log1p) {
    bool found = false;
    for (const auto& c : frame.columns) {
      if (c.name != name) continue;
      found = true;
      if (!c.numeric) fail_field("preprocess.log1p", "column '" + name + "' is not numeric");
    }
    if (!found) fail_field("preprocess.log1p", "column '" + name + "' is not a selected feature");
  }
  for (const auto& c : frame.columns) {
    if (c.name == target) continue;
    Feature f;
    f.name = c.name;
    f.numeric = c.numeric;
    f.log1p = std::find(options.log1p.begin(), options.log1p.end(), c.name) != options.log1p.end();
    if (c.numeric) {
      std::vector<double> present;
      for (int r : rows)
        if (!c.missing[r]) present.push_back(f.log1p ? log1p_checked(c.number[r], frame, c.name, r) : c.number[r]);
      if (present.empty())
        fail_field("dataset.features", "feature '" + c.name + "' has no values in the training rows");
      if (options.impute == "median") {
        f.fill = median(present);
      } else {
        double sum = 0;
        for (double x : present) sum += x;
        f.fill = sum / present.size();
      }
      p.columns.push_back(c.name);
      p.column_feature.push_back(static_cast<int>(p.features.size()));
    } else {
      std::map<std::string, int> counts;
      for (int r : rows)
        if (!c.missing[r]) ++counts[c.text[r]];
      if (counts.empty()) fail_field("dataset.features", "feature '" + c.name + "' has no values in the training rows");
      if (counts.size() > static_cast<std::size_t>(limits::kMaxCategories))
        fail_field("dataset.features", "feature '" + c.name + "' has " + std::to_string(counts.size()) +
                                           " categories; the limit is " + std::to_string(limits::kMaxCategories));
      int best = -1;
      for (const auto& [value, count] : counts) {  // map order: ties go to the smallest value
        f.categories.push_back(value);
        if (count > best) {
          best = count;
          f.fill_text = value;
        }
      }
      // A two-valued column becomes one indicator (scikit-learn's drop="if_binary"): two
      // mirrored columns would make the L1 optimum non-unique and slow coordinate descent.
      f.binary = f.categories.size() == 2;
      for (std::size_t k = f.binary ? 1 : 0; k < f.categories.size(); ++k) {
        const std::string& value = f.categories[k];
        p.columns.push_back(c.name + "=" + value);
        p.column_feature.push_back(static_cast<int>(p.features.size()));
      }
    }
    p.features.push_back(std::move(f));
  }
  if (p.columns.empty()) fail_field("dataset.features", "no feature columns left besides the target");
  if (p.columns.size() > static_cast<std::size_t>(limits::kMaxDesignColumns))
    fail_field("dataset.features", "the design has " + std::to_string(p.columns.size()) + " columns; the limit is " +
                                       std::to_string(limits::kMaxDesignColumns));
  const std::size_t d = p.columns.size();
  p.mean = Eigen::VectorXd::Zero(d);
  p.scale = Eigen::VectorXd::Ones(d);
  if (options.scale) {
    Eigen::MatrixXd raw = p.transform(frame, rows);
    const double n = static_cast<double>(rows.size());
    p.mean = raw.colwise().sum().transpose() / n;
    for (std::size_t j = 0; j < d; ++j) {
      double var = (raw.col(j).array() - p.mean(j)).square().sum() / n;
      // A column constant in the training rows keeps scale 1, as StandardScaler does.
      p.scale(j) = var > 0 ? std::sqrt(var) : 1.0;
    }
  }
  return p;
}

Eigen::MatrixXd Preprocessor::transform(const Frame& frame, const std::vector<int>& rows) const {
  Eigen::MatrixXd X =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(columns.size()));
  Eigen::Index col = 0;
  for (const auto& f : features) {
    const Column& c = frame.column(f.name, "dataset.features");
    if (f.numeric) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        int r = rows[i];
        double x = c.missing[r] ? f.fill : (f.log1p ? log1p_checked(c.number[r], frame, c.name, r) : c.number[r]);
        X(static_cast<Eigen::Index>(i), col) = x;
      }
      ++col;
    } else {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string& v = c.missing[rows[i]] ? f.fill_text : c.text[rows[i]];
        auto it = std::lower_bound(f.categories.begin(), f.categories.end(), v);
        if (it == f.categories.end() || *it != v) continue;
        Eigen::Index k = it - f.categories.begin();
        if (f.binary && k == 0) continue;  // the dropped first category
        X(static_cast<Eigen::Index>(i), col + k - (f.binary ? 1 : 0)) = 1.0;
      }
      col += static_cast<Eigen::Index>(f.categories.size()) - (f.binary ? 1 : 0);
    }
  }
  if (mean.size() == X.cols()) {
    X.rowwise() -= mean.transpose();
    X.array().rowwise() /= scale.transpose().array();
  }
  return X;
}

}  // namespace lab
