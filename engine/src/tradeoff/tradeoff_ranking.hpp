// Reading a trade-off table: which variants are on the Pareto front of (score up, latency
// down, size down), and how each deployment scenario ranks them. The score is the task's main
// score (tasks/task.hpp): accuracy for classes, R² for a number; a scenario's "accuracy"
// weight and min_accuracy constraint apply to it.
#pragma once
#include <limits>
#include <string>
#include <vector>

#include "lab/json.hpp"

namespace lab {

struct TradeoffPoint {
  std::string name;
  double score = 0;              // the task's main score, higher is better
  double single_latency_us = 0;  // median of single-row calls
  double batch_latency_us = 0;   // median of whole-test-set calls
  double size_bytes = 0;
  // What the scenario's quality weight reads, higher is better: the score, or the scenario's
  // metric (negated when lower is better, as log loss is); NaN: the score.
  double quality = std::numeric_limits<double>::quiet_NaN();
};

// Names of the points no other point dominates (at least as good on score, single-row
// latency and size, and strictly better on one), in input order.
std::vector<std::string> pareto_front(const std::vector<TradeoffPoint>& points);

// `scenario` is a normalized scenario (see scenario_schema). Each metric is scaled to [0, 1]
// across the points, 1 best (score linearly; latency and size on a log scale, since they
// span orders of magnitude); the score is the weighted mean. Points that miss a constraint rank
// after every point that meets them; equal scores go to the better priority metric, then name.
// `score_name` ("accuracy", "r2") names the score in the violation texts, `quality_name` the
// quality in the method's.
OrderedJson rank_scenario(const Json& scenario, const std::vector<TradeoffPoint>& points, const std::string& score_name,
                          const std::string& quality_name = "");

}  // namespace lab
