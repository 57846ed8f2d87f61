#include "tradeoff/tradeoff_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "tradeoff/budget_ranking.hpp"

namespace lab {
namespace {

std::string fmt(double v) {
  std::ostringstream out;
  out.precision(4);
  out << v;
  return out.str();
}

// Scales `values` to [0, 1] with 1 for the best; `log_scale` compares ratios, not differences.
std::vector<double> scaled(const std::vector<double>& values, bool higher_is_better, bool log_scale) {
  std::vector<double> v = values;
  if (log_scale)
    for (double& x : v) x = std::log(std::max(x, 1e-12));
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  const double low = *lo, high = *hi;
  std::vector<double> out;
  for (double x : v) {
    if (high == low)
      out.push_back(1.0);
    else
      out.push_back(higher_is_better ? (x - low) / (high - low) : (high - x) / (high - low));
  }
  return out;
}

}  // namespace

std::vector<std::string> pareto_front(const std::vector<TradeoffPoint>& points) {
  std::vector<std::string> front;
  for (const auto& a : points) {
    bool dominated = false;
    for (const auto& b : points) {
      const bool no_worse =
          b.score >= a.score && b.single_latency_us <= a.single_latency_us && b.size_bytes <= a.size_bytes;
      const bool better = b.score > a.score || b.single_latency_us < a.single_latency_us || b.size_bytes < a.size_bytes;
      if (no_worse && better) {
        dominated = true;
        break;
      }
    }
    if (!dominated) front.push_back(a.name);
  }
  return front;
}

OrderedJson rank_scenario(const Json& s, const std::vector<TradeoffPoint>& points, const std::string& score_name,
                          const std::string& quality_name) {
  const bool batch = s["latency"] == "batch";
  const std::string priority = s["priority"].get<std::string>();
  const Json& w = s["weights"];
  const Json& c = s["constraints"];
  const double wa = w["accuracy"].get<double>(), wl = w["latency"].get<double>(), ws = w["size"].get<double>();

  std::vector<double> accuracy, quality, latency, size;  // accuracy: the task's main score
  for (const auto& p : points) {
    accuracy.push_back(p.score);
    quality.push_back(std::isnan(p.quality) ? p.score : p.quality);
    latency.push_back(batch ? p.batch_latency_us : p.single_latency_us);
    size.push_back(p.size_bytes);
  }
  const auto a = scaled(quality, true, false), l = scaled(latency, false, true), z = scaled(size, false, true);

  struct Entry {
    std::size_t index;
    double score;
    std::vector<std::string> violations;
    std::vector<ConstraintMiss> misses;  // the same, as codes and numbers (a page words them)
  };
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < points.size(); ++i) {
    Entry e{i, wa + wl + ws > 0 ? (wa * a[i] + wl * l[i] + ws * z[i]) / (wa + wl + ws) : 0.0, {}, {}};
    e.misses = constraint_misses(c, accuracy[i], latency[i], size[i]);
    for (const ConstraintMiss& m : e.misses) {
      if (m.constraint == "min_accuracy")
        e.violations.push_back(score_name + " " + fmt(m.value) + " < " + fmt(m.limit));
      else if (m.constraint == "max_latency_ms")
        e.violations.push_back(std::string(batch ? "batch" : "single-row") + " latency " + fmt(m.value) + " ms > " +
                               fmt(m.limit) + " ms");
      else
        e.violations.push_back("size " + fmt(m.value) + " KB > " + fmt(m.limit) + " KB");
    }
    entries.push_back(std::move(e));
  }
  auto priority_value = [&](std::size_t i) {  // higher is better
    if (priority == "latency") return -latency[i];
    if (priority == "size") return -size[i];
    return quality[i];
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& x, const Entry& y) {
    if (x.violations.empty() != y.violations.empty()) return x.violations.empty();
    if (x.score != y.score) return x.score > y.score;
    if (priority_value(x.index) != priority_value(y.index)) return priority_value(x.index) > priority_value(y.index);
    return points[x.index].name < points[y.index].name;
  });

  OrderedJson ranking = OrderedJson::array();
  for (std::size_t r = 0; r < entries.size(); ++r) {
    const Entry& e = entries[r];
    OrderedJson misses = OrderedJson::array();
    for (const ConstraintMiss& m : e.misses) misses.push_back(m.to_json());
    ranking.push_back(OrderedJson{{"rank", r + 1},
                                  {"name", points[e.index].name},
                                  {"score", e.score},
                                  {"meets_constraints", e.violations.empty()},
                                  {"violations", e.violations},
                                  {"misses", misses}});
  }
  OrderedJson out;
  out["name"] = s["name"];
  out["title"] = s.value("title", s["name"].get<std::string>());
  out["priority"] = priority;
  out["latency"] = s["latency"];
  out["weights"] = w;
  out["constraints"] = c;
  out["metric"] = s.value("metric", std::string("score"));
  const std::string& quality_words = quality_name.empty() ? score_name : quality_name;
  out["method"] = "score = (" + fmt(wa) + " * " + quality_words + " + " + fmt(wl) + " * latency + " + fmt(ws) +
                  " * size) / " + fmt(wa + wl + ws) +
                  ", each scaled to [0, 1] across the variants with 1 best "
                  "(" +
                  quality_words + " linearly; " + (batch ? "whole-batch" : "single-row") +
                  " median latency and serialized size on a log scale); variants that miss a constraint rank after "
                  "all that meet them; equal scores go to the better " +
                  priority;
  out["ranking"] = ranking;
  return out;
}

}  // namespace lab
