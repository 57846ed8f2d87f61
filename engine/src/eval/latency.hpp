// Inference latency measured by running the model: the median and 90th percentile of the
// per-call time of single-row calls (each row predicted on its own, rows taken in turn) and of
// whole-batch calls, over blocks of repeated calls (a block lasts >= block_ms, so even a
// browser's coarse clock resolves sub-microsecond calls), timed with std::chrono::steady_clock (monotonic; in the
// browser build it reads performance.now(), so the numbers are the learner's own machine). Runs repeat until the time
// budget is spent (at least `min_runs` of each, at most the caps), which keeps a trade-off run
// of a dozen variants around a second whatever the model.
#pragma once
#include <functional>
#include <vector>

#include "lab/json.hpp"

namespace lab {

struct LatencyOptions {
  double budget_ms = 80;          // split evenly between single-row and batch runs
  double block_ms = 2;            // calls are timed in blocks at least this long (coarse browser clocks)
  int min_runs = 5;               // blocks
  int max_single_runs = 1000000;  // calls
  int max_batch_runs = 2000;      // calls
};

struct Latency {
  double single_median_us = 0, single_p90_us = 0;
  double batch_median_us = 0, batch_p90_us = 0;
  int single_runs = 0, batch_runs = 0, batch_rows = 0;
  OrderedJson to_json() const;
};

// `predict_row(i)` predicts row i alone (i < rows); `predict_batch()` predicts all rows at once.
Latency measure_latency(const std::function<void(int)>& predict_row, int rows,
                        const std::function<void()>& predict_batch, const LatencyOptions& options = {});

// Linear interpolation between closest ranks (numpy's default), q in [0, 1].
double percentile(std::vector<double> values, double q);

}  // namespace lab
